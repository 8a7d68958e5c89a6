//! zsnas patch: 3×3 average pooling with stride 1 and padding 1 (NAS-Bench-201's `avg_pool_3x3`
//! op), forward and backward, f32, NCHW, every target. burn-flex's general pooling visits the
//! window element by element with bounds checks on every tap, and its backward scatters each
//! output gradient; on an NB201 cell with pooling edges the backward alone took a fifth of a
//! loss gradient's time (zsnas `docs/SPEED.md`). Here both directions are one separable box sum
//! (three rows, then three columns) per plane:
//! - forward: `y = box(x) / divisor`;
//! - backward: `dx = box(dy / divisor)`, since the window is symmetric;
//!
//! with `divisor` 9, or with `count_include_pad == false` the number of window taps inside the
//! map (rows × columns in range). The additions come in another order than burn-flex's, so
//! results differ from it by f32 rounding; `ZSNAS_FLEX_KERNELS=0` restores its path.

use alloc::vec;
use alloc::vec::Vec;

use burn_backend::{DType, TensorMetadata};

use crate::FlexTensor;
use crate::ops::zsnas::{for_each_chunk, owned};

/// `[batch, channels, height, width]` when this file handles the pooling, `None` otherwise.
fn handled(
    x: &FlexTensor,
    kernel_size: [usize; 2],
    stride: [usize; 2],
    padding: [usize; 2],
) -> Option<[usize; 4]> {
    let shape = x.shape();
    let fits = kernel_size == [3, 3]
        && stride == [1, 1]
        && padding == [1, 1]
        && x.dtype() == DType::F32
        && shape.num_dims() == 4
        && crate::ops::zsnas::enabled();
    if !fits {
        return None;
    }
    let dims = [shape[0], shape[1], shape[2], shape[3]];
    (dims.iter().all(|&d| d > 0)).then_some(dims)
}

/// How many of the three taps centred on `i` fall inside `0..n`.
fn taps(i: usize, n: usize) -> usize {
    1 + usize::from(i > 0) + usize::from(i + 1 < n)
}

/// The divisor of every window of a `height × width` plane, row-major.
fn divisors(height: usize, width: usize, count_include_pad: bool) -> Vec<f32> {
    (0..height * width)
        .map(|k| match count_include_pad {
            true => 9.0,
            false => (taps(k / width, height) * taps(k % width, width)) as f32,
        })
        .collect()
}

/// `r[j] = s[j − 1] + s[j] + s[j + 1]`, taps outside the row counting as zero.
fn sum3(s: &[f32], r: &mut [f32]) {
    let w = s.len();
    if w == 1 {
        r[0] = s[0];
        return;
    }
    r[0] = s[0] + s[1];
    for (v, t) in r[1..w - 1].iter_mut().zip(s.windows(3)) {
        *v = t[0] + t[1] + t[2];
    }
    r[w - 1] = s[w - 2] + s[w - 1];
}

/// `out[i, j]` = Σ of `src` over the 3×3 window centred on `(i, j)`, taps outside the plane
/// counting as zero: three taps along each row into `rows` (scratch, same size), then three rows.
fn box_sum(src: &[f32], height: usize, width: usize, rows: &mut [f32], out: &mut [f32]) {
    for (s, r) in src.chunks_exact(width).zip(rows.chunks_exact_mut(width)) {
        sum3(s, r);
    }
    let row = |i: usize| &rows[i * width..][..width];
    for (i, o) in out.chunks_exact_mut(width).enumerate() {
        o.copy_from_slice(row(i));
        let neighbours = [i.checked_sub(1), (i + 1 < height).then_some(i + 1)];
        for r in neighbours.into_iter().flatten() {
            o.iter_mut().zip(row(r)).for_each(|(v, &a)| *v += a);
        }
    }
}

/// Runs `plane(src, scratch, out)` on every `[height, width]` plane, one sample per task, with
/// `scratch_planes` planes of scratch.
fn per_plane(
    src: &[f32],
    [batch, channels, height, width]: [usize; 4],
    scratch_planes: usize,
    plane: impl Fn(&[f32], &mut [f32], &mut [f32]) + Send + Sync,
) -> FlexTensor {
    let size = height * width;
    let mut out = vec![0f32; batch * channels * size];
    for_each_chunk(
        &mut out,
        channels * size,
        #[inline(always)]
        |n, o| {
            let mut scratch = vec![0f32; scratch_planes * size];
            let s = &src[n * channels * size..][..channels * size];
            for (sp, op) in s.chunks_exact(size).zip(o.chunks_exact_mut(size)) {
                plane(sp, &mut scratch, op);
            }
        },
    );
    owned(out, &[batch, channels, height, width])
}

/// `avg_pool2d` of `x`, or `None` where this file does not apply (burn-flex's path then runs).
pub(crate) fn try_forward(
    x: &FlexTensor,
    kernel_size: [usize; 2],
    stride: [usize; 2],
    padding: [usize; 2],
    count_include_pad: bool,
) -> Option<FlexTensor> {
    let dims = handled(x, kernel_size, stride, padding)?;
    let [_, _, height, width] = dims;
    let div = divisors(height, width, count_include_pad);
    let x = x.clone().to_contiguous();
    Some(per_plane(x.storage(), dims, 1, |src, rows, out| {
        box_sum(src, height, width, rows, out);
        out.iter_mut().zip(&div).for_each(|(v, &d)| *v /= d);
    }))
}

/// `avg_pool2d_backward`: the gradient with respect to `x` given the output gradient `grad`, or
/// `None` where this file does not apply.
pub(crate) fn try_backward(
    x: &FlexTensor,
    grad: &FlexTensor,
    kernel_size: [usize; 2],
    stride: [usize; 2],
    padding: [usize; 2],
    count_include_pad: bool,
) -> Option<FlexTensor> {
    let dims = handled(x, kernel_size, stride, padding)?;
    if grad.dtype() != DType::F32 || grad.shape() != x.shape() {
        return None;
    }
    let [_, _, height, width] = dims;
    let div = divisors(height, width, count_include_pad);
    let grad = grad.clone().to_contiguous();
    Some(per_plane(grad.storage(), dims, 2, |src, scratch, out| {
        let (scaled, rows) = scratch.split_at_mut(src.len());
        for ((q, &g), &d) in scaled.iter_mut().zip(src).zip(&div) {
            *q = g / d;
        }
        box_sum(scaled, height, width, rows, out);
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window sum by definition, tap by tap.
    fn naive(src: &[f32], h: usize, w: usize) -> Vec<f32> {
        let mut out = vec![0f32; h * w];
        for i in 0..h {
            for j in 0..w {
                for di in [-1isize, 0, 1] {
                    for dj in [-1isize, 0, 1] {
                        let (a, b) = (i as isize + di, j as isize + dj);
                        if a >= 0 && b >= 0 && (a as usize) < h && (b as usize) < w {
                            out[i * w + j] += src[a as usize * w + b as usize];
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn box_sum_matches_the_window_sum() {
        for (h, w) in [(1, 1), (1, 5), (4, 1), (2, 2), (5, 7), (8, 8)] {
            let src: Vec<f32> = (0..h * w).map(|k| (k * 7 % 11) as f32 - 5.0).collect();
            let (mut rows, mut out) = (vec![0f32; h * w], vec![0f32; h * w]);
            box_sum(&src, h, w, &mut rows, &mut out);
            assert_eq!(out, naive(&src, h, w), "{h}×{w}");
        }
    }
}
