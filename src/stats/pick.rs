//! The true value of what the proxy would pick: the question a NAS user actually asks.

use super::{StatsError, finite_pairs};

/// The network a proxy picks and its ground truth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pick {
    /// The picked item's truth, or NaN when no finite pair exists.
    pub value: f64,
    /// The picked item's index in the input slices, or `None` when no finite pair exists.
    pub index: Option<usize>,
    /// Finite pairs considered.
    pub n: usize,
    /// Pairs dropped because either member was NaN or ±∞.
    pub dropped: usize,
}

/// The truth of the item with the highest score (equal scores: the lowest index wins).
/// Non-finite pairs are dropped first; unequal lengths are an error.
pub fn best_pick(scores: &[f64], truth: &[f64]) -> Result<Pick, StatsError> {
    best_of_top_k(scores, truth, 1)
}

/// The best truth among the `k` highest-scored items (score ties: lower index ranks first; truth
/// ties: the higher-ranked item is reported). `k` beyond the number of pairs means all of them;
/// `k = 0` is an error.
pub fn best_of_top_k(scores: &[f64], truth: &[f64], k: usize) -> Result<Pick, StatsError> {
    if k == 0 {
        return Err(StatsError::InvalidParameter { name: "k", expected: "at least 1" });
    }
    let p = finite_pairs(scores, truth)?;
    let mut by_score: Vec<usize> = (0..p.len()).collect();
    by_score.sort_by(|&a, &b| p.x[b].total_cmp(&p.x[a]));
    let mut best: Option<usize> = None;
    for &i in by_score.iter().take(k) {
        if best.is_none_or(|b| p.y[i] > p.y[b]) {
            best = Some(i);
        }
    }
    Ok(Pick {
        value: best.map_or(f64::NAN, |b| p.y[b]),
        index: best.map(|b| p.index[b]),
        n: p.len(),
        dropped: p.dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_highest_score_and_reports_its_truth() {
        let p = best_pick(&[0.1, f64::NAN, 0.9, 0.9], &[70.0, 99.0, 80.0, 90.0]).unwrap();
        assert_eq!((p.value, p.index, p.n, p.dropped), (80.0, Some(2), 3, 1));
        let top2 = best_of_top_k(&[0.1, f64::NAN, 0.9, 0.9], &[70.0, 99.0, 80.0, 90.0], 2).unwrap();
        assert_eq!((top2.value, top2.index), (90.0, Some(3)));
    }

    #[test]
    fn edge_cases() {
        let p = best_pick(&[], &[]).unwrap();
        assert!(p.value.is_nan());
        assert_eq!(p.index, None);
        assert!(best_pick(&[f64::NAN], &[1.0]).unwrap().value.is_nan());
        assert!(best_pick(&[1.0], &[]).is_err());
        assert!(best_of_top_k(&[1.0], &[1.0], 0).is_err());
        assert_eq!(best_of_top_k(&[1.0, 2.0], &[5.0, 3.0], 10).unwrap().value, 5.0);
    }
}
