//! `knas`: the mean of the Gram matrix of per-sample gradients, (1/n²) Σ_ij g_iᵀ g_j.
//! Xu et al., "KNAS: Green Neural Architecture Search", ICML 2021.
//!
//! Σ_ij g_iᵀ g_j = ‖Σ_i g_i‖², so only the running sum of gradients is kept (O(params)).
//! Choices: g_i = gradient of sample i's cross-entropy with respect to the conv and linear
//! weights, each sample forwarded alone (batch of one, BN in train mode), the same per-sample
//! loop as gradsign. Cost: B forward+backward passes of one sample.

use crate::proxy::prelude::*;
use crate::proxy::shared::per_sample::{Forward, Objective, per_sample_gradients};

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "knas",
    kind: 'P',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::PER_SAMPLE_LOSS,
    paper: "Xu et al., KNAS: Green Neural Architecture Search, ICML 2021",
    summary: "The mean of the per-sample gradient Gram matrix: large when samples' gradients are large and aligned.",
};

/// ‖Σ_i g_i‖² / n².
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let mut sum: Vec<f64> = Vec::new();
    let mut n = 0usize;
    per_sample_gradients(s, Forward::Alone, Objective::Loss, |_, g| {
        if sum.is_empty() {
            sum = vec![0.0; g.len()];
        }
        for (acc, &x) in sum.iter_mut().zip(g) {
            *acc += x;
        }
        n += 1;
    })
    .await?;
    let n = n.max(1) as f64;
    Score::new(sum.iter().map(|x| x * x).sum::<f64>() / (n * n))
}
