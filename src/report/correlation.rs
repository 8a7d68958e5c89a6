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
    /// Failed scores (NaN/∞, or missing) and pairs without ground truth: left out, or, for
    /// scores under [`FailedScores::Worst`] / [`FailedScores::Best`], ranked below / above
    /// every other.
    pub failed: usize,
    /// Spearman ρ with its bootstrap interval.
    pub spearman: Interval,
    /// Kendall τ-b with its bootstrap interval.
    pub kendall: Interval,
    /// Pearson r.
    pub pearson: f64,
    /// Spearman ρ within the top 5 %, 10 %, 20 % by ground truth.
    pub top_k_spearman: [(f64, f64); 3],
    /// nDCG over the top 1 % of the population (equal scores share their mean gain).
    pub ndcg_top1pct: f64,
    /// Ground truth of the network the proxy ranks first (equal top scores: their mean truth).
    pub best_pick_truth: f64,
}

/// Top-k shares reported.
pub const TOP_K_PERCENT: [f64; 3] = [5.0, 10.0, 20.0];

/// What becomes of a failed score (NaN/±∞, or missing) before correlating. Serialises as its
/// [`FailedScores::name`], so the JSON output, the CLI and the URL spell it one way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FailedScores {
    /// Left out of every metric (our default): a failure says nothing about the network.
    #[default]
    Omit,
    /// Ranked below every finite score, tied among themselves, as scipy ranks the −∞ that
    /// log-of-zero proxies (zen, …) give cells whose output ignores the input. Pearson r stays
    /// on the finite scores, where a stand-in value would set it.
    Worst,
    /// Ranked above every finite score, tied among themselves: what some published code does
    /// without saying so (Zen-NAS's port of TE-NAS passes κ through `np.nan_to_num`, so an
    /// undefined κ becomes −κ = 0, the best score). For reproducing such numbers, not a default.
    Best,
}

impl FailedScores {
    /// Every policy, default first.
    pub const ALL: [FailedScores; 3] = [FailedScores::Omit, FailedScores::Worst, FailedScores::Best];

    /// `omit`, `worst` or `best` (CLI values and URL keys).
    pub fn name(self) -> &'static str {
        match self {
            FailedScores::Omit => "omit",
            FailedScores::Worst => "worst",
            FailedScores::Best => "best",
        }
    }

    /// What the policy does, for tables and menus.
    pub fn label(self) -> &'static str {
        match self {
            FailedScores::Omit => "left out",
            FailedScores::Worst => "ranked worst (r: finite scores only)",
            FailedScores::Best => "ranked best (r: finite scores only)",
        }
    }

    /// Parses `omit`, `worst` or `best`.
    pub fn from_name(name: &str) -> Result<FailedScores, String> {
        FailedScores::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| format!("unknown failed-score policy '{name}' (omit, worst or best)"))
    }
}

impl Serialize for FailedScores {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Oriented scores with every non-finite one (where the truth is known) replaced by a value
/// below the lowest finite score (`best` false) or above the highest (`best` true), and how
/// many were replaced.
fn failed_ranked(oriented: &[f64], truth: &[f64], best: bool) -> (Vec<f64>, usize) {
    let finite = || oriented.iter().copied().filter(|s| s.is_finite());
    let (Some(low), Some(high)) = (finite().reduce(f64::min), finite().reduce(f64::max)) else {
        return (oriented.to_vec(), 0);
    };
    let margin = (high - low).max(1.0);
    let stand_in = if best { high + margin } else { low - margin };
    let mut replaced = 0;
    let out = oriented
        .iter()
        .zip(truth)
        .map(|(&s, t)| {
            if s.is_finite() || !t.is_finite() {
                s
            } else {
                replaced += 1;
                stand_in
            }
        })
        .collect();
    (out, replaced)
}

/// Computes every metric. `sign` is +1 for higher-is-better proxies and −1 otherwise; NaN or
/// infinite scores are left out and counted in `failed` ([`FailedScores::Omit`]), or ranked
/// below ([`FailedScores::Worst`]) or above ([`FailedScores::Best`]) every other, still counted
/// in `failed`.
pub fn correlate(
    proxy: &str,
    scores: &[f64],
    truth: &[f64],
    sign: f64,
    resamples: usize,
    seed: u64,
    failed: FailedScores,
) -> Result<CorrelationRow, String> {
    let given: Vec<f64> = scores.iter().map(|s| s * sign).collect();
    let (oriented, replaced) = match failed {
        FailedScores::Omit => (given.clone(), 0),
        FailedScores::Worst => failed_ranked(&given, truth, false),
        FailedScores::Best => failed_ranked(&given, truth, true),
    };
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
        failed: rho.dropped + replaced,
        spearman: Interval { estimate: rho.value, ..spearman_ci },
        kendall: Interval { estimate: kendall_tau_b(&oriented, truth).map_err(e)?.value, ..kendall_ci },
        pearson: pearson(&given, truth).map_err(e)?.value,
        top_k_spearman: [(5.0, top(5.0)?), (10.0, top(10.0)?), (20.0, top(20.0)?)],
        ndcg_top1pct: ndcg_at_k(&oriented, truth, k).map_err(e)?.value,
        best_pick_truth: best_pick(&oriented, truth).map_err(e)?.value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten cells whose accuracy grows with the score; the two least accurate failed (NaN, −∞).
    fn cells() -> (Vec<f64>, Vec<f64>) {
        let truth: Vec<f64> = (0..10).map(|i| 50.0 + i as f64).collect();
        let mut scores: Vec<f64> = (0..10).map(|i| (i as f64 * 7.0) % 5.0 + i as f64).collect();
        scores[0] = f64::NAN;
        scores[1] = f64::NEG_INFINITY;
        (scores, truth)
    }

    #[test]
    fn failed_scores_are_omitted_by_default_and_ranked_worst_on_request() {
        let (scores, truth) = cells();
        let omit = correlate("p", &scores, &truth, 1.0, 50, 0, FailedScores::Omit).unwrap();
        let worst = correlate("p", &scores, &truth, 1.0, 50, 0, FailedScores::Worst).unwrap();
        assert_eq!((omit.n, omit.failed), (8, 2));
        assert_eq!((worst.n, worst.failed), (10, 2));
        // The failed cells are the least accurate, so ranking them last can only help here.
        assert!(worst.spearman.estimate > omit.spearman.estimate, "{worst:?} vs {omit:?}");
        let expected = spearman(&[-100.0, -100.0, 6.0, 4.0, 7.0, 5.0, 8.0, 11.0, 9.0, 12.0], &truth).unwrap();
        assert!((worst.spearman.estimate - expected.value).abs() < 1e-12);
        // Pearson r stays on the finite scores.
        assert_eq!(worst.pearson, omit.pearson);
    }

    #[test]
    fn worst_respects_the_orientation_and_skips_cells_without_truth() {
        let (scores, mut truth) = cells();
        // A lower-is-better proxy: negate the scores, and the failed ones must still rank last.
        let negated: Vec<f64> = scores.iter().map(|s| -s).collect();
        let worst = correlate("p", &negated, &truth, -1.0, 50, 0, FailedScores::Worst).unwrap();
        let same = correlate("p", &scores, &truth, 1.0, 50, 0, FailedScores::Worst).unwrap();
        assert_eq!(worst.spearman.estimate, same.spearman.estimate);
        truth[0] = f64::NAN;
        let without = correlate("p", &scores, &truth, 1.0, 50, 0, FailedScores::Worst).unwrap();
        assert_eq!((without.n, without.failed), (9, 2));
    }

    #[test]
    fn best_ranks_failed_scores_above_every_other() {
        let (scores, truth) = cells();
        let best = correlate("p", &scores, &truth, 1.0, 50, 0, FailedScores::Best).unwrap();
        assert_eq!((best.n, best.failed), (10, 2));
        let expected = spearman(&[100.0, 100.0, 6.0, 4.0, 7.0, 5.0, 8.0, 11.0, 9.0, 12.0], &truth).unwrap();
        assert!((best.spearman.estimate - expected.value).abs() < 1e-12);
        // The two failed cells are the least accurate: ranked best they cost, ranked worst they help.
        let worst = correlate("p", &scores, &truth, 1.0, 50, 0, FailedScores::Worst).unwrap();
        assert!(best.spearman.estimate < worst.spearman.estimate, "{best:?} vs {worst:?}");
        // Tied at the top, the pick is their mean truth.
        assert_eq!(best.best_pick_truth, 50.5);
        // A lower-is-better proxy: its failed scores still rank best.
        let negated: Vec<f64> = scores.iter().map(|s| -s).collect();
        let lower = correlate("p", &negated, &truth, -1.0, 50, 0, FailedScores::Best).unwrap();
        assert_eq!(lower.spearman.estimate, best.spearman.estimate);
        assert_eq!(best.pearson, correlate("p", &scores, &truth, 1.0, 50, 0, FailedScores::Omit).unwrap().pearson);
    }

    #[test]
    fn policy_names_parse_and_unknown_ones_are_errors() {
        assert_eq!(FailedScores::from_name("omit"), Ok(FailedScores::Omit));
        assert_eq!(FailedScores::from_name("worst"), Ok(FailedScores::Worst));
        assert_eq!(FailedScores::from_name("best"), Ok(FailedScores::Best));
        assert!(FailedScores::from_name("last").unwrap_err().contains("omit, worst or best"));
        for policy in FailedScores::ALL {
            assert_eq!(serde_json::to_string(&policy).unwrap(), format!("\"{}\"", policy.name()));
        }
    }
}
