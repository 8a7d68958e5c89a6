//! `grad_norm`: Σ_l ‖∂L/∂W_l‖₂, per-layer Frobenius norms of the loss gradient, summed.
//! Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS", ICLR 2021.

use crate::proxy::prelude::*;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "grad_norm",
    kind: 'G',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::LOSS_GRADIENT,
    paper: "Abdelfattah et al., Zero-Cost Proxies for Lightweight NAS, ICLR 2021",
    summary: "How strongly the loss pulls on each layer's weights at initialisation.",
};

/// From the session's shared loss gradients.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let lv = s.loss_grads().await?;
    Score::new(lv.sum_per_layer(|_, g| g.iter().map(|x| x * x).sum::<f64>().sqrt()))
}
