//! Compute devices: WebGPU when an adapter answers, the pure-Rust CPU backend (Flex) otherwise.

pub mod device;
pub mod messages; // page ↔ scoring worker messages (JSON)
#[cfg(target_arch = "wasm32")]
pub mod webgpu;

pub use device::{ComputeDevice, DeviceKind};
