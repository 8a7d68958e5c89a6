//! The one error type of the statistics: misuse of the API, never a property of the data.

use std::fmt;

/// Why a statistic could not be computed at all (data that is merely degenerate gives NaN instead).
#[derive(Clone, Debug, PartialEq)]
pub enum StatsError {
    /// The two slices must pair up element by element.
    LengthMismatch {
        /// Length of the first slice.
        left: usize,
        /// Length of the second slice.
        right: usize,
    },
    /// A parameter (not the data) is outside its domain, e.g. k % not in (0, 100].
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// What the parameter must satisfy.
        expected: &'static str,
    },
}

impl fmt::Display for StatsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::LengthMismatch { left, right } => {
                write!(f, "paired slices differ in length: {left} vs {right}")
            }
            Self::InvalidParameter { name, expected } => write!(f, "invalid parameter `{name}`: expected {expected}"),
        }
    }
}

impl std::error::Error for StatsError {}
