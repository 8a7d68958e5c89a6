//! `nasi`: ‖∂L/∂θ‖² on the batch, an estimate of the NTK's trace (θ = conv and linear weights).
//! Shu et al., "NASI: Label- and Data-agnostic Neural Architecture Search at Initialization",
//! ICLR 2022.

use crate::proxy::prelude::*;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "nasi",
    kind: 'G',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::LOSS_GRADIENT,
    paper: "Shu et al., NASI: Label- and Data-agnostic NAS at Initialization, ICLR 2022",
    summary: "The squared norm of the loss gradient: how fast training would start to move.",
};

/// From the session's shared loss gradients.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    Score::new(s.loss_grads().await?.sum_per_weight(|_, g| g * g))
}
