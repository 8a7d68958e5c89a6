//! Population-relative scores (te_nas, az_nas): each network's raw components are ranked within
//! the population being compared, and the ranks are combined. Pure host code: the per-network
//! components are computed once (and stored by the CLI), the population step needs no tensors.
//!
//! Policy: ranks are ascending in the oriented component (sign × value, so rank N is the best),
//! ties share the average of their ranks (scipy's `rankdata(method='average')`, as both papers'
//! code). A network with a missing or non-finite component takes no part: its score is NaN and
//! N counts only the others.

use crate::stats::average_ranks;

/// Stands for AZ-NAS's −∞ (a feature map with no spread, an exactly-identity cell): below every
/// real component value, yet finite, so that it survives JSON, CSV and means over repeats (a
/// mean that includes it stays far below every real value).
pub const RANKS_LAST: f64 = -1e300;

/// How the ranks of the components are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    /// Σ_m rank_m (TE-NAS; larger is better, at most m·N).
    RankSum,
    /// Σ_m ln(rank_m / N) (AZ-NAS; at most 0, reached by a network best on every component).
    LogRankSum,
}

/// The population score of every row. `rows[i]` holds network i's components, `signs[m]` is +1
/// where a larger component m is better and −1 where a smaller one is. Rows whose length is not
/// `signs.len()` or that hold a non-finite value get NaN.
pub fn population_scores(rows: &[Vec<f64>], signs: &[f64], aggregate: Aggregate) -> Vec<f64> {
    let valid: Vec<usize> =
        (0..rows.len()).filter(|&i| rows[i].len() == signs.len() && rows[i].iter().all(|v| v.is_finite())).collect();
    let n = valid.len() as f64;
    let mut scores = vec![f64::NAN; rows.len()];
    if valid.is_empty() {
        return scores;
    }
    for &i in &valid {
        scores[i] = 0.0;
    }
    for (m, &sign) in signs.iter().enumerate() {
        let oriented: Vec<f64> = valid.iter().map(|&i| sign * rows[i][m]).collect();
        for (&i, rank) in valid.iter().zip(average_ranks(&oriented)) {
            scores[i] += match aggregate {
                Aggregate::RankSum => rank,
                Aggregate::LogRankSum => (rank / n).ln(),
            };
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_sum_orients_each_component_and_averages_ties() {
        // Components (κ, regions): κ lower is better, regions higher.
        let rows = vec![vec![10.0, 5.0], vec![2.0, 5.0], vec![2.0, 9.0], vec![30.0, 1.0]];
        // rank(−κ): −10 → 2, −2 → 3.5 (tie), −2 → 3.5, −30 → 1.
        // rank(regions): 5 → 2.5 (tie), 5 → 2.5, 9 → 4, 1 → 1.
        let s = population_scores(&rows, &[-1.0, 1.0], Aggregate::RankSum);
        assert_eq!(s, vec![4.5, 6.0, 7.5, 2.0]);
    }

    #[test]
    fn log_rank_sum_is_zero_for_the_best_everywhere_and_skips_invalid_rows() {
        let rows = vec![vec![1.0, 3.0], vec![2.0, 4.0], vec![f64::NAN, 0.0], vec![0.0], vec![2.0, 4.0]];
        let s = population_scores(&rows, &[1.0, 1.0], Aggregate::LogRankSum);
        // Valid rows 0, 1, 4 (N = 3): row 0 ranks 1 on both; rows 1 and 4 tie at 2.5 on both.
        let (low, tie) = (2.0 * (1.0f64 / 3.0).ln(), 2.0 * (2.5f64 / 3.0).ln());
        assert!((s[0] - low).abs() < 1e-12 && (s[1] - tie).abs() < 1e-12 && (s[4] - tie).abs() < 1e-12);
        assert!(s[2].is_nan() && s[3].is_nan());
        // A population of one: rank 1 of 1 everywhere.
        assert_eq!(population_scores(&[vec![5.0, 6.0]], &[1.0, -1.0], Aggregate::LogRankSum), vec![0.0]);
        assert_eq!(population_scores(&[vec![5.0, 6.0]], &[1.0, -1.0], Aggregate::RankSum), vec![2.0]);
        assert!(population_scores(&[], &[1.0], Aggregate::RankSum).is_empty());
    }

    #[test]
    fn the_stand_in_for_minus_infinity_ranks_last() {
        let rows = vec![vec![RANKS_LAST], vec![-1e6], vec![0.5]];
        assert_eq!(population_scores(&rows, &[1.0], Aggregate::RankSum), vec![1.0, 2.0, 3.0]);
    }
}
