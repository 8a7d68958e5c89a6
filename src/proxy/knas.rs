//! `knas`: the mean of the Gram matrix of per-sample gradients, (1/n²) Σ_ij g_iᵀ g_j.
//! Xu et al., "KNAS: Green Neural Architecture Search", ICML 2021.
//!
//! Σ_ij g_iᵀ g_j = ‖Σ_i g_i‖², so only the running sum of gradients is kept (O(params)).
//! Choices: g_i = gradient of sample i's cross-entropy with respect to the conv and linear
//! weights, each sample forwarded alone (batch of one, BN in train mode), the same per-sample
//! loop as gradsign, run once for both. Cost: B forward+backward passes of one sample.

use crate::proxy::prelude::*;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "knas",
    kind: 'P',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::PER_SAMPLE_LOSS,
    paper: "Xu et al., KNAS: Green Neural Architecture Search, ICML 2021",
    summary: "The mean of the per-sample gradient Gram matrix: large when samples' gradients are large and aligned.",
};

/// ‖Σ_i g_i‖² / n² from the session's per-sample sums (shared with gradsign).
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let sums = s.per_sample_loss_sums().await?;
    let n = sums.samples.max(1) as f64;
    Score::new(sums.grads.iter().map(|x| x * x).sum::<f64>() / (n * n))
}
