//! The three correlation measures as a value, so top-k and bootstrap code can take "which one".

use super::{
    Stat, StatsError, kendall_tau_b, kendall_tau_b_finite, pearson, pearson_finite, spearman, spearman_finite,
};

/// A correlation measure between scores and ground truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// Spearman's ρ (average ranks for ties).
    Spearman,
    /// Kendall's τ-b (ties handled as scipy's variant 'b').
    KendallTauB,
    /// Pearson's r on the raw values.
    Pearson,
}

impl Method {
    /// Every method, in display order.
    pub const ALL: [Method; 3] = [Method::Spearman, Method::KendallTauB, Method::Pearson];

    /// A short display name.
    pub fn name(self) -> &'static str {
        match self {
            Method::Spearman => "Spearman ρ",
            Method::KendallTauB => "Kendall τ-b",
            Method::Pearson => "Pearson r",
        }
    }

    /// The measure on raw slices: non-finite pairs dropped and counted, unequal lengths an error.
    pub fn compute(self, x: &[f64], y: &[f64]) -> Result<Stat, StatsError> {
        match self {
            Method::Spearman => spearman(x, y),
            Method::KendallTauB => kendall_tau_b(x, y),
            Method::Pearson => pearson(x, y),
        }
    }

    /// The measure on already-finite slices (NaN when undefined); handy as a bootstrap statistic.
    pub fn on_finite(self, x: &[f64], y: &[f64]) -> f64 {
        match self {
            Method::Spearman => spearman_finite(x, y),
            Method::KendallTauB => kendall_tau_b_finite(x, y),
            Method::Pearson => pearson_finite(x, y),
        }
    }
}
