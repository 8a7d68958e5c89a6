//! Spearman's ρ: Pearson's r of the average ranks, so ties are handled as scipy's `spearmanr`.

use super::{Stat, StatsError, average_ranks, finite_pairs, pearson_finite};

/// Spearman's ρ between `x` and `y` after dropping non-finite pairs; ties get average ranks.
///
/// NaN when fewer than 2 pairs remain or either side is constant; unequal lengths are an error.
pub fn spearman(x: &[f64], y: &[f64]) -> Result<Stat, StatsError> {
    let p = finite_pairs(x, y)?;
    Ok(p.stat(spearman_finite(&p.x, &p.y)))
}

/// Spearman's ρ of already-finite, equal-length slices (extra elements of the longer are ignored).
pub fn spearman_finite(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    pearson_finite(&average_ranks(&x[..n]), &average_ranks(&y[..n]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monotone_and_reversed() {
        let truth = [0.1, 0.5, 0.2, 0.9, 0.7];
        let same: Vec<f64> = truth.iter().map(|v: &f64| v.exp()).collect();
        let reversed: Vec<f64> = truth.iter().map(|v| -v * 3.0).collect();
        assert!((spearman(&same, &truth).unwrap().value - 1.0).abs() < 1e-15);
        let r = spearman(&reversed, &truth).unwrap().value;
        assert!((r + 1.0).abs() < 1e-15, "reversed proxy must give -1, got {r}");
    }

    #[test]
    fn known_value_with_ties() {
        // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]) = 0.9486832980505138
        let r = spearman(&[1.0, 2.0, 2.0, 3.0], &[1.0, 3.0, 2.0, 4.0]).unwrap().value;
        assert!((r - 0.9486832980505138).abs() < 1e-12, "{r}");
    }

    #[test]
    fn degenerate_inputs() {
        assert!(spearman(&[], &[]).unwrap().value.is_nan());
        assert!(spearman(&[3.0; 4], &[1.0, 2.0, 3.0, 4.0]).unwrap().value.is_nan());
        assert!(spearman(&[f64::NAN; 4], &[f64::NAN; 4]).unwrap().value.is_nan());
        assert!(spearman(&[1.0], &[1.0, 2.0]).is_err());
        let two = spearman(&[1.0, 2.0], &[5.0, 4.0]).unwrap();
        assert!((two.value + 1.0).abs() < 1e-15 && two.n == 2, "{two:?}");
    }
}
