//! nDCG@k: how much of the best achievable true value the proxy's top-k ranking collects,
//! discounted by position, as used in zero-shot NAS papers.

use super::score_ties::score_tie_groups;
use super::{Stat, StatsError, finite_pairs};

/// nDCG@k of ranking by `scores` (descending) with the raw `truth` values as gains:
/// DCG@k = Σᵢ₌₁..ₖ gainᵢ / log₂(i + 1) over the proxy's order, divided by the same sum over the
/// order by truth (IDCG@k).
///
/// Equal scores are one unordered group: each position a group spans gets the group's mean gain,
/// which is the expected DCG when ties are broken at random (McSherry & Najork, ECIR 2008; scikit-
/// learn's `ndcg_score` with `ignore_ties=False`). So the value never depends on the order of the
/// input rows, and a proxy that ties many networks (params, flops) is neither helped nor hurt by
/// how the file lists them. Non-finite pairs are dropped first. `k` larger than the number of
/// pairs n means n; `k = 0` is an error. The value is NaN when no pair remains or IDCG@k ≤ 0:
/// gains are used as given, so the result is meaningful for non-negative truth such as accuracy.
/// `n` in the result is the pairs ranked.
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
    let (order, groups) = score_tie_groups(&p.x);
    let mut dcg = 0.0;
    for group in groups.into_iter().take_while(|g| g.start < k) {
        let mean_gain = group.clone().map(|pos| p.y[order[pos]]).sum::<f64>() / group.len() as f64;
        dcg += mean_gain * (group.start..group.end.min(k)).map(discount).sum::<f64>();
    }
    let mut ideal = p.y.clone();
    ideal.sort_unstable_by(|a, b| b.total_cmp(a));
    let idcg: f64 = ideal[..k].iter().enumerate().map(|(pos, g)| g * discount(pos)).sum();
    let value = if idcg > 0.0 && idcg.is_finite() && dcg.is_finite() { dcg / idcg } else { f64::NAN };
    Ok(p.stat(value))
}

/// 1 / log₂(i + 1) for the 1-based position i = `pos` + 1.
fn discount(pos: usize) -> f64 {
    1.0 / ((pos + 2) as f64).log2()
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
    fn score_ties_share_their_mean_gain() {
        // All scores tie: position 1 gets the mean gain 0.466…, against the ideal 0.8.
        let v = ndcg_at_k(&[1.0, 1.0, 1.0], &[0.2, 0.8, 0.4], 1).unwrap().value;
        assert!((v - (1.4 / 3.0) / 0.8).abs() < 1e-15);
        // A tie straddling position k = 2: items 1 and 2 share positions 2 and 3, mean 0.6.
        let v = ndcg_at_k(&[3.0, 1.0, 1.0, 0.0], &[0.5, 0.8, 0.4, 0.1], 2).unwrap().value;
        let want = (0.5 + 0.6 / 3f64.log2()) / (0.8 + 0.5 / 3f64.log2());
        assert!((v - want).abs() < 1e-15);
    }

    #[test]
    fn row_order_does_not_matter() {
        let (scores, truth) = ([2.0, 1.0, 2.0, 2.0, 0.5], [0.9, 0.7, 0.1, 0.4, 0.3]);
        let order = [4, 2, 0, 3, 1];
        let s2: Vec<f64> = order.iter().map(|&i| scores[i]).collect();
        let t2: Vec<f64> = order.iter().map(|&i| truth[i]).collect();
        for k in 1..=5 {
            let (a, b) = (ndcg_at_k(&scores, &truth, k).unwrap().value, ndcg_at_k(&s2, &t2, k).unwrap().value);
            assert!((a - b).abs() < 1e-15, "k = {k}: {a} vs {b}");
        }
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
