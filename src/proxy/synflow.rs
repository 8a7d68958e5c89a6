//! `synflow`: Σ |W ⊙ ∂R/∂W| on the linearised network (BN off, |θ|, all-ones input, R = Σ f(𝟙)).
//! Tanaka et al., "Pruning neural networks without any data by iteratively conserving synaptic
//! flow", NeurIPS 2020. Values reach 1e60: see `shared::linearized` for how it stays finite;
//! the score carries its log10.

use crate::proxy::prelude::*;

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
    if lin.layers.sum_per_weight(|w, g| (w * g).abs()) == 0.0 {
        return Score::new(0.0); // a network whose output ignores its input
    }
    Score::from_log10(lin.log10_synflow())
}
