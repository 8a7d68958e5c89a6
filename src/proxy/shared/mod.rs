//! Machinery several proxies share, written once.

pub mod cell_graph;
pub mod hvp;
pub mod input_jacobian;
pub mod layers;
pub mod linalg;
pub mod linearized;
pub mod loss;
pub mod memo;
pub mod per_sample;
pub mod population;
pub mod read;
pub mod relu_codes;
