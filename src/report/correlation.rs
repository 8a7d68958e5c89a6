//! How well one proxy's scores rank networks by ground truth: every metric of PROXIES.md §4,
//! with the proxy's orientation applied (never |ρ|) and failures counted.

use serde::Serialize;

use crate::stats::{
    Interval, Method, best_pick, bootstrap_ci, kendall_tau_b, ndcg_at_k, pearson, spearman, top_k_percent,
};

/// The metrics of one proxy against one ground truth.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CorrelationRow {
    /// Proxy name.
    pub proxy: String,
    /// Pairs used.
    pub n: usize,
    /// Pairs left out (failed score: NaN/∞, or missing).
    pub failed: usize,
    /// Spearman ρ with its bootstrap interval.
    pub spearman: Interval,
    /// Kendall τ-b with its bootstrap interval.
    pub kendall: Interval,
    /// Pearson r.
    pub pearson: f64,
    /// Spearman ρ within the top 5 %, 10 %, 20 % by ground truth.
    pub top_k_spearman: [(f64, f64); 3],
    /// nDCG over the top 1 % of the population.
    pub ndcg_top1pct: f64,
    /// Ground truth of the network the proxy ranks first.
    pub best_pick_truth: f64,
}

/// Top-k shares reported.
pub const TOP_K_PERCENT: [f64; 3] = [5.0, 10.0, 20.0];

/// Computes every metric. `sign` is +1 for higher-is-better proxies and −1 otherwise; NaN or
/// infinite scores are left out and counted in `failed`.
pub fn correlate(
    proxy: &str,
    scores: &[f64],
    truth: &[f64],
    sign: f64,
    resamples: usize,
    seed: u64,
) -> Result<CorrelationRow, String> {
    let oriented: Vec<f64> = scores.iter().map(|s| s * sign).collect();
    let e = |err: crate::stats::StatsError| err.to_string();
    let rho = spearman(&oriented, truth).map_err(e)?;
    let spearman_ci =
        bootstrap_ci(&oriented, truth, |a, b| Method::Spearman.on_finite(a, b), resamples, 0.95, seed).map_err(e)?;
    let kendall_ci =
        bootstrap_ci(&oriented, truth, |a, b| Method::KendallTauB.on_finite(a, b), resamples, 0.95, seed).map_err(e)?;
    let top = |k: f64| top_k_percent(&oriented, truth, k, Method::Spearman).map(|s| s.value).map_err(e);
    let k = (rho.n / 100).max(1);
    Ok(CorrelationRow {
        proxy: proxy.to_string(),
        n: rho.n,
        failed: rho.dropped,
        spearman: Interval { estimate: rho.value, ..spearman_ci },
        kendall: Interval { estimate: kendall_tau_b(&oriented, truth).map_err(e)?.value, ..kendall_ci },
        pearson: pearson(&oriented, truth).map_err(e)?.value,
        top_k_spearman: [(5.0, top(5.0)?), (10.0, top(10.0)?), (20.0, top(20.0)?)],
        ndcg_top1pct: ndcg_at_k(&oriented, truth, k).map_err(e)?.value,
        best_pick_truth: best_pick(&oriented, truth).map_err(e)?.value,
    })
}
