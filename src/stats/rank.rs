//! Average ranks (ties share the mean of the ranks they span), the basis of Spearman's ρ.

use super::score_ties::equal_runs;

/// Ranks 1..=n of `values`, ties (values equal by `==`) getting the average of their ranks, as
/// scipy's `rankdata(method='average')`. Meant for finite values: a NaN never ties and ranks by
/// `f64::total_cmp`, so nothing panics.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; n];
    for run in equal_runs(values, &order) {
        // Positions start..end hold ranks start+1..=end; their mean is (start + 1 + end) / 2.
        let rank = (run.start + 1 + run.end) as f64 / 2.0;
        for &i in &order[run] {
            ranks[i] = rank;
        }
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_get_average_ranks() {
        assert_eq!(average_ranks(&[10.0, 20.0, 10.0, 30.0, 10.0]), vec![2.0, 4.0, 2.0, 5.0, 2.0]);
        assert_eq!(average_ranks(&[0.0, -0.0]), vec![1.5, 1.5]);
        assert!(average_ranks(&[]).is_empty());
    }

    #[test]
    fn nan_does_not_panic() {
        let r = average_ranks(&[f64::NAN, 1.0, f64::NAN]);
        assert_eq!(r.len(), 3);
        assert_eq!(r[1], 1.0);
    }
}
