//! zsnas patch: the weight gradient of a 3×3 convolution with stride 1, padding 1 and one group
//! where the direct kernels (`conv3x3.rs`) do not run — NB201's 8×8 stage in f32 (and 4×4 on
//! ImageNet16-120, f64 too), wasm and CPUs without AVX2 — as one gemm per sample: an im2col of
//! that sample, `[ci·9, h·w]`, times its output gradient. burn-backend builds this gradient as a
//! convolution whose kernel is the whole output-gradient map, which burn-flex ran as a gemm
//! nine columns wide per input channel (zsnas `docs/SPEED.md`).

use alloc::vec;

use burn_backend::{DType, Element, TensorMetadata, ops::ConvOptions};

use crate::FlexTensor;
use crate::ops::zsnas::{Planes, enabled, float_4d, for_each_chunk, owned, readable, threads};

/// `conv2d` for the correlation burn-backend's default `conv2d_weight_backward` builds for a
/// 3×3 convolution with stride 1 and padding 1: input `[ci, n, h, w]` and output gradient
/// `[co, n, h, w]` (batch and channels swapped) as the "kernel", padding 1, giving
/// `[ci, co, 3, 3]`; `None` otherwise, and where there are fewer samples than threads (the work
/// is split by sample; burn-flex's path splits by channel).
pub(crate) fn try_conv2d(
    x: &FlexTensor,
    weight: &FlexTensor,
    bias: Option<&FlexTensor>,
    options: &ConvOptions<2>,
) -> Option<FlexTensor> {
    let unit = options.stride == [1, 1]
        && options.padding == [(1, 1), (1, 1)]
        && options.dilation == [1, 1]
        && options.groups == 1;
    if !enabled() || !unit || bias.is_some() {
        return None;
    }
    let dtype = float_4d(&[x, weight])?;
    let (xs, ws) = (x.shape(), weight.shape());
    let whole_map = ws[1] == xs[1] && ws[2] == xs[2] && ws[3] == xs[3];
    if !whole_map || xs[1] < threads() || xs[0] == 0 || ws[0] == 0 || xs[2] * xs[3] == 0 {
        return None;
    }
    let (x, dy) = (readable(x), readable(weight));
    Some(match dtype {
        DType::F32 => weight_grad::<f32>(&x, &dy),
        _ => weight_grad::<f64>(&x, &dy),
    })
}

/// `dw[co, ci, kh, kw] = Σ_n Σ_{y,x} dy[n, co, y, x] · x[n, ci, y + kh − 1, x + kw − 1]` (zero
/// outside the map) from the swapped `x` `[ci, n, h, w]` and `dy` `[co, n, h, w]`, returned as
/// `[ci, co, 3, 3]` (stored `[co, ci, 3, 3]`, so the caller's swap back is contiguous). Each task
/// takes a run of samples, with its own im2col buffer and partial sum; the partials are added
/// at the end.
fn weight_grad<T: Element + bytemuck::Pod + num_traits::Float + Send + Sync>(
    x: &FlexTensor,
    dy: &FlexTensor,
) -> FlexTensor {
    let (xs, ys) = (x.shape(), dy.shape());
    let (ci, n, h, w, co) = (xs[0], xs[1], xs[2], xs[3], ys[0]);
    let (plane, taps) = (h * w, ci * 9);
    let (xp, yp) = (Planes::<T>::of(x), Planes::<T>::of(dy));
    let tasks = n.min(threads()).max(1);
    let block = co * taps;
    let mut partial = vec![T::zero(); tasks * block];
    for_each_chunk(&mut partial, block, |t, part| {
        let mut cols = vec![T::zero(); taps * plane];
        for s in t * n / tasks..(t + 1) * n / tasks {
            for c in 0..ci {
                im2col_3x3(
                    xp.plane(c, s, plane),
                    h,
                    w,
                    &mut cols[c * 9 * plane..][..9 * plane],
                );
            }
            // part[co, tap] += Σ_p dy[co, s, p] · cols[tap, p].
            // SAFETY: `part` holds co × taps elements and `cols` taps × plane; `at` checks the
            // first element of each dy plane, which holds `plane` elements at unit stride.
            unsafe {
                gemm::gemm(
                    co,
                    taps,
                    plane,
                    part.as_mut_ptr(),
                    1,
                    taps as isize,
                    true,
                    yp.at(0, s),
                    1,
                    yp.strides[0] as isize,
                    cols.as_ptr(),
                    plane as isize,
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
    for part in rest.chunks_exact(block) {
        first.iter_mut().zip(part).for_each(|(o, &v)| *o = *o + v);
    }
    partial.truncate(block);
    owned(partial, &[co, ci, 3, 3]).transpose(0, 1)
}

/// The nine shifted copies of one `h × w` plane that a 3×3 window with padding 1 reads:
/// `cols[kh·3 + kw][y·w + x] = src[y + kh − 1][x + kw − 1]`, zero outside the plane.
fn im2col_3x3<T: Element + num_traits::Float>(src: &[T], h: usize, w: usize, cols: &mut [T]) {
    for (tap, col) in cols.chunks_exact_mut(h * w).enumerate() {
        let (kh, kw) = (tap / 3, tap % 3);
        for (y, out) in col.chunks_exact_mut(w).enumerate() {
            let Some(sy) = (y + kh).checked_sub(1).filter(|&sy| sy < h) else {
                out.fill(T::zero());
                continue;
            };
            let row = &src[sy * w..][..w];
            match kw {
                0 => {
                    out[0] = T::zero();
                    out[1..].copy_from_slice(&row[..w - 1]);
                }
                1 => out.copy_from_slice(row),
                _ => {
                    out[..w - 1].copy_from_slice(&row[1..]);
                    out[w - 1] = T::zero();
                }
            }
        }
    }
}
