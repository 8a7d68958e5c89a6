//! `snip`: Σ |W ⊙ ∂L/∂W|, connection sensitivity summed over conv and linear weights.
//! Lee et al., "SNIP: Single-shot Network Pruning based on Connection Sensitivity", ICLR 2019.

use crate::proxy::prelude::*;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "snip",
    kind: 'G',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::LOSS_GRADIENT,
    paper: "Lee et al., SNIP: Single-shot Network Pruning based on Connection Sensitivity, ICLR 2019",
    summary: "How much the loss would change if each connection were cut, summed over the network.",
};

/// From the session's shared loss gradients.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    Score::new(s.loss_grads().await?.sum_per_weight(|w, g| (w * g).abs()))
}
