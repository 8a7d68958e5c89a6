//! `synflow`: Σ |W ⊙ ∂R/∂W| on the linearised network (BN off, |θ|, all-ones input, R = Σ f(𝟙)).
//! Tanaka et al., "Pruning neural networks without any data by iteratively conserving synaptic
//! flow", NeurIPS 2020. Values reach 1e60: see `shared::linearized` for how it stays finite;
//! the score carries its log10.

use crate::proxy::prelude::*;
use crate::proxy::shared::linearized::Linearized;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "synflow",
    kind: 'G',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::DATA_FREE_GRADIENT,
    paper: "Tanaka et al., Pruning neural networks without any data by iteratively conserving synaptic flow, NeurIPS 2020",
    summary: "The total 'synaptic flow' through the network with all weights made positive: data-free, favours large networks.",
};

/// From the session's shared linearised gradients.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let lin = s.linearized().await?;
    match log10_total(&log10_per_layer(&lin)) {
        Some(log10) => Score::from_log10(log10),
        None => Score::new(0.0), // a network whose output ignores its input
    }
}

/// log10 Σ |W ⊙ ∂R/∂W| of each conv/linear layer (aligned with `lin.layers.ids`), computed
/// without overflow; `None` for a layer that contributes nothing. The score sums these; the
/// Learn page shows them one by one.
pub fn log10_per_layer(lin: &Linearized) -> Vec<Option<f64>> {
    lin.layers
        .layers()
        .map(|(w, g)| {
            let rescaled: f64 = w.iter().zip(g).map(|(w, g)| (w * g).abs()).sum();
            (rescaled != 0.0).then(|| rescaled.log10() + lin.log10_scale) // NaN stays NaN
        })
        .collect()
}

/// log10 of the sum of per-layer contributions given as log10 (`None` when all are zero; NaN,
/// which the score reports as a failure, when any is not finite), summed relative to the largest
/// so nothing overflows.
pub fn log10_total(per_layer: &[Option<f64>]) -> Option<f64> {
    let known: Vec<f64> = per_layer.iter().flatten().copied().collect();
    if known.is_empty() {
        return None;
    }
    if known.iter().any(|l| !l.is_finite()) {
        return Some(f64::NAN);
    }
    let top = known.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some(top + known.iter().map(|l| 10f64.powf(l - top)).sum::<f64>().log10())
}
