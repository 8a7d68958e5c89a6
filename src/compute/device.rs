//! A burn device together with what the user is told about it.

use burn::tensor::Device;

/// Which backend a device runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceKind {
    /// WebGPU in a browser, or wgpu natively.
    Gpu,
    /// Flex, burn's pure-Rust CPU backend (SIMD128 in wasm).
    Cpu,
}

impl DeviceKind {
    /// Stable name used in URLs, the CLI (`--device`) and stored scores.
    pub fn name(self) -> &'static str {
        match self {
            DeviceKind::Gpu => "gpu",
            DeviceKind::Cpu => "cpu",
        }
    }

    /// The kind called `name` (as [`DeviceKind::name`]).
    pub fn from_name(name: &str) -> Option<DeviceKind> {
        [DeviceKind::Gpu, DeviceKind::Cpu].into_iter().find(|k| k.name() == name)
    }
}

/// A device to compute on and its human-readable label.
#[derive(Clone, Debug)]
pub struct ComputeDevice {
    /// The burn device (without autodiff; proxies add it when they need gradients).
    pub device: Device,
    /// Backend kind.
    pub kind: DeviceKind,
    /// E.g. "WebGPU: Google SwiftShader (swiftshader)" or "CPU (no WebGPU)".
    pub label: String,
}

impl ComputeDevice {
    /// Flex on the CPU, labelled with why it was chosen.
    pub fn cpu(reason: &str) -> Self {
        let label = if reason.is_empty() { "CPU (Flex)".to_string() } else { format!("CPU ({reason})") };
        Self { device: Device::flex(), kind: DeviceKind::Cpu, label }
    }
}
