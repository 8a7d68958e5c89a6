//! `zico`: over the session's N batches (`protocol.batches`, default 2), per-weight gradient
//! statistics across batches; score = Σ_layers ln(Σ_{θ∈l, σ_θ≠0} mean|g_θ| / σ_θ). Li et al.,
//! "ZiCo: Zero-shot NAS via Inverse Coefficient of Variation on Gradients", ICLR 2023.
//!
//! Follows the official code (`ZiCo/ZeroShotProxy/compute_zico.py`, `caculate_zico`) exactly:
//! the numerator is the mean of the *absolute* gradients (`np.mean(np.abs(grads), axis=0)`), σ is
//! the population std (`np.std`, ddof = 0), weights with σ = 0 are skipped, and a layer whose sum
//! is 0 adds nothing (so a network with no gradient at all scores 0, as there). Conv and linear
//! weights, cross-entropy, BatchNorm in the protocol's mode (train mode, as the official code).
//! Batch 0's gradient is the session's shared one. Needs at least 2 batches.

use crate::proxy::prelude::*;
use crate::proxy::shared::layers::LayerVectors;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "zico",
    kind: 'G',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::LOSS_GRADIENT,
    paper: "Li et al., ZiCo: Zero-shot NAS via Inverse Coefficient of Variation on Gradients, ICLR 2023",
    summary: "How large and how consistent across batches each layer's gradients are.",
};

/// One backward per batch.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let n = s.batches.len().min(s.protocol.batches);
    if n < 2 {
        return Err(ProxyError::Protocol("zico needs at least 2 batches".into()));
    }
    let first = s.loss_grads().await?;
    let mut rest = Vec::with_capacity(n - 1);
    for b in 1..n {
        rest.push(s.loss_grads_of_batch(b).await?);
    }
    let mut all: Vec<&LayerVectors> = vec![&first];
    all.extend(rest.iter());
    Score::new(score(&all))
}

/// The official aggregation over per-batch gradients (all with the same layout).
pub fn score(batches: &[&LayerVectors]) -> f64 {
    let n = batches.len() as f64;
    let offsets = &batches[0].offsets;
    let mut total = 0.0;
    for w in offsets.windows(2) {
        let mut sum = 0.0;
        for i in w[0]..w[1] {
            let mean = batches.iter().map(|b| b.grads[i]).sum::<f64>() / n;
            let var = batches.iter().map(|b| (b.grads[i] - mean).powi(2)).sum::<f64>() / n;
            let std = var.sqrt();
            if std != 0.0 {
                let mean_abs = batches.iter().map(|b| b.grads[i].abs()).sum::<f64>() / n;
                sum += mean_abs / std;
            }
        }
        if sum != 0.0 {
            total += sum.ln();
        }
    }
    total
}
