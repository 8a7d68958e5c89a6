//! `plain`: Σ W ⊙ ∂L/∂W, the first-order change of the loss if every weight were removed.
//! Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS", ICLR 2021.

use crate::proxy::prelude::*;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "plain",
    kind: 'G',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::LOSS_GRADIENT,
    paper: "Abdelfattah et al., Zero-Cost Proxies for Lightweight NAS, ICLR 2021",
    summary: "Weight times gradient, summed with signs: a first-order saliency.",
};

/// From the session's shared loss gradients.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    Score::new(s.loss_grads().await?.sum_per_weight(|w, g| w * g))
}
