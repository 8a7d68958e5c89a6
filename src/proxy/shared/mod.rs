//! Machinery several proxies share, written once.

pub mod hvp;
pub mod input_jacobian;
pub mod layers;
pub mod linalg;
pub mod linearized;
pub mod loss;
pub mod memo;
pub mod read;
pub mod relu_codes;
