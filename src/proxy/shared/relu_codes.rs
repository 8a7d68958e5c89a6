//! Binary activation codes of every ReLU (input > 0), per sample: NWOT's kernel and the count of
//! linear regions are built from them. The B×B kernel is a matrix product on the device.

use burn::tensor::Tensor;

use crate::net::forward::Value;
use crate::proxy::error::ProxyError;
use crate::proxy::shared::read::read_f64;

/// K = Σ_ReLUs [c cᵀ + (1−c)(1−c)ᵀ] over the captured ReLU inputs, read back row-major (B×B).
/// Entry (i, j) counts the units on which samples i and j agree.
pub async fn agreement_kernel(relu_inputs: &[Value]) -> Result<(Vec<f64>, usize), ProxyError> {
    let mut total: Option<Tensor<2>> = None;
    let mut batch = 0;
    for v in relu_inputs {
        let x = v.flatten();
        batch = x.dims()[0];
        let c = x.greater_elem(0.0).float();
        let not_c = c.clone().neg().add_scalar(1.0);
        let k = c.clone().matmul(c.transpose()) + not_c.clone().matmul(not_c.transpose());
        total = Some(match total {
            Some(t) => t + k,
            None => k,
        });
    }
    let total = total.ok_or_else(|| ProxyError::Undefined("the network has no ReLU".into()))?;
    Ok((read_f64(total).await?, batch))
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
