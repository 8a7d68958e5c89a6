//! zsnas patch: batch normalisation with batch statistics (`batch_norm_train`) in three passes
//! over NCHW memory (mean, variance about it, output) and its backward in two (sums, input
//! gradient). burn-backend's defaults compose them from tensor ops:
//! a transposed copy of the input for each statistic and about ten full element-wise passes
//! forward, more backward, which cost NB201 networks as much as some of their convolutions
//! (zsnas `docs/SPEED.md`). Statistics accumulate in f64; the result is the same formula.
//! With `ZSNAS_FLEX_KERNELS=0` (`zsnas.rs`) both run burn-backend's default bodies, copied below
//! because an overriding impl cannot call the trait's default.

use alloc::vec::Vec;

use burn_backend::ops::{FloatTensorOps, ModuleOps};
use burn_backend::{DType, Element, Scalar, TensorMetadata};
use burn_std::{Shape, bf16, f16};
use num_traits::Float;

use crate::ops::isa::widest;
use crate::ops::module::{cast_from_f32, cast_to_f32};
use crate::ops::zsnas::{owned, written};
use crate::{Flex, FlexTensor};

#[cfg(feature = "rayon")]
use rayon::prelude::*;

/// `[batch, channels, rest]` of a tensor of rank ≥ 2.
fn dims(x: &FlexTensor) -> (usize, usize, usize) {
    let s = x.shape();
    let d = s.as_slice();
    (d[0], d[1], d[2..].iter().product())
}

/// Maps `f` over channel indices, in parallel where rayon is on, each call compiled for the
/// widest instruction set found (`isa::widest`).
fn per_channel<R: Send>(channels: usize, f: impl Fn(usize) -> R + Send + Sync) -> Vec<R> {
    let f = |ch| widest(#[inline(always)] || f(ch));
    #[cfg(feature = "rayon")]
    return (0..channels).into_par_iter().map(f).collect();
    #[cfg(not(feature = "rayon"))]
    return (0..channels).map(f).collect();
}

/// Independent running sums per f64 statistic, which the compiler vectorises: with one running
/// sum every addition waited on the one before, and the statistics' passes took a sixth of a
/// loss gradient's time (zsnas `docs/SPEED.md`, "Ninth round").
const LANES: usize = 32;

/// Σ over samples and positions of `term(x)` for channel `c`, in f64 (`LANES` partial sums).
#[inline(always)]
fn channel_sum<T: Copy>(
    x: &[T],
    n: usize,
    c: usize,
    ch: usize,
    m: usize,
    term: impl Fn(T) -> f64,
) -> f64 {
    let mut lanes = [0f64; LANES];
    let mut tail = 0f64;
    for i in 0..n {
        let chunks = x[(i * c + ch) * m..][..m].chunks_exact(LANES);
        tail += chunks.remainder().iter().map(|&v| term(v)).sum::<f64>();
        for v in chunks {
            for l in 0..LANES {
                lanes[l] += term(v[l]);
            }
        }
    }
    lanes.iter().sum::<f64>() + tail
}

fn train<T: Float + Element + bytemuck::Pod + Send + Sync>(
    x: &FlexTensor,
    gamma: &FlexTensor,
    beta: &FlexTensor,
    epsilon: f64,
) -> [FlexTensor; 3] {
    let (n, c, m) = dims(x);
    let count = (n * m) as f64;
    let f = |v: T| num_traits::ToPrimitive::to_f64(&v).unwrap_or(f64::NAN);
    let t = |v: f64| T::from(v).unwrap_or(T::nan());
    let (x, gamma, beta) = (
        x.clone().to_contiguous(),
        gamma.clone().to_contiguous(),
        beta.clone().to_contiguous(),
    );
    let (xs, g, b): (&[T], &[T], &[T]) = (x.storage(), gamma.storage(), beta.storage());
    // Two passes for the statistics: the mean, then the mean square about it.
    let stats = per_channel(
        c,
        #[inline(always)]
        |ch| {
            let mean = channel_sum(xs, n, c, ch, m, f) / count;
            let var = channel_sum(xs, n, c, ch, m, |v| (f(v) - mean) * (f(v) - mean)) / count;
            (mean, var)
        },
    );
    // y = (x − mean) · (γ / √(var + ε)) + β.
    let coef: Vec<(T, T, T)> = stats
        .iter()
        .enumerate()
        .map(|(ch, &(mean, var))| (t(mean), t(f(g[ch]) / Float::sqrt(var + epsilon)), b[ch]))
        .collect();
    // SAFETY: each chunk is one sample's c planes of m elements, each written whole.
    let out = unsafe {
        written(
            xs.len(),
            c * m,
            #[inline(always)]
            |i, o| {
                for (ch, (oc, &(mean, scale, shift))) in
                    o.chunks_exact_mut(m).zip(&coef).enumerate()
                {
                    for (y, &v) in oc.iter_mut().zip(&xs[(i * c + ch) * m..][..m]) {
                        y.write((v - mean) * scale + shift);
                    }
                }
            },
        )
    };
    let means = stats.iter().map(|s| t(s.0)).collect();
    let vars = stats.iter().map(|s| t(s.1)).collect();
    [
        owned(out, x.shape().as_slice()),
        owned::<T>(means, &[c]),
        owned::<T>(vars, &[c]),
    ]
}

#[allow(clippy::too_many_arguments)]
fn train_backward<T: Float + Element + bytemuck::Pod + Send + Sync>(
    x: &FlexTensor,
    gamma: &FlexTensor,
    mean: &FlexTensor,
    variance: &FlexTensor,
    epsilon: f64,
    output_grad: &FlexTensor,
) -> [FlexTensor; 3] {
    let (n, c, m) = dims(x);
    let count = (n * m) as f64;
    let f = |v: T| num_traits::ToPrimitive::to_f64(&v).unwrap_or(f64::NAN);
    let t = |v: f64| T::from(v).unwrap_or(T::nan());
    let [x, gamma, mean, variance, dy] =
        [x, gamma, mean, variance, output_grad].map(|a| a.clone().to_contiguous());
    let (xs, g, mu, var, dys): (&[T], &[T], &[T], &[T], &[T]) = (
        x.storage(),
        gamma.storage(),
        mean.storage(),
        variance.storage(),
        dy.storage(),
    );
    let inv_std: Vec<f64> = var
        .iter()
        .map(|&v| 1.0 / Float::sqrt(f(v) + epsilon))
        .collect();
    // Σ dy (β's gradient) and Σ dy · x̂ (γ's gradient), x̂ = (x − mean) / √(var + ε).
    let sums = per_channel(
        c,
        #[inline(always)]
        |ch| {
            let mean = f(mu[ch]);
            let (mut sdy, mut sdyx) = ([0f64; LANES], [0f64; LANES]);
            for i in 0..n {
                let at = (i * c + ch) * m;
                let (d, v) = (
                    dys[at..][..m].chunks_exact(LANES),
                    xs[at..][..m].chunks_exact(LANES),
                );
                for (&d, &v) in d.remainder().iter().zip(v.remainder()) {
                    sdy[0] += f(d);
                    sdyx[0] += f(d) * (f(v) - mean);
                }
                for (d, v) in d.zip(v) {
                    for l in 0..LANES {
                        sdy[l] += f(d[l]);
                        sdyx[l] += f(d[l]) * (f(v[l]) - mean);
                    }
                }
            }
            let (sdy, sdyx): (f64, f64) = (sdy.iter().sum(), sdyx.iter().sum());
            (sdy, sdyx * inv_std[ch])
        },
    );
    // dx = γ / √(var + ε) · (dy − mean(dy) − x̂ · mean(dy · x̂)).
    let coef: Vec<(T, T, T, T)> = (0..c)
        .map(|ch| {
            let (sdy, sdyx) = sums[ch];
            let k = f(g[ch]) * inv_std[ch];
            (mu[ch], t(sdy / count), t(inv_std[ch] * sdyx / count), t(k))
        })
        .collect();
    // SAFETY: each chunk is one sample's c planes of m elements, each written whole.
    let dx = unsafe {
        written(
            xs.len(),
            c * m,
            #[inline(always)]
            |i, o| {
                for (ch, (oc, &(mean, mdy, slope, k))) in
                    o.chunks_exact_mut(m).zip(&coef).enumerate()
                {
                    let at = (i * c + ch) * m;
                    for ((r, &d), &v) in oc.iter_mut().zip(&dys[at..][..m]).zip(&xs[at..][..m]) {
                        r.write(k * (d - mdy - (v - mean) * slope));
                    }
                }
            },
        )
    };
    let gamma_grad = sums.iter().map(|s| t(s.1)).collect();
    let beta_grad = sums.iter().map(|s| t(s.0)).collect();
    [
        owned(dx, x.shape().as_slice()),
        owned::<T>(gamma_grad, &[c]),
        owned::<T>(beta_grad, &[c]),
    ]
}

/// Runs `op` in the tensors' precision; half precisions go through f32 and back, as burn-flex's
/// other half-precision ops do.
fn in_precision(
    dtype: DType,
    inputs: &[&FlexTensor],
    op32: impl Fn(&[FlexTensor]) -> [FlexTensor; 3],
    op64: impl Fn(&[FlexTensor]) -> [FlexTensor; 3],
) -> [FlexTensor; 3] {
    let owned = || inputs.iter().map(|t| (*t).clone()).collect::<Vec<_>>();
    match dtype {
        DType::F64 => op64(&owned()),
        DType::F16 => {
            let ins: Vec<_> = owned()
                .into_iter()
                .map(|t| cast_to_f32(t, f16::to_f32))
                .collect();
            op32(&ins).map(|t| cast_from_f32(t, f16::from_f32))
        }
        DType::BF16 => {
            let ins: Vec<_> = owned()
                .into_iter()
                .map(|t| cast_to_f32(t, bf16::to_f32))
                .collect();
            op32(&ins).map(|t| cast_from_f32(t, bf16::from_f32))
        }
        _ => op32(&owned()),
    }
}

/// `batch_norm_train`: (output, mean, biased variance).
pub(crate) fn batch_norm_train(
    x: &FlexTensor,
    gamma: &FlexTensor,
    beta: &FlexTensor,
    epsilon: f64,
) -> [FlexTensor; 3] {
    if !crate::ops::zsnas::enabled() {
        return upstream_train(x.clone(), gamma.clone(), beta.clone(), epsilon);
    }
    in_precision(
        x.dtype(),
        &[x, gamma, beta],
        |a| train::<f32>(&a[0], &a[1], &a[2], epsilon),
        |a| train::<f64>(&a[0], &a[1], &a[2], epsilon),
    )
}

/// `batch_norm_train_backward`: (input, γ, β gradients).
pub(crate) fn batch_norm_train_backward(
    x: &FlexTensor,
    gamma: &FlexTensor,
    mean: &FlexTensor,
    variance: &FlexTensor,
    epsilon: f64,
    output_grad: &FlexTensor,
) -> [FlexTensor; 3] {
    if !crate::ops::zsnas::enabled() {
        let [x, gamma, mean, variance, dy] =
            [x, gamma, mean, variance, output_grad].map(|t| t.clone());
        return upstream_train_backward(x, gamma, mean, variance, epsilon, dy);
    }
    in_precision(
        x.dtype(),
        &[x, gamma, mean, variance, output_grad],
        |a| train_backward::<f32>(&a[0], &a[1], &a[2], &a[3], epsilon, &a[4]),
        |a| train_backward::<f64>(&a[0], &a[1], &a[2], &a[3], epsilon, &a[4]),
    )
}

// burn-backend 0.22.1's default `ModuleOps::batch_norm_train` and `batch_norm_train_backward`
// (src/backend/ops/modules/base.rs), unchanged but for `B` = `Flex` and the return types.

type F = Flex;

fn upstream_train(
    x: FlexTensor,
    gamma: FlexTensor,
    beta: FlexTensor,
    epsilon: f64,
) -> [FlexTensor; 3] {
    let shape = x.shape();
    let channels = shape[1];
    let samples_per_channel = shape.num_elements() / channels;
    let flattened = Shape::new([channels, samples_per_channel]);
    let mut per_channel = alloc::vec![1; shape.num_dims()];
    per_channel[1] = channels;

    let mean = F::float_mean_dim(
        F::float_reshape(F::float_swap_dims(x.clone(), 0, 1), flattened.clone()),
        1,
    );
    let mean = F::float_reshape(mean, Shape::from(per_channel));
    let centered = F::float_sub(x.clone(), mean.clone());
    let variance = F::float_mean_dim(
        F::float_reshape(
            F::float_swap_dims(F::float_mul(centered.clone(), centered), 0, 1),
            flattened,
        ),
        1,
    );
    let mean = F::float_reshape(mean, Shape::new([channels]));
    let variance = F::float_reshape(variance, Shape::new([channels]));
    let output = F::batch_norm(x, gamma, beta, mean.clone(), variance.clone(), epsilon);
    [output, mean, variance]
}

fn upstream_train_backward(
    x: FlexTensor,
    gamma: FlexTensor,
    mean: FlexTensor,
    variance: FlexTensor,
    epsilon: f64,
    output_grad: FlexTensor,
) -> [FlexTensor; 3] {
    let shape = x.shape();
    let rank = shape.num_dims();
    let channels = shape[1];
    let flattened = Shape::new([channels, shape.num_elements() / channels]);
    let mut per_channel = alloc::vec![1; rank];
    per_channel[1] = channels;
    let per_channel = Shape::from(per_channel);

    let inv_std = F::float_reshape(
        F::float_recip(F::float_sqrt(F::float_add_scalar(
            variance,
            Scalar::Float(epsilon),
        ))),
        per_channel.clone(),
    );
    let normalized = F::float_mul(
        F::float_sub(x, F::float_reshape(mean, per_channel.clone())),
        inv_std.clone(),
    );

    let output_grad_flat = F::float_reshape(
        F::float_swap_dims(output_grad.clone(), 0, 1),
        flattened.clone(),
    );
    let normalized_grad_flat = F::float_reshape(
        F::float_swap_dims(F::float_mul(output_grad.clone(), normalized.clone()), 0, 1),
        flattened,
    );
    let beta_grad = F::float_sum_dim(output_grad_flat.clone(), 1);
    let gamma_grad = F::float_sum_dim(normalized_grad_flat.clone(), 1);

    let mean_grad = F::float_reshape(F::float_mean_dim(output_grad_flat, 1), per_channel.clone());
    let mean_normalized_grad = F::float_reshape(
        F::float_mean_dim(normalized_grad_flat, 1),
        per_channel.clone(),
    );
    let centred_grad = F::float_sub(output_grad, mean_grad);
    let projected = F::float_mul(normalized, mean_normalized_grad);
    let scale = F::float_mul(F::float_reshape(gamma, per_channel), inv_std);
    let x_grad = F::float_mul(scale, F::float_sub(centred_grad, projected));

    [
        x_grad,
        F::float_reshape(gamma_grad, Shape::new([channels])),
        F::float_reshape(beta_grad, Shape::new([channels])),
    ]
}
