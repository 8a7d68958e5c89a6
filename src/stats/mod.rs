//! Correlation and ranking statistics between proxy scores and ground truth: Spearman ρ, Kendall τ-b,
//! Pearson r (also on the top k % by truth), nDCG@k, the pick's true value, and bootstrap intervals.
//!
//! Policy shared by every function here: pairs where either value is NaN or ±∞ are dropped first
//! (like scipy's `nan_policy='omit'`) and the count is reported; slices of unequal length are an
//! [`StatsError::LengthMismatch`]; too few pairs or zero variance give a NaN value, never a panic.
//! Scores come already oriented (higher = better); nothing takes absolute values.

mod bootstrap;
mod error;
mod kendall;
mod median;
mod method;
mod ndcg;
mod pairs;
mod pearson;
mod pick;
mod rank;
mod score_ties;
mod spearman;
mod topk;

pub use bootstrap::{Interval, bootstrap_ci};
pub use error::StatsError;
pub use kendall::{kendall_tau_b, kendall_tau_b_finite};
pub use median::median;
pub use method::Method;
pub use ndcg::ndcg_at_k;
pub use pairs::{FinitePairs, Stat, finite_pairs};
pub use pearson::{pearson, pearson_finite};
pub use pick::{Pick, best_of_top_k, best_pick};
pub use rank::average_ranks;
pub use spearman::{spearman, spearman_finite};
pub use topk::{top_k_count, top_k_percent, top_k_subset};
