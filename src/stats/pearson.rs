//! Pearson's r: linear correlation of the raw values, accumulated in f64.

use super::{Stat, StatsError, finite_pairs};

/// Pearson's r between `x` and `y` after dropping non-finite pairs.
///
/// NaN when fewer than 2 pairs remain or either side is constant; unequal lengths are an error.
pub fn pearson(x: &[f64], y: &[f64]) -> Result<Stat, StatsError> {
    let p = finite_pairs(x, y)?;
    Ok(p.stat(pearson_finite(&p.x, &p.y)))
}

/// Pearson's r of already-finite, equal-length slices (extra elements of the longer are ignored).
///
/// NaN for fewer than 2 pairs, a constant side, or overflow. Deviations are scaled by their largest
/// magnitude before squaring (as scipy does), so huge values do not overflow.
pub fn pearson_finite(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    let (x, y) = (&x[..n], &y[..n]);
    if n < 2 || is_constant(x) || is_constant(y) {
        return f64::NAN;
    }
    let mx = x.iter().sum::<f64>() / n as f64;
    let my = y.iter().sum::<f64>() / n as f64;
    let sx = x.iter().fold(0.0_f64, |m, v| m.max((v - mx).abs()));
    let sy = y.iter().fold(0.0_f64, |m, v| m.max((v - my).abs()));
    if !(sx > 0.0 && sy > 0.0 && sx.is_finite() && sy.is_finite()) {
        return f64::NAN;
    }
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let dx = (a - mx) / sx;
        let dy = (b - my) / sy;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    let r = sxy / (sxx.sqrt() * syy.sqrt());
    if r.is_finite() { r.clamp(-1.0, 1.0) } else { f64::NAN }
}

/// Whether every element equals the first (so the variance is exactly zero).
fn is_constant(v: &[f64]) -> bool {
    v.first().is_none_or(|&f| v.iter().all(|&a| a == f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_reversed() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert!((pearson(&x, &[2.0, 4.0, 6.0, 8.0]).unwrap().value - 1.0).abs() < 1e-15);
        let r = pearson(&x, &[8.0, 6.0, 4.0, 2.0]).unwrap().value;
        assert!((r + 1.0).abs() < 1e-15, "{r}");
    }

    #[test]
    fn degenerate_inputs_give_nan_not_panic() {
        assert!(pearson(&[], &[]).unwrap().value.is_nan());
        assert!(pearson(&[1.0], &[2.0]).unwrap().value.is_nan());
        assert!(pearson(&[0.1, 0.1, 0.1], &[1.0, 2.0, 3.0]).unwrap().value.is_nan());
        let all_nan = pearson(&[f64::NAN; 3], &[1.0, 2.0, 3.0]).unwrap();
        assert!(all_nan.value.is_nan());
        assert_eq!((all_nan.n, all_nan.dropped), (0, 3));
        assert!(pearson(&[1.0, 2.0], &[1.0]).is_err());
    }

    #[test]
    fn huge_values_do_not_overflow() {
        let r = pearson(&[1e300, -1e300, 5e299], &[1.0, -1.0, 0.5]).unwrap().value;
        assert!((r - 1.0).abs() < 1e-12, "{r}");
    }
}
