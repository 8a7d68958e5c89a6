//! Binary activation codes of every ReLU (input > 0), per sample: NWOT's kernel, the count of
//! linear regions (one code per sample) and SWAP (one code per unit) are built from them. The
//! B×B kernel and the per-unit patterns are matrix products on the device.

use burn::tensor::{Tensor, TensorData};

use crate::net::forward::Value;
use crate::proxy::error::ProxyError;
use crate::proxy::shared::read::read_f64;

/// K = Σ_ReLUs [c cᵀ + (1−c)(1−c)ᵀ] over the captured ReLU inputs, read back row-major (B×B).
/// Entry (i, j) counts the units on which samples i and j agree. Computed with one product per
/// ReLU instead of two: Σ_u (1−c_iu)(1−c_ju) = D − s_i − s_j + (c cᵀ)_ij, with s the row sums
/// and D the number of units, so K = 2·Σ c cᵀ + ΣD − Σs_i − Σs_j. Every term is an integer below
/// 2²⁴ (NB201 has about 0.9 million ReLU units per sample), so f32 holds it exactly and the
/// result is the same, bit for bit, as the two-product form.
pub async fn agreement_kernel(relu_inputs: &[Value]) -> Result<(Vec<f64>, usize), ProxyError> {
    let mut both: Option<(Tensor<2>, Tensor<2>)> = None;
    let mut units = 0usize;
    for v in relu_inputs {
        let x = v.flatten();
        units += x.dims()[1];
        let c = x.greater_elem(0.0).float();
        let (gram, sums) = (c.clone().matmul(c.clone().transpose()), c.sum_dim(1));
        both = Some(match both {
            Some((g, s)) => (g + gram, s + sums),
            None => (gram, sums),
        });
    }
    let (gram, sums) = both.ok_or_else(|| ProxyError::Undefined("the network has no ReLU".into()))?;
    let (gram, sums) = (read_f64(gram).await?, read_f64(sums).await?);
    let b = sums.len();
    let k = (0..b * b).map(|at| 2.0 * gram[at] + units as f64 - sums[at / b] - sums[at % b]).collect();
    Ok((k, b))
}

/// The concatenated binary codes `[B, units]` of all ReLUs, read back as 0/1 bytes per sample.
pub async fn codes(relu_inputs: &[Value]) -> Result<Vec<Vec<u8>>, ProxyError> {
    let parts: Vec<Tensor<2>> = relu_inputs.iter().map(|v| v.flatten().greater_elem(0.0).float()).collect();
    if parts.is_empty() {
        return Err(ProxyError::Undefined("the network has no ReLU".into()));
    }
    let all = Tensor::cat(parts, 1);
    let [b, units] = all.dims();
    let flat = read_f64(all).await?;
    Ok((0..b).map(|i| flat[i * units..(i + 1) * units].iter().map(|&x| u8::from(x > 0.5)).collect()).collect())
}

/// Most samples [`unit_patterns`] packs: the patterns are summed in f32, exact below 2²⁴.
pub const MAX_PATTERN_SAMPLES: usize = 24;

/// For every unit of the feature-map ReLUs (`Value::Map`: each channel × position, all ReLUs
/// concatenated), its code across the first `samples` samples as bits (bit i = sample i's
/// input > 0), computed on the device as codesᵀ · (1, 2, 4, …) and read back as one value per
/// unit. `samples` is clamped to the batch and to [`MAX_PATTERN_SAMPLES`].
pub async fn unit_patterns(relu_inputs: &[Value], samples: usize) -> Result<Vec<u32>, ProxyError> {
    let mut parts: Vec<Tensor<2>> = Vec::new();
    for v in relu_inputs {
        if let Value::Map(_) = v {
            let x = v.flatten();
            let [b, units] = x.dims();
            let n = samples.min(b).min(MAX_PATTERN_SAMPLES);
            let bits: Vec<f32> = (0..n).map(|i| (1u32 << i) as f32).collect();
            let weights: Tensor<2> = Tensor::from_data(TensorData::new(bits, [1, n]), &x.device());
            parts.push(weights.matmul(x.slice([0..n, 0..units]).greater_elem(0.0).float()));
        }
    }
    if parts.is_empty() {
        return Err(ProxyError::Undefined("the network has no feature-map ReLU".into()));
    }
    Ok(read_f64(Tensor::cat(parts, 1)).await?.into_iter().map(|x| x as u32).collect())
}
