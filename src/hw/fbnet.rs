//! HW-NAS-Bench's 8 hardware metrics of an FBNet architecture, from the per-op lookup table.
//!
//! HW-NAS-Bench measured or simulated every op of the FBNet space once per input shape; a
//! network's cost is the sum of its 26 ops (stem, 22 layers, header, pool, classifier). Summing
//! in network order from 0.0, as here, reproduces the benchmark's published values bit for bit
//! (checked against its test vectors, `tests/hw_fbnet.rs`).
//!
//! Edge TPU is absent for FBNet: the Edge TPU compiler fuses layers, so per-op costs do not add
//! up to a network's cost and HW-NAS-Bench publishes no FBNet lookup table for it.

use crate::bench::FbnetLut;
use crate::space::fbnet::{FbnetArch, FbnetInput, LutOp};

/// What a metric measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// Inference latency, batch 1, milliseconds.
    Latency,
    /// Inference energy, batch 1, millijoules.
    Energy,
}

impl Quantity {
    /// Unit of the values (`ms` or `mJ`).
    pub fn unit(self) -> &'static str {
        match self {
            Quantity::Latency => "ms",
            Quantity::Energy => "mJ",
        }
    }
}

/// One of the 8 FBNet hardware metrics of HW-NAS-Bench, in its lookup table's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FbnetMetric {
    /// Edge GPU (NVIDIA Jetson TX2) latency, ms.
    EdgeGpuLatency,
    /// Edge GPU (NVIDIA Jetson TX2) energy, mJ.
    EdgeGpuEnergy,
    /// Raspberry Pi 4 latency, ms.
    Raspi4Latency,
    /// Google Pixel 3 latency, ms.
    Pixel3Latency,
    /// Eyeriss (ASIC, simulated) latency, ms.
    EyerissLatency,
    /// Eyeriss (ASIC, simulated) energy, mJ.
    EyerissEnergy,
    /// FPGA (Xilinx ZC706, simulated) latency, ms.
    FpgaLatency,
    /// FPGA (Xilinx ZC706, simulated) energy, mJ.
    FpgaEnergy,
}

impl FbnetMetric {
    /// All 8 metrics (Edge TPU is absent for FBNet: see the module doc).
    pub const ALL: [FbnetMetric; 8] = [
        FbnetMetric::EdgeGpuLatency,
        FbnetMetric::EdgeGpuEnergy,
        FbnetMetric::Raspi4Latency,
        FbnetMetric::Pixel3Latency,
        FbnetMetric::EyerissLatency,
        FbnetMetric::EyerissEnergy,
        FbnetMetric::FpgaLatency,
        FbnetMetric::FpgaEnergy,
    ];

    /// HW-NAS-Bench's metric name, also the lookup-table row (`edgegpu_latency`, …).
    pub fn name(self) -> &'static str {
        match self {
            FbnetMetric::EdgeGpuLatency => "edgegpu_latency",
            FbnetMetric::EdgeGpuEnergy => "edgegpu_energy",
            FbnetMetric::Raspi4Latency => "raspi4_latency",
            FbnetMetric::Pixel3Latency => "pixel3_latency",
            FbnetMetric::EyerissLatency => "eyeriss_latency",
            FbnetMetric::EyerissEnergy => "eyeriss_energy",
            FbnetMetric::FpgaLatency => "fpga_latency",
            FbnetMetric::FpgaEnergy => "fpga_energy",
        }
    }

    /// The metric called `name` by HW-NAS-Bench (exact).
    pub fn from_name(name: &str) -> Option<FbnetMetric> {
        FbnetMetric::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Latency or energy.
    pub fn quantity(self) -> Quantity {
        match self {
            FbnetMetric::EdgeGpuEnergy | FbnetMetric::EyerissEnergy | FbnetMetric::FpgaEnergy => Quantity::Energy,
            _ => Quantity::Latency,
        }
    }

    /// Unit of the values (`ms` or `mJ`).
    pub fn unit(self) -> &'static str {
        self.quantity().unit()
    }

    /// HW-NAS-Bench's device key (`edgegpu`, `raspi4`, `pixel3`, `eyeriss`, `fpga`), also the
    /// column name of the latency tables where the device has one.
    pub fn device(self) -> &'static str {
        match self {
            FbnetMetric::EdgeGpuLatency | FbnetMetric::EdgeGpuEnergy => "edgegpu",
            FbnetMetric::Raspi4Latency => "raspi4",
            FbnetMetric::Pixel3Latency => "pixel3",
            FbnetMetric::EyerissLatency | FbnetMetric::EyerissEnergy => "eyeriss",
            FbnetMetric::FpgaLatency | FbnetMetric::FpgaEnergy => "fpga",
        }
    }

    /// The device for people.
    pub fn device_label(self) -> &'static str {
        match self.device() {
            "edgegpu" => "Edge GPU (NVIDIA Jetson TX2)",
            "raspi4" => "Raspberry Pi 4",
            "pixel3" => "Google Pixel 3",
            "eyeriss" => "Eyeriss ASIC (simulated)",
            _ => "FPGA (Xilinx ZC706, simulated)",
        }
    }
}

/// Why a metric could not be computed: the lookup table lacks a row or an op.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FbnetCostError {
    /// The table has no row for the metric.
    #[error("the FBNet lookup table has no metric {metric}")]
    MissingMetric {
        /// Metric name.
        metric: &'static str,
    },
    /// The table has no entry for an op of the network.
    #[error("the FBNet lookup table has no op {key} (metric {metric})")]
    MissingOp {
        /// Metric name.
        metric: &'static str,
        /// The op's key.
        key: String,
    },
}

/// One op of the network and its cost on a metric.
#[derive(Clone, Debug, PartialEq)]
pub struct OpCost {
    /// The op (part of the network and lookup-table key).
    pub op: LutOp,
    /// Its cost, in the metric's unit.
    pub value: f64,
}

/// Cost of each of the 26 ops of `arch` built for `input`, in network order (stem, layers
/// 1..22, header, pool, classifier).
pub fn fbnet_breakdown(
    lut: &FbnetLut,
    arch: &FbnetArch,
    input: FbnetInput,
    metric: FbnetMetric,
) -> Result<Vec<OpCost>, FbnetCostError> {
    let row = lut.metric_index(metric.name()).ok_or(FbnetCostError::MissingMetric { metric: metric.name() })?;
    arch.lut_ops(input)
        .into_iter()
        .map(|op| match lut.at(row, &op.key) {
            Some(value) => Ok(OpCost { op, value }),
            None => Err(FbnetCostError::MissingOp { metric: metric.name(), key: op.key }),
        })
        .collect()
}

/// HW-NAS-Bench's value of `metric` for `arch` on `input`: the ops' costs summed in network
/// order from 0.0 (the benchmark's order, so the result is bit-identical to its value).
pub fn fbnet_metric(
    lut: &FbnetLut,
    arch: &FbnetArch,
    input: FbnetInput,
    metric: FbnetMetric,
) -> Result<f64, FbnetCostError> {
    Ok(fbnet_breakdown(lut, arch, input, metric)?.iter().fold(0.0, |acc, c| acc + c.value))
}

/// All 8 metrics of `arch` on `input`, in [`FbnetMetric::ALL`] order.
pub fn fbnet_metrics(lut: &FbnetLut, arch: &FbnetArch, input: FbnetInput) -> Result<[f64; 8], FbnetCostError> {
    let mut out = [0.0; 8];
    for (v, m) in out.iter_mut().zip(FbnetMetric::ALL) {
        *v = fbnet_metric(lut, arch, input, m)?;
    }
    Ok(out)
}

/// HW-NAS-Bench's `average_hw_metric` for FBNet: despite its name, the *product* of the 8
/// metrics, multiplied in [`FbnetMetric::ALL`] order from 1.0 (bit-identical to the benchmark).
pub fn fbnet_average_hw_metric(lut: &FbnetLut, arch: &FbnetArch, input: FbnetInput) -> Result<f64, FbnetCostError> {
    Ok(fbnet_metrics(lut, arch, input)?.iter().fold(1.0, |acc, x| acc * x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::FBNET_LUT_METRICS;

    #[test]
    fn metric_names_match_the_lut_order() {
        let names: Vec<&str> = FbnetMetric::ALL.iter().map(|m| m.name()).collect();
        assert_eq!(names, FBNET_LUT_METRICS);
        for m in FbnetMetric::ALL {
            assert_eq!(FbnetMetric::from_name(m.name()), Some(m));
            assert!(m.name().starts_with(m.device()));
            assert_eq!(m.unit(), if m.name().ends_with("_energy") { "mJ" } else { "ms" });
        }
        assert_eq!(FbnetMetric::from_name("edgetpu_latency"), None);
    }
}
