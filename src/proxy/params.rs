//! `params`: the number of trainable parameters (BN γ/β and the classifier bias included), which
//! with the network of PROXIES.md §2 equals the benchmark's count. A baseline, not a paper.

use crate::proxy::prelude::*;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "params",
    kind: 'S',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::NONE,
    paper: "baseline (benchmark parameter count)",
    summary: "How many trainable parameters the network has: bigger networks tend to train to higher accuracy.",
};

/// Counts parameters analytically (no tensors).
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    Score::new(s.program.param_count() as f64)
}
