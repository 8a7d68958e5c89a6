//! Correlation restricted to the best networks by ground truth (top k %), where a proxy must
//! separate good from very good rather than good from broken.

use super::{FinitePairs, Method, Stat, StatsError, finite_pairs};

/// How many items the top `k_percent` % of `n` is: ⌈n·k/100⌉ (computed as `(n as f64 * k / 100.0).ceil()`),
/// at least 1 when n > 0 and at most n. `k_percent` must be finite and in (0, 100].
pub fn top_k_count(n: usize, k_percent: f64) -> Result<usize, StatsError> {
    if !(k_percent.is_finite() && k_percent > 0.0 && k_percent <= 100.0) {
        return Err(StatsError::InvalidParameter { name: "k_percent", expected: "a finite percentage in (0, 100]" });
    }
    if n == 0 {
        return Ok(0);
    }
    let m = (n as f64 * k_percent / 100.0).ceil();
    Ok((m as usize).clamp(1, n))
}

/// The finite pairs whose truth is in the top `k_percent` %, in input order (`x` = scores,
/// `y` = truth, `dropped` = non-finite pairs dropped from the whole input).
///
/// After dropping non-finite pairs (n left), m = [`top_k_count`]`(n, k)`; the threshold t is the
/// m-th largest truth, and every pair with truth ≥ t is kept, so ties at the boundary are all
/// included and the subset can hold more than m pairs (never fewer).
pub fn top_k_subset(scores: &[f64], truth: &[f64], k_percent: f64) -> Result<FinitePairs, StatsError> {
    let all = finite_pairs(scores, truth)?;
    let m = top_k_count(all.len(), k_percent)?;
    if m == 0 {
        return Ok(all);
    }
    let mut sorted = all.y.clone();
    sorted.sort_unstable_by(|a, b| b.total_cmp(a));
    let threshold = sorted[m - 1];
    let mut out = FinitePairs { dropped: all.dropped, ..FinitePairs::default() };
    for ((&s, &t), &i) in all.x.iter().zip(&all.y).zip(&all.index) {
        if t >= threshold {
            out.x.push(s);
            out.y.push(t);
            out.index.push(i);
        }
    }
    Ok(out)
}

/// `method`'s correlation between scores and truth on the top `k_percent` % by truth (see
/// [`top_k_subset`] for the subset and its tie rule). `n` in the result is the subset's size.
pub fn top_k_percent(scores: &[f64], truth: &[f64], k_percent: f64, method: Method) -> Result<Stat, StatsError> {
    let sub = top_k_subset(scores, truth, k_percent)?;
    Ok(sub.stat(method.on_finite(&sub.x, &sub.y)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_is_ceiling_and_clamped() {
        assert_eq!(top_k_count(15_625, 5.0), Ok(782));
        assert_eq!(top_k_count(15_625, 10.0), Ok(1563));
        assert_eq!(top_k_count(15_625, 20.0), Ok(3125));
        assert_eq!(top_k_count(3, 1.0), Ok(1));
        assert_eq!(top_k_count(3, 100.0), Ok(3));
        assert_eq!(top_k_count(0, 10.0), Ok(0));
        for bad in [0.0, -1.0, 100.5, f64::NAN, f64::INFINITY] {
            assert!(top_k_count(10, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn boundary_ties_are_included() {
        let truth = [1.0, 5.0, 3.0, 3.0, 2.0, f64::NAN];
        let scores = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
        // 5 finite pairs, 40 % → m = 2; the 2nd largest truth is 3.0, tied twice → 3 kept.
        let sub = top_k_subset(&scores, &truth, 40.0).unwrap();
        assert_eq!(sub.index, vec![1, 2, 3]);
        assert_eq!(sub.dropped, 1);
        let s = top_k_percent(&scores, &truth, 40.0, Method::Spearman).unwrap();
        assert_eq!((s.n, s.dropped), (3, 1));
    }

    #[test]
    fn degenerate_subsets_give_nan() {
        let s = top_k_percent(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0], 10.0, Method::KendallTauB).unwrap();
        assert!(s.value.is_nan());
        assert_eq!(s.n, 1);
        assert!(top_k_percent(&[], &[], 10.0, Method::Pearson).unwrap().value.is_nan());
        assert!(top_k_percent(&[1.0], &[], 10.0, Method::Pearson).is_err());
        assert!(top_k_percent(&[1.0], &[1.0], 0.0, Method::Pearson).is_err());
    }
}
