//! Where a value stands in a population.

/// A population sorted once, answering "what share of it is at most this value".
#[derive(Clone, Debug, PartialEq)]
pub struct Percentiles {
    sorted: Vec<f64>,
}

impl Percentiles {
    /// From any values; NaNs are left out.
    pub fn new(values: impl IntoIterator<Item = f64>) -> Self {
        let mut sorted: Vec<f64> = values.into_iter().filter(|v| !v.is_nan()).collect();
        sorted.sort_by(f64::total_cmp);
        Self { sorted }
    }

    /// Percentage (0–100) of the population whose value is ≤ `value`; `None` for NaN or an empty
    /// population.
    pub fn of(&self, value: f64) -> Option<f64> {
        if value.is_nan() || self.sorted.is_empty() {
            return None;
        }
        let at_most = self.sorted.partition_point(|&v| v <= value);
        Some(100.0 * at_most as f64 / self.sorted.len() as f64)
    }

    /// Population size.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// True for an empty population.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_count_ties_and_skip_nan() {
        let p = Percentiles::new([1.0, 2.0, 2.0, 4.0, f64::NAN]);
        assert_eq!(p.len(), 4);
        assert_eq!(p.of(2.0), Some(75.0));
        assert_eq!(p.of(0.5), Some(0.0));
        assert_eq!(p.of(4.0), Some(100.0));
        assert_eq!(p.of(f64::NAN), None);
        assert_eq!(Percentiles::new([]).of(1.0), None);
    }
}
