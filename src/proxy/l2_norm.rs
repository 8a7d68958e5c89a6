//! `l2_norm`: Σ_l ‖W_l‖₂ over conv and linear weights at initialisation.
//! Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS", ICLR 2021.

use crate::net::init::init_values;
use crate::proxy::prelude::*;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "l2_norm",
    kind: 'S',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::NONE,
    paper: "Abdelfattah et al., Zero-Cost Proxies for Lightweight NAS, ICLR 2021",
    summary: "The summed Frobenius norm of the initial weights: a size measure in disguise.",
};

/// Uses the host copy of the initial weights (identical to the device's), so needs no tensor.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let values = init_values(&s.program, s.protocol.init, s.seed);
    let norm = |id: usize| values[id].iter().map(|&w| f64::from(w).powi(2)).sum::<f64>().sqrt();
    Score::new(s.program.weight_ids().into_iter().map(norm).sum())
}
