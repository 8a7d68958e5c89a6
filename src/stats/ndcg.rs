//! nDCG@k: how much of the best achievable true value the proxy's top-k ranking collects,
//! discounted by position, as used in zero-shot NAS papers.

use super::{Stat, StatsError, finite_pairs};

/// nDCG@k of ranking by `scores` (descending) with the raw `truth` values as gains:
/// DCG@k = Σᵢ₌₁..ₖ truthᵢ / log₂(i + 1) over the proxy's order, divided by the same sum over the
/// order by truth (IDCG@k).
///
/// Non-finite pairs are dropped first; equal scores are ranked by original index (lower first), so
/// the result is deterministic. `k` larger than the number of pairs n means n; `k = 0` is an error.
/// The value is NaN when no pair remains or IDCG@k ≤ 0: gains are used as given, so the result is
/// meaningful for non-negative truth such as accuracy. `n` in the result is the pairs ranked.
pub fn ndcg_at_k(scores: &[f64], truth: &[f64], k: usize) -> Result<Stat, StatsError> {
    if k == 0 {
        return Err(StatsError::InvalidParameter { name: "k", expected: "at least 1" });
    }
    let p = finite_pairs(scores, truth)?;
    let n = p.len();
    if n == 0 {
        return Ok(p.stat(f64::NAN));
    }
    let k = k.min(n);
    // Kept pairs are in input order, so a stable sort breaks score ties by original index.
    let mut by_score: Vec<usize> = (0..n).collect();
    by_score.sort_by(|&a, &b| p.x[b].total_cmp(&p.x[a]));
    let mut ideal = p.y.clone();
    ideal.sort_unstable_by(|a, b| b.total_cmp(a));
    let dcg = discounted_sum(by_score[..k].iter().map(|&i| p.y[i]));
    let idcg = discounted_sum(ideal[..k].iter().copied());
    let value = if idcg > 0.0 && idcg.is_finite() && dcg.is_finite() { dcg / idcg } else { f64::NAN };
    Ok(p.stat(value))
}

/// Σ gainᵢ / log₂(i + 1) for positions i = 1, 2, …, summed in order.
fn discounted_sum(gains: impl Iterator<Item = f64>) -> f64 {
    gains.enumerate().map(|(i, g)| g / ((i + 2) as f64).log2()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_ranking_is_one_and_known_value() {
        let truth = [0.9, 0.5, 0.7, 0.1];
        assert_eq!(ndcg_at_k(&truth, &truth, 3).unwrap().value, 1.0);
        // Proxy order: items 3, 1, 2, 0 → gains 0.1, 0.5, 0.7 at positions 1..3.
        let scores = [0.0, 2.0, 1.0, 3.0];
        let dcg = 0.1 + 0.5 / 3f64.log2() + 0.7 / 2.0;
        let idcg = 0.9 + 0.7 / 3f64.log2() + 0.5 / 2.0;
        let v = ndcg_at_k(&scores, &truth, 3).unwrap().value;
        assert!((v - dcg / idcg).abs() < 1e-15);
    }

    #[test]
    fn score_ties_break_by_index() {
        // All scores tie: the order is 0, 1, 2, so only item 0 counts at k = 1.
        let v = ndcg_at_k(&[1.0, 1.0, 1.0], &[0.2, 0.8, 0.4], 1).unwrap().value;
        assert!((v - 0.25).abs() < 1e-15);
    }

    #[test]
    fn edge_cases() {
        assert!(ndcg_at_k(&[], &[], 5).unwrap().value.is_nan());
        assert!(ndcg_at_k(&[1.0, 2.0], &[0.0, 0.0], 5).unwrap().value.is_nan());
        assert!(ndcg_at_k(&[1.0], &[1.0], 0).is_err());
        assert!(ndcg_at_k(&[1.0], &[1.0, 2.0], 1).is_err());
        let s = ndcg_at_k(&[f64::NAN, 1.0, 2.0], &[1.0, 0.5, 0.5], 10).unwrap();
        assert_eq!((s.value, s.n, s.dropped), (1.0, 2, 1));
    }
}
