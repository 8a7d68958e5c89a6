//! Kendall's τ-b in O(n log n) (Knight's algorithm: sort by x, count discordant pairs by merge
//! sort on y), with ties in x, in y and in both handled as scipy's `kendalltau(variant='b')`.

use std::cmp::Ordering;

use super::{Stat, StatsError, finite_pairs};

/// Kendall's τ-b between `x` and `y` after dropping non-finite pairs.
///
/// τ-b = (concordant − discordant) / √((n₀ − n_x)(n₀ − n_y)), with n₀ = n(n−1)/2 and n_x, n_y the
/// pairs tied in x, in y. NaN when fewer than 2 pairs remain or either side is constant; unequal
/// lengths are an error.
pub fn kendall_tau_b(x: &[f64], y: &[f64]) -> Result<Stat, StatsError> {
    let p = finite_pairs(x, y)?;
    Ok(p.stat(kendall_tau_b_finite(&p.x, &p.y)))
}

/// Kendall's τ-b of already-finite, equal-length slices (extra elements of the longer are ignored).
/// Values are compared by `f64::total_cmp`, so −0.0 and +0.0 differ here: [`super::finite_pairs`]
/// folds −0.0 into +0.0 first.
pub fn kendall_tau_b_finite(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    if n < 2 {
        return f64::NAN;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| x[a].total_cmp(&x[b]).then_with(|| y[a].total_cmp(&y[b])));

    // Pairs tied in x, and tied in both x and y (runs in the (x, y) order).
    let x_ties = tied_pairs(order.len(), |a, b| x[order[a]].total_cmp(&x[order[b]]) == Ordering::Equal);
    let both_ties = tied_pairs(order.len(), |a, b| {
        x[order[a]].total_cmp(&x[order[b]]) == Ordering::Equal && y[order[a]].total_cmp(&y[order[b]]) == Ordering::Equal
    });

    // Within equal x, y is already ascending, so inversions of y are exactly the discordant pairs.
    let mut ys: Vec<f64> = order.iter().map(|&i| y[i]).collect();
    let discordant = sort_counting_inversions(&mut ys);
    let y_ties = tied_pairs(ys.len(), |a, b| ys[a].total_cmp(&ys[b]) == Ordering::Equal);

    let total = pairs_among(n as u128);
    if x_ties == total || y_ties == total {
        return f64::NAN;
    }
    // total = con + dis + x_ties + y_ties − both_ties, so con − dis is:
    let con_minus_dis = total as i128 - x_ties as i128 - y_ties as i128 + both_ties as i128 - 2 * discordant as i128;
    let tau = con_minus_dis as f64 / ((total - x_ties) as f64).sqrt() / ((total - y_ties) as f64).sqrt();
    if tau.is_finite() { tau.clamp(-1.0, 1.0) } else { f64::NAN }
}

/// n(n−1)/2 (in u128, so no input length can overflow it).
fn pairs_among(n: u128) -> u128 {
    n * n.saturating_sub(1) / 2
}

/// Sum of m(m−1)/2 over runs of adjacent positions 0..len that `same(i, i+1)` joins.
fn tied_pairs(len: usize, same: impl Fn(usize, usize) -> bool) -> u128 {
    let mut total = 0;
    let mut run = 1u128;
    for i in 1..len {
        if same(i - 1, i) {
            run += 1;
        } else {
            total += pairs_among(run);
            run = 1;
        }
    }
    total + pairs_among(run)
}

/// Sorts `v` ascending (bottom-up merge sort) and returns the number of pairs i < j with
/// `v[i] > v[j]` strictly (equal values are not inversions).
fn sort_counting_inversions(v: &mut Vec<f64>) -> u128 {
    let n = v.len();
    let mut buf = vec![0.0; n];
    let mut inversions = 0u128;
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                if v[j].total_cmp(&v[i]) == Ordering::Less {
                    buf[k] = v[j];
                    j += 1;
                    inversions += (mid - i) as u128;
                } else {
                    buf[k] = v[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&v[i..mid]);
            k += mid - i;
            buf[k..k + (hi - j)].copy_from_slice(&v[j..hi]);
            lo = hi;
        }
        std::mem::swap(v, &mut buf);
        width *= 2;
    }
    inversions
}

#[cfg(test)]
mod tests {
    use super::*;

    /// O(n²) τ-b straight from the definition.
    fn naive(x: &[f64], y: &[f64]) -> f64 {
        let (mut s, mut tx, mut ty, mut total) = (0i64, 0i64, 0i64, 0i64);
        for i in 0..x.len() {
            for j in i + 1..x.len() {
                let a = (x[i] - x[j]).signum() as i64 * i64::from(x[i] != x[j]);
                let b = (y[i] - y[j]).signum() as i64 * i64::from(y[i] != y[j]);
                s += a * b;
                tx += i64::from(a == 0);
                ty += i64::from(b == 0);
                total += 1;
            }
        }
        s as f64 / (((total - tx) * (total - ty)) as f64).sqrt()
    }

    #[test]
    fn matches_definition_with_ties() {
        let mut rng = crate::rng::Rng::new(3);
        for n in [2usize, 3, 5, 17, 64, 200] {
            let x: Vec<f64> = (0..n).map(|_| rng.below(5) as f64).collect();
            let y: Vec<f64> = x.iter().map(|v| v + rng.below(4) as f64).collect();
            let fast = kendall_tau_b(&x, &y).unwrap().value;
            let slow = naive(&x, &y);
            assert!((fast - slow).abs() < 1e-12, "n={n}: {fast} vs {slow}");
        }
    }

    #[test]
    fn known_value_and_orientation() {
        // scipy.stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) = -0.4714045207910316
        let t = kendall_tau_b(&[12.0, 2.0, 1.0, 12.0, 2.0], &[1.0, 4.0, 7.0, 1.0, 0.0]).unwrap().value;
        assert!((t + 0.4714045207910316).abs() < 1e-12, "{t}");
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let reversed = kendall_tau_b(&x, &[5.0, 4.0, 3.0, 2.0, 1.0]).unwrap().value;
        assert!((reversed + 1.0).abs() < 1e-15, "reversed proxy must give -1, got {reversed}");
        assert!((kendall_tau_b(&x, &x).unwrap().value - 1.0).abs() < 1e-15);
    }

    #[test]
    fn degenerate_inputs() {
        assert!(kendall_tau_b(&[], &[]).unwrap().value.is_nan());
        assert!(kendall_tau_b(&[1.0], &[1.0]).unwrap().value.is_nan());
        assert!(kendall_tau_b(&[2.0; 5], &[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap().value.is_nan());
        let s = kendall_tau_b(&[f64::NAN, 1.0, 2.0], &[0.0, f64::NEG_INFINITY, 1.0]).unwrap();
        assert!(s.value.is_nan());
        assert_eq!((s.n, s.dropped), (1, 2));
        assert!(kendall_tau_b(&[1.0, 2.0], &[1.0]).is_err());
    }
}
