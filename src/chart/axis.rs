//! One plot axis: range, linear or log10 scale, tick positions and tick labels.

/// One axis: range, scale and label.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// Label under / beside the axis.
    pub label: String,
    /// Smallest value shown.
    pub min: f64,
    /// Largest value shown.
    pub max: f64,
    /// Log10 scale.
    pub log: bool,
}

impl Axis {
    /// An axis fitted to the finite (and, for log, positive) values; log when they span more
    /// than a factor of 30 and are all positive.
    pub fn fit(label: &str, values: &[f64]) -> Axis {
        Axis::fitted(label, values, true)
    }

    /// An axis fitted to the finite values, always linear (accuracies: a log scale would
    /// squeeze the interesting top end).
    pub fn linear(label: &str, values: &[f64]) -> Axis {
        Axis::fitted(label, values, false)
    }

    fn fitted(label: &str, values: &[f64], allow_log: bool) -> Axis {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let min = finite.iter().copied().fold(f64::INFINITY, f64::min);
        let max = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (min, max) = if min.is_finite() { (min, max) } else { (0.0, 1.0) };
        let log = allow_log && min > 0.0 && max / min > 30.0;
        let pad = if log { 0.0 } else { (max - min).abs().max(1e-9) * 0.03 };
        Axis { label: label.to_string(), min: min - pad, max: if max > min { max + pad } else { min + 1.0 }, log }
    }

    /// Where `v` falls on the axis, 0 at `min` and 1 at `max`; `None` for values a log axis
    /// cannot show (≤ 0) and for NaN/∞.
    pub fn unit(&self, v: f64) -> Option<f64> {
        let (a, b, v) = if self.log {
            if v <= 0.0 {
                return None;
            }
            (self.min.log10(), self.max.log10(), v.log10())
        } else {
            (self.min, self.max, v)
        };
        (v.is_finite() && b > a).then(|| (v - a) / (b - a))
    }

    /// Tick values: powers of ten on a log axis, 1-2-5 steps (at most 6 intervals) otherwise.
    pub fn ticks(&self) -> Vec<f64> {
        if self.log {
            let (a, b) = (self.min.log10().floor() as i32, self.max.log10().ceil() as i32);
            (a..=b).map(|e| 10f64.powi(e)).filter(|&t| t >= self.min * 0.999 && t <= self.max * 1.001).collect()
        } else {
            let span = self.max - self.min;
            if !(span.is_finite() && span > 0.0) {
                return Vec::new();
            }
            let raw = span / 5.0;
            let mag = 10f64.powf(raw.log10().floor());
            let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * mag).find(|s| span / s <= 6.0).unwrap_or(mag * 10.0);
            let first = (self.min / step).ceil() as i64;
            let last = (self.max / step).floor() as i64;
            (first..=last).map(|k| k as f64 * step).collect()
        }
    }
}

/// A tick label: short, exponent form for very large or small magnitudes.
pub fn tick_text(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e4 || v.abs() < 1e-2) {
        format!("{v:.0e}")
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_goes_log_only_for_positive_values_spanning_decades() {
        assert!(Axis::fit("x", &[1.0, 10.0, 1000.0]).log);
        assert!(!Axis::fit("x", &[-1.0, 10.0, 1000.0]).log);
        assert!(!Axis::fit("x", &[1.0, 2.0, 3.0]).log);
        assert!(!Axis::linear("x", &[1.0, 10.0, 1000.0]).log);
        let empty = Axis::fit("x", &[f64::NAN]);
        assert_eq!((empty.min, empty.max), (-0.03, 1.03));
    }

    #[test]
    fn unit_maps_ends_and_rejects_what_the_scale_cannot_show() {
        let lin = Axis { label: String::new(), min: 0.0, max: 10.0, log: false };
        assert_eq!(lin.unit(0.0), Some(0.0));
        assert_eq!(lin.unit(5.0), Some(0.5));
        assert_eq!(lin.unit(f64::NAN), None);
        let log = Axis { label: String::new(), min: 1.0, max: 100.0, log: true };
        assert!((log.unit(10.0).unwrap() - 0.5).abs() < 1e-12);
        assert_eq!(log.unit(0.0), None);
    }

    #[test]
    fn ticks_are_round_and_inside_the_range() {
        let lin = Axis { label: String::new(), min: 0.3, max: 9.7, log: false };
        assert_eq!(lin.ticks(), vec![2.0, 4.0, 6.0, 8.0]);
        let log = Axis { label: String::new(), min: 0.5, max: 2000.0, log: true };
        assert_eq!(log.ticks(), vec![1.0, 10.0, 100.0, 1000.0]);
        assert_eq!(tick_text(0.25), "0.25");
        assert_eq!(tick_text(1e6), "1e6");
    }
}
