//! `epe_nas`: per-class correlation of the input Jacobian J = ∂(Σ logits)/∂x (the one jacob_cov
//! uses, shared through the session). Lopes et al., "EPE-NAS: Efficient Performance Estimation
//! Without Training for Neural Architecture Search", ICANN 2021; semantics of NASLib's
//! `epe_nas.py` (`eval_score_perclass`):
//!
//! - for each class c of batch 0 with ≥ 2 samples: s_c = Σ_ij ln(|corr(J_c)_ij| + k), k = 1e-5,
//!   over the whole matrix (diagonal included);
//! - up to 100 classes (CIFAR-10/100): score = Σ_c |s_c| (NASLib's "B");
//! - more than 100 classes (ImageNet16-120): s_c is divided by the class's sample count and
//!   score = Σ_c Σ_c' |s_c − s_c'| / #classes (NASLib's "A").
//!
//! Differences from NASLib: a class with one sample is skipped (PROXIES.md); NASLib's
//! `np.corrcoef` of a single row gives 1 and adds ln(1 + k) ≈ 1e-5 — negligible. NASLib takes
//! |Σ| per class where PROXIES.md writes Σ|·|; they differ only by the diagonal's ln(1 + k) terms.
//! A zero-variance row gives NaN correlations, a failure (NonFinite) as in NASLib.

use std::collections::BTreeMap;

use crate::proxy::prelude::*;
use crate::proxy::shared::linalg::row_correlation;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "epe_nas",
    kind: 'G',
    orientation: Orientation::HigherIsBetter,
    needs: Needs { gradients: true, ..Needs::LOSS_GRADIENT },
    paper: "Lopes et al., EPE-NAS: Efficient Performance Estimation Without Training for Neural Architecture Search, ICANN 2021",
    summary: "How differently the network's input gradients behave within each class.",
};

/// The regulariser k inside the log.
pub const K: f64 = 1e-5;

/// From the session's shared input Jacobian and batch 0's labels.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let j = s.input_jacobian().await?;
    let mut classes: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &label) in s.batches[0].labels.iter().enumerate().take(j.samples) {
        classes.entry(label).or_default().push(i);
    }
    let many = s.protocol.dataset.classes() > 100;
    let mut per_class = Vec::new();
    for members in classes.values().filter(|m| m.len() >= 2) {
        let corr = row_correlation(&j.select(members), members.len(), j.dims);
        let mut sc: f64 = corr.iter().map(|c| (c.abs() + K).ln()).sum();
        if many {
            sc /= members.len() as f64;
        }
        per_class.push(sc);
    }
    Score::new(aggregate(&per_class, many))
}

/// NASLib's aggregation of the per-class sums (see the module doc).
pub fn aggregate(per_class: &[f64], many_classes: bool) -> f64 {
    if !many_classes {
        return per_class.iter().map(|s| s.abs()).sum();
    }
    if per_class.is_empty() {
        return 0.0;
    }
    let total: f64 = per_class.iter().flat_map(|a| per_class.iter().map(move |b| (a - b).abs())).sum();
    total / per_class.len() as f64
}
