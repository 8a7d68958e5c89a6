//! The true value of what the proxy would pick: the question a NAS user actually asks.

use super::score_ties::score_tie_groups;
use super::{StatsError, finite_pairs};

/// What a proxy's pick is worth in ground truth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pick {
    /// The best truth among the picked items, as an expectation when equal scores straddle the
    /// cut (see [`best_of_top_k`]), or NaN when no finite pair exists.
    pub value: f64,
    /// Items sharing the score at the cut (1 when the pick is certain, 0 when nothing is ranked).
    pub tied: usize,
    /// Finite pairs considered.
    pub n: usize,
    /// Pairs dropped because either member was NaN or ±∞.
    pub dropped: usize,
}

/// The truth of the item with the highest score; equal top scores give the mean of their truths,
/// the expected value of picking one of them at random.
pub fn best_pick(scores: &[f64], truth: &[f64]) -> Result<Pick, StatsError> {
    best_of_top_k(scores, truth, 1)
}

/// The best truth among the `k` highest-scored items. When a group of m equal scores straddles
/// the cut, r of them make it in, chosen uniformly at random, and the value is the expectation:
/// the j-th smallest truth of the group is the group's best of the r with probability
/// C(j−1, r−1) / C(m, r). So, like nDCG here, the result never depends on the order of the input
/// rows. Non-finite pairs are dropped first; `k` beyond the number of pairs means all of them;
/// `k = 0` is an error.
pub fn best_of_top_k(scores: &[f64], truth: &[f64], k: usize) -> Result<Pick, StatsError> {
    if k == 0 {
        return Err(StatsError::InvalidParameter { name: "k", expected: "at least 1" });
    }
    let p = finite_pairs(scores, truth)?;
    let (order, groups) = score_tie_groups(&p.x);
    let k = k.min(p.len());
    let mut certain = f64::NEG_INFINITY; // best truth among groups wholly inside the top k
    let mut pick = Pick { value: f64::NAN, tied: 0, n: p.len(), dropped: p.dropped };
    for group in groups.into_iter().take_while(|g| g.start < k) {
        let mut truths: Vec<f64> = group.clone().map(|pos| p.y[order[pos]]).collect();
        if group.end <= k {
            certain = truths.iter().copied().fold(certain, f64::max);
            pick = Pick { value: certain, tied: 1, ..pick };
            continue;
        }
        truths.sort_unstable_by(f64::total_cmp);
        let (m, r) = (truths.len(), k - group.start);
        // P(best of the r is the j-th smallest), from j = m down: r/m, then × (j − r)/(j − 1).
        let mut prob = r as f64 / m as f64;
        let mut expected = 0.0;
        for j in (r..=m).rev() {
            expected += prob * truths[j - 1].max(certain);
            prob *= (j - r) as f64 / (j - 1).max(1) as f64;
        }
        pick = Pick { value: expected, tied: m, ..pick };
    }
    Ok(pick)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_highest_score_and_averages_ties() {
        let p = best_pick(&[0.1, f64::NAN, 0.95, 0.5], &[70.0, 99.0, 80.0, 90.0]).unwrap();
        assert_eq!((p.value, p.tied, p.n, p.dropped), (80.0, 1, 3, 1));
        // Items 2 and 3 tie for the top score: either is picked, so 85 is expected.
        let p = best_pick(&[0.1, f64::NAN, 0.9, 0.9], &[70.0, 99.0, 80.0, 90.0]).unwrap();
        assert_eq!((p.value, p.tied), (85.0, 2));
        // Top 2 take both tied items: the best is certain.
        let top2 = best_of_top_k(&[0.1, f64::NAN, 0.9, 0.9], &[70.0, 99.0, 80.0, 90.0], 2).unwrap();
        assert_eq!((top2.value, top2.tied), (90.0, 1));
    }

    #[test]
    fn straddling_tie_matches_enumeration() {
        // Item 0 is certain (truth 50); items 1..=4 tie and two of them make the top 3.
        let scores = [9.0, 5.0, 5.0, 5.0, 5.0, 1.0];
        let truth = [50.0, 40.0, 60.0, 70.0, 80.0, 99.0];
        // The six pairs of {40, 60, 70, 80}, each with 50: best 60, 70, 80, 70, 80, 80.
        let want = (60.0 + 70.0 + 80.0 + 70.0 + 80.0 + 80.0) / 6.0;
        let p = best_of_top_k(&scores, &truth, 3).unwrap();
        assert!((p.value - want).abs() < 1e-12, "{} vs {want}", p.value);
        assert_eq!(p.tied, 4);
    }

    #[test]
    fn edge_cases() {
        let p = best_pick(&[], &[]).unwrap();
        assert!(p.value.is_nan());
        assert_eq!(p.tied, 0);
        assert!(best_pick(&[f64::NAN], &[1.0]).unwrap().value.is_nan());
        assert!(best_pick(&[1.0], &[]).is_err());
        assert!(best_of_top_k(&[1.0], &[1.0], 0).is_err());
        assert_eq!(best_of_top_k(&[1.0, 2.0], &[5.0, 3.0], 10).unwrap().value, 5.0);
    }
}
