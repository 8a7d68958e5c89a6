//! zsnas patch: the two gradients of a 1×1 convolution with stride 1, no padding and one group
//! (NB201's `nor_conv_1x1` and the residual blocks' shortcut) as small gemms on the NCHW data in
//! place, f32 and f64, every target. burn-backend builds the input gradient as a transposed
//! convolution, and the weight gradient as a convolution whose kernel is the whole
//! output-gradient map; burn-flex ran the second as a transposed copy of both operands, im2col
//! and a matrix-vector gemm per input channel: over 40 % of a loss gradient's time on a cell of
//! 1×1 convolutions (zsnas `docs/SPEED.md`). The forward is already one gemm per sample upstream.

use alloc::vec;

use burn_backend::{
    DType, Element, TensorMetadata,
    ops::{ConvOptions, ConvTransposeOptions},
};

use crate::FlexTensor;
use crate::ops::zsnas::{Planes, enabled, float_4d, for_each_chunk, owned, readable, threads};

/// `conv2d` for the correlation burn-backend's default `conv2d_weight_backward` builds for a
/// 1×1 convolution: input `[ci, n, h, w]` and output gradient `[co, n, h, w]` (batch and
/// channels swapped) as the "kernel", no padding, giving `[ci, co, 1, 1]`; `None` otherwise.
/// The same sum is any no-padding convolution whose kernel covers the whole map.
pub(crate) fn try_conv2d(
    x: &FlexTensor,
    weight: &FlexTensor,
    bias: Option<&FlexTensor>,
    options: &ConvOptions<2>,
) -> Option<FlexTensor> {
    let unit = options.stride == [1, 1]
        && options.padding == [(0, 0), (0, 0)]
        && options.dilation == [1, 1]
        && options.groups == 1;
    if !enabled() || !unit || bias.is_some() {
        return None;
    }
    let dtype = float_4d(&[x, weight])?;
    let (xs, ws) = (x.shape(), weight.shape());
    let whole_map = ws[1] == xs[1] && ws[2] == xs[2] && ws[3] == xs[3];
    // One output position: anything smaller than the whole map is an ordinary convolution.
    if !whole_map || ws[2] * ws[3] < 2 {
        return None;
    }
    let (x, weight) = (readable(x), readable(weight));
    Some(match dtype {
        DType::F32 => whole_map_correlation::<f32>(&x, &weight),
        _ => whole_map_correlation::<f64>(&x, &weight),
    })
}

/// `out[a, b] = Σ_c Σ_p x[a, c, p] · k[b, c, p]`, returned as `[a, b, 1, 1]` (stored `[b, a]`,
/// so the caller's swap back to the weight gradient's `[co, ci]` is contiguous). One gemm per
/// `c` (a sample, in the weight gradient), accumulated per task and summed at the end.
fn whole_map_correlation<T: Element + bytemuck::Pod + num_traits::Float + Send + Sync>(
    x: &FlexTensor,
    k: &FlexTensor,
) -> FlexTensor {
    let (xs, ks) = (x.shape(), k.shape());
    let (a_len, c_len, b_len, plane) = (xs[0], xs[1], ks[0], xs[2] * xs[3]);
    let (xp, kp) = (Planes::<T>::of(x), Planes::<T>::of(k));
    let tasks = c_len.min(threads()).max(1);
    let block = a_len * b_len;
    let mut partial = vec![T::zero(); tasks * block];
    for_each_chunk(&mut partial, block.max(1), |t, part| {
        for c in t * c_len / tasks..(t + 1) * c_len / tasks {
            // part[b, a] += Σ_p x[a, c, p] · k[b, c, p]: rows a (stride 1 in part), columns b.
            // SAFETY: every pointer stays inside its buffer: `at` checks the first element of
            // each plane, and a plane holds `plane` elements at unit stride (`Planes::of`).
            unsafe {
                gemm::gemm(
                    a_len,
                    b_len,
                    plane,
                    part.as_mut_ptr(),
                    a_len as isize,
                    1,
                    true,
                    xp.at(0, c),
                    1,
                    xp.strides[0] as isize,
                    kp.at(0, c),
                    kp.strides[0] as isize,
                    1,
                    T::one(),
                    T::one(),
                    false,
                    false,
                    false,
                    gemm::Parallelism::None,
                );
            }
        }
    });
    let (first, rest) = partial.split_at_mut(block);
    for part in rest.chunks_exact(block.max(1)) {
        first.iter_mut().zip(part).for_each(|(o, &v)| *o = *o + v);
    }
    partial.truncate(block);
    owned(partial, &[b_len, a_len, 1, 1]).transpose(0, 1)
}

/// `conv_transpose2d` with a 1×1 kernel, stride 1, no padding and one group: the input gradient
/// of a 1×1 convolution (burn-backend's default `conv2d_x_backward`), `dx[n] = Wᵀ · dy[n]`;
/// `None` otherwise.
pub(crate) fn try_conv_transpose2d(
    dy: &FlexTensor,
    weight: &FlexTensor,
    bias: Option<&FlexTensor>,
    options: &ConvTransposeOptions<2>,
) -> Option<FlexTensor> {
    let unit = options.stride == [1, 1]
        && options.padding == [0, 0]
        && options.padding_out == [0, 0]
        && options.dilation == [1, 1]
        && options.groups == 1;
    if !enabled() || !unit || bias.is_some() {
        return None;
    }
    let dtype = float_4d(&[dy, weight])?;
    let (ys, ws) = (dy.shape(), weight.shape());
    if ws[0] != ys[1] || ws[2] != 1 || ws[3] != 1 {
        return None;
    }
    let (dy, weight) = (readable(dy), readable(weight));
    Some(match dtype {
        DType::F32 => transposed_1x1::<f32>(&dy, &weight),
        _ => transposed_1x1::<f64>(&dy, &weight),
    })
}

/// `dx[n, ci, p] = Σ_co w[co, ci] · dy[n, co, p]`, one gemm per sample.
fn transposed_1x1<T: Element + bytemuck::Pod + num_traits::Float + Send + Sync>(
    dy: &FlexTensor,
    weight: &FlexTensor,
) -> FlexTensor {
    let (ys, ws) = (dy.shape(), weight.shape());
    let (n, co, ci, plane) = (ys[0], ys[1], ws[1], ys[2] * ys[3]);
    let (yp, wp) = (Planes::<T>::of(dy), Planes::<T>::of(weight));
    let mut dx = vec![T::zero(); n * ci * plane];
    for_each_chunk(&mut dx, (ci * plane).max(1), |s, out| {
        // SAFETY: as in `whole_map_correlation`; `out` holds `ci × plane` elements.
        unsafe {
            gemm::gemm(
                ci,
                plane,
                co,
                out.as_mut_ptr(),
                1,
                plane as isize,
                false,
                wp.at(0, 0),
                wp.strides[0] as isize,
                wp.strides[1] as isize,
                yp.at(s, 0),
                1,
                yp.strides[1] as isize,
                T::zero(),
                T::one(),
                false,
                false,
                false,
                gemm::Parallelism::None,
            );
        }
    });
    owned(dx, &[n, ci, ys[2], ys[3]])
}
