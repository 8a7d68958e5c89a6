//! Pairing and NaN filtering: every statistic first drops pairs with a non-finite member.

use super::StatsError;

/// A statistic's value with the number of pairs it used and the number of non-finite pairs dropped.
///
/// `value` is NaN when the statistic is undefined (fewer than 2 pairs, zero variance, …).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stat {
    /// The statistic, or NaN when undefined on these data.
    pub value: f64,
    /// Pairs it was computed on (after dropping, and after any top-k subsetting).
    pub n: usize,
    /// Pairs dropped because either member was NaN or ±∞.
    pub dropped: usize,
}

/// The finite pairs of two slices, in their original order, with their original indices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FinitePairs {
    /// First members (finite; −0.0 stored as +0.0 so sorting and equality agree).
    pub x: Vec<f64>,
    /// Second members (finite; −0.0 stored as +0.0).
    pub y: Vec<f64>,
    /// Index of each kept pair in the input slices (ascending).
    pub index: Vec<usize>,
    /// Pairs dropped because either member was NaN or ±∞.
    pub dropped: usize,
}

impl FinitePairs {
    /// Number of kept pairs.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether no pair was kept.
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// A [`Stat`] for these pairs with the given value.
    pub fn stat(&self, value: f64) -> Stat {
        Stat { value, n: self.len(), dropped: self.dropped }
    }
}

/// Keeps the pairs where both values are finite (NaN and ±∞ are dropped, as scipy's
/// `nan_policy='omit'` drops NaN); unequal lengths are an error.
pub fn finite_pairs(x: &[f64], y: &[f64]) -> Result<FinitePairs, StatsError> {
    if x.len() != y.len() {
        return Err(StatsError::LengthMismatch { left: x.len(), right: y.len() });
    }
    let mut out = FinitePairs {
        x: Vec::with_capacity(x.len()),
        y: Vec::with_capacity(y.len()),
        index: Vec::with_capacity(x.len()),
        dropped: 0,
    };
    for (i, (&a, &b)) in x.iter().zip(y).enumerate() {
        if a.is_finite() && b.is_finite() {
            // Adding +0.0 turns −0.0 into +0.0, so `total_cmp` and `==` see the same ties.
            out.x.push(a + 0.0);
            out.y.push(b + 0.0);
            out.index.push(i);
        } else {
            out.dropped += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_nan_and_inf_pairs_and_counts_them() {
        let p = finite_pairs(&[1.0, f64::NAN, 3.0, 4.0, -0.0], &[1.0, 2.0, f64::INFINITY, 4.0, 5.0]).unwrap();
        assert_eq!(p.x, vec![1.0, 4.0, 0.0]);
        assert!(p.x[2].is_sign_positive());
        assert_eq!(p.index, vec![0, 3, 4]);
        assert_eq!(p.dropped, 2);
    }

    #[test]
    fn unequal_lengths_are_an_error() {
        assert_eq!(finite_pairs(&[1.0], &[]), Err(StatsError::LengthMismatch { left: 1, right: 0 }));
    }
}
