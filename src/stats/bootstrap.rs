//! Seeded percentile-bootstrap confidence intervals, so a reported ρ or τ comes with its spread.

use super::{StatsError, finite_pairs};
use crate::rng::Rng;

/// A bootstrap confidence interval around a statistic.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Interval {
    /// The statistic on all finite pairs.
    pub estimate: f64,
    /// Lower end (the (1 − confidence)/2 quantile of the finite replicates), NaN if none.
    pub low: f64,
    /// Upper end (the (1 + confidence)/2 quantile of the finite replicates), NaN if none.
    pub high: f64,
    /// The confidence level asked for, in (0, 1).
    pub confidence: f64,
    /// Resamples drawn.
    pub resamples: usize,
    /// Resamples whose statistic was finite (the others, e.g. constant resamples, are left out).
    pub valid: usize,
    /// Finite pairs resampled.
    pub n: usize,
    /// Pairs dropped because either member was NaN or ±∞.
    pub dropped: usize,
}

/// Percentile bootstrap of `statistic` over pairs: non-finite pairs are dropped, then `resamples`
/// times n pairs are drawn with replacement (`Rng::new(seed)`, indices by `below(n)`, pair by pair),
/// and the interval is the linearly interpolated quantiles of the finite replicate values (as
/// numpy's default `quantile`). The same inputs and seed give the same interval on every target.
///
/// `statistic` gets finite, equal-length slices, e.g. `|a, b| Method::Spearman.on_finite(a, b)`.
/// With fewer than 2 pairs nothing is resampled and `low`/`high` are NaN. Errors: unequal lengths,
/// `resamples == 0`, `confidence` not in (0, 1). Cost: `resamples` evaluations on n pairs.
pub fn bootstrap_ci<F>(
    x: &[f64],
    y: &[f64],
    statistic: F,
    resamples: usize,
    confidence: f64,
    seed: u64,
) -> Result<Interval, StatsError>
where
    F: Fn(&[f64], &[f64]) -> f64,
{
    let p = finite_pairs(x, y)?;
    if resamples == 0 {
        return Err(StatsError::InvalidParameter { name: "resamples", expected: "at least 1" });
    }
    if !(confidence > 0.0 && confidence < 1.0) {
        return Err(StatsError::InvalidParameter { name: "confidence", expected: "a level in (0, 1)" });
    }
    let n = p.len();
    let mut out = Interval {
        estimate: statistic(&p.x, &p.y),
        low: f64::NAN,
        high: f64::NAN,
        confidence,
        resamples,
        valid: 0,
        n,
        dropped: p.dropped,
    };
    if n < 2 {
        return Ok(out);
    }
    let mut rng = Rng::new(seed);
    let (mut bx, mut by) = (vec![0.0; n], vec![0.0; n]);
    let mut replicates = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        for (a, b) in bx.iter_mut().zip(by.iter_mut()) {
            let i = rng.below(n as u64) as usize;
            *a = p.x[i];
            *b = p.y[i];
        }
        let v = statistic(&bx, &by);
        if v.is_finite() {
            replicates.push(v);
        }
    }
    replicates.sort_unstable_by(f64::total_cmp);
    let alpha = 1.0 - confidence;
    out.valid = replicates.len();
    out.low = quantile(&replicates, alpha / 2.0);
    out.high = quantile(&replicates, 1.0 - alpha / 2.0);
    Ok(out)
}

/// Linear-interpolation quantile of sorted values (numpy's default), NaN when empty.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return f64::NAN;
    };
    let h = last as f64 * q;
    let lo = (h.floor() as usize).min(last);
    let hi = (lo + 1).min(last);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[cfg(test)]
mod tests {
    use super::super::Method;
    use super::*;

    fn data(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
        let mut rng = Rng::new(seed);
        let y: Vec<f64> = (0..n).map(|_| (rng.next_f64() * 20.0).round()).collect();
        let x: Vec<f64> = y.iter().map(|v| v + rng.normal() * 4.0).collect();
        (x, y)
    }

    #[test]
    fn seeded_deterministic_and_brackets_estimate() {
        let (x, y) = data(150, 5);
        for m in [Method::Spearman, Method::KendallTauB] {
            let a = bootstrap_ci(&x, &y, |a, b| m.on_finite(a, b), 300, 0.95, 9).unwrap();
            let b = bootstrap_ci(&x, &y, |a, b| m.on_finite(a, b), 300, 0.95, 9).unwrap();
            let c = bootstrap_ci(&x, &y, |a, b| m.on_finite(a, b), 300, 0.95, 10).unwrap();
            assert_eq!(a, b);
            assert_ne!(a.low, c.low);
            assert!(a.low < a.estimate && a.estimate < a.high, "{a:?}");
            assert_eq!(a.valid, 300);
        }
    }

    #[test]
    fn edge_cases() {
        let f = |a: &[f64], b: &[f64]| Method::Spearman.on_finite(a, b);
        let e = bootstrap_ci(&[], &[], f, 10, 0.9, 1).unwrap();
        assert!(e.estimate.is_nan() && e.low.is_nan() && e.high.is_nan());
        let c = bootstrap_ci(&[1.0; 5], &[1.0, 2.0, 3.0, 4.0, 5.0], f, 10, 0.9, 1).unwrap();
        assert_eq!(c.valid, 0);
        assert!(c.low.is_nan());
        assert!(bootstrap_ci(&[1.0], &[], f, 10, 0.9, 1).is_err());
        assert!(bootstrap_ci(&[1.0], &[1.0], f, 0, 0.9, 1).is_err());
        assert!(bootstrap_ci(&[1.0], &[1.0], f, 10, 1.0, 1).is_err());
        assert!(bootstrap_ci(&[1.0], &[1.0], f, 10, f64::NAN, 1).is_err());
    }

    #[test]
    fn quantile_interpolates() {
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
        assert_eq!(quantile(&[7.0], 0.975), 7.0);
        assert!(quantile(&[], 0.5).is_nan());
    }
}
