//! Machinery several proxies share, written once.

pub mod layers;
pub mod linalg;
pub mod linearized;
pub mod loss;
pub mod memo;
pub mod read;
pub mod relu_codes;
