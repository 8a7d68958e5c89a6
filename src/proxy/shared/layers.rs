//! Conv and linear weights with their gradients on the host, one slice per layer: the input of
//! every "sum over layers of a per-weight value" proxy (grad_norm, snip, synflow, …).

use burn::tensor::Tensor;

use crate::net::forward::Network;
use crate::net::program::ParamId;
use crate::proxy::error::ProxyError;
use crate::proxy::shared::read::read_f64;

/// Weights and gradients of a set of layers, concatenated on the host.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayerVectors {
    /// Parameter id of each layer.
    pub ids: Vec<ParamId>,
    /// Start of each layer in `weights` / `grads`; one extra entry at the end.
    pub offsets: Vec<usize>,
    /// All weights, layer after layer.
    pub weights: Vec<f64>,
    /// All gradients, aligned with `weights` (zero where a layer got no gradient).
    pub grads: Vec<f64>,
}

impl LayerVectors {
    /// `(weights, grads)` of each layer.
    pub fn layers(&self) -> impl Iterator<Item = (&[f64], &[f64])> {
        self.offsets.windows(2).map(|w| (&self.weights[w[0]..w[1]], &self.grads[w[0]..w[1]]))
    }

    /// Σ_layers Σ_weights f(w, g), accumulated in f64.
    pub fn sum_per_weight(&self, f: impl Fn(f64, f64) -> f64) -> f64 {
        self.weights.iter().zip(&self.grads).map(|(&w, &g)| f(w, g)).sum()
    }

    /// Σ_layers agg(layer weights, layer grads).
    pub fn sum_per_layer(&self, agg: impl Fn(&[f64], &[f64]) -> f64) -> f64 {
        self.layers().map(|(w, g)| agg(w, g)).sum()
    }
}

/// Reads `ids`' weights and gradients of `net` in two transfers (one concatenated tensor each).
/// `grads` maps a parameter id to its gradient, or `None` when it got none (then zeros).
pub async fn collect(
    net: &Network,
    ids: &[ParamId],
    grad_of: impl Fn(ParamId) -> Option<Tensor<1>>,
) -> Result<LayerVectors, ProxyError> {
    let mut offsets = vec![0];
    let mut weights = Vec::with_capacity(ids.len());
    let mut grads = Vec::with_capacity(ids.len());
    for &id in ids {
        let w = net.params[id].clone().without_autodiff();
        let n = w.dims()[0];
        grads.push(grad_of(id).unwrap_or_else(|| w.zeros_like())); // same device and dtype (f64 for synflow)
        weights.push(w);
        offsets.push(offsets[offsets.len() - 1] + n);
    }
    if ids.is_empty() {
        return Ok(LayerVectors { offsets, ..Default::default() });
    }
    let weights = read_f64(Tensor::cat(weights, 0)).await?;
    let grads = read_f64(Tensor::cat(grads, 0)).await?;
    Ok(LayerVectors { ids: ids.to_vec(), offsets, weights, grads })
}
