//! NB201 per-architecture latency tables (27 device/batch columns) and the per-op latency model.
//!
//! Columns `raspi4, pixel3, eyeriss, fpga` are HW-NAS-Bench's CIFAR-10 latencies (batch 1);
//! the other 23 are BRP-NAS / Eagle measurements, with the batch size as the column-name suffix
//! (`1080ti_256`) where the source states one. The source CSV has 6 significant digits, so the
//! values are stored as f32 without loss (the builder checks every value).
//!
//! The op model (`op_latency_ms.json` from sim-is-more) gives, for 18 devices, a latency per
//! NB201 op and summary statistics (mean/std/min/max) of whole-architecture latency. Summing the
//! op cost over the six edges estimates an architecture's latency (Spearman ≈0.91–0.998 against
//! the exact tables); it is the only source for `edgegpu` (Jetson TX2) here: an estimate.

use super::bundle::{AssetError, Bundle};
use super::nb201_archs::NB201_CELLS;

/// Who measured a latency column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LatencySource {
    /// HW-NAS-Bench (Li et al., ICLR 2021), batch 1: CIFAR-10 input for NB201, CIFAR-100 for
    /// FBNet.
    HwNasBench,
    /// BRP-NAS (Dudziak et al., NeurIPS 2020) / Eagle, as collected by HELP.
    BrpNas,
    /// HELP's (Lee et al., NeurIPS 2021) collection for FBNet; the data README does not say
    /// who measured each device.
    Help,
}

impl LatencySource {
    /// Key stored in the asset metadata.
    pub fn key(self) -> &'static str {
        match self {
            LatencySource::HwNasBench => "hwnasbench",
            LatencySource::BrpNas => "brpnas",
            LatencySource::Help => "help",
        }
    }

    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            LatencySource::HwNasBench => "HW-NAS-Bench",
            LatencySource::BrpNas => "BRP-NAS / Eagle",
            LatencySource::Help => "HELP",
        }
    }

    /// The source whose [`key`](LatencySource::key) is `key`.
    pub fn from_key(key: &str) -> Option<LatencySource> {
        [LatencySource::HwNasBench, LatencySource::BrpNas, LatencySource::Help].into_iter().find(|s| s.key() == key)
    }
}

/// One latency column: a device at a batch size.
#[derive(Debug, Clone, PartialEq)]
pub struct LatencyColumn {
    /// Column name in the source CSV, e.g. `1080ti_256` or `raspi4`.
    pub name: String,
    /// Device name, e.g. `1080ti`, `gold_6226`.
    pub device: String,
    /// Batch size when the source states it (name suffix; 1 for HW-NAS-Bench).
    pub batch_size: Option<u32>,
    /// Who measured it.
    pub source: LatencySource,
    /// Latency in milliseconds, by NATS index.
    pub latency_ms: Vec<f32>,
}

/// All 27 per-architecture latency columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Nb201Latency {
    /// Columns in source-CSV order.
    pub columns: Vec<LatencyColumn>,
}

impl Nb201Latency {
    /// Build from a decoded `nb201_latency` bundle: array `latency_ms` f32 [columns, 15,625],
    /// `batch_size` u32 [columns] (0 = not stated), metadata lists `columns`, `devices`, `sources`.
    pub fn from_bundle(b: &Bundle) -> Result<Nb201Latency, AssetError> {
        let names = b.meta_list("columns")?;
        let devices = b.meta_list("devices")?;
        let sources = b.meta_list("sources")?;
        let n = names.len();
        if devices.len() != n || sources.len() != n {
            return Err(b.invalid("metadata lists columns/devices/sources differ in length"));
        }
        b.check_shape("latency_ms", &[n, NB201_CELLS])?;
        b.check_shape("batch_size", &[n])?;
        let values = b.f32("latency_ms")?;
        let batch = b.u32("batch_size")?;
        let mut columns = Vec::with_capacity(n);
        for (i, ((name, device), source)) in names.iter().zip(&devices).zip(&sources).enumerate() {
            let source = LatencySource::from_key(source)
                .ok_or_else(|| b.invalid(format!("column {name}: unknown source '{source}'")))?;
            let lat =
                values.get(i * NB201_CELLS..(i + 1) * NB201_CELLS).ok_or_else(|| b.invalid("latency_ms too short"))?;
            columns.push(LatencyColumn {
                name: name.to_string(),
                device: device.to_string(),
                batch_size: batch.get(i).copied().filter(|&s| s != 0),
                source,
                latency_ms: lat.to_vec(),
            });
        }
        Ok(Nb201Latency { columns })
    }

    /// Decode and build from the bytes of `nb201_latency.zsa`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Nb201Latency, AssetError> {
        Nb201Latency::from_bundle(&Bundle::decode(bytes)?)
    }

    /// The column called `name` (source-CSV name, e.g. `eyeriss`, `titan_rtx_32`).
    pub fn column(&self, name: &str) -> Option<&LatencyColumn> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// NB201 op names in op-id order (none=0 … avg_pool_3x3=4), the order of the op-model rows.
pub const NB201_OP_NAMES: [&str; 5] = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"];

/// One device of the per-op latency model.
#[derive(Debug, Clone, PartialEq)]
pub struct OpLatencyDevice {
    /// Device name (`edgegpu`, `raspi4`, `1080ti`, …).
    pub device: String,
    /// Latency per op in ms, indexed by NB201 op id ([`NB201_OP_NAMES`]).
    pub op_latency_ms: [f64; 5],
    /// Mean whole-architecture latency over the space, ms, as published with the model.
    pub mean_ms: f64,
    /// Standard deviation of whole-architecture latency, ms.
    pub std_ms: f64,
    /// Minimum whole-architecture latency, ms (absent for `eyeriss` in the source).
    pub min_ms: Option<f64>,
    /// Maximum whole-architecture latency, ms (absent for `eyeriss` in the source).
    pub max_ms: Option<f64>,
}

/// The per-op latency cost model of `op_latency_ms.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct OpLatencyModel {
    /// Devices in source order.
    pub devices: Vec<OpLatencyDevice>,
    /// Other normalisation constants shipped in the same file (`naswot_mean`, `naswot_std`,
    /// `logsynflow_mean`, `logsynflow_std`, `skip_mean`, `skip_std`), name → value.
    pub extra: Vec<(String, f64)>,
}

impl OpLatencyModel {
    /// Build from a decoded `nb201_op_latency` bundle: `op_latency_ms` f64 [devices, 5],
    /// `summary_ms` f64 [devices, 4] (mean, std, min, max; NaN = absent), `extra` f64 [k];
    /// metadata lists `devices`, `extra_names`.
    pub fn from_bundle(b: &Bundle) -> Result<OpLatencyModel, AssetError> {
        let names = b.meta_list("devices")?;
        let n = names.len();
        b.check_shape("op_latency_ms", &[n, 5])?;
        b.check_shape("summary_ms", &[n, 4])?;
        let ops = b.f64("op_latency_ms")?;
        let summary = b.f64("summary_ms")?;
        let mut devices = Vec::with_capacity(n);
        for (i, name) in names.iter().enumerate() {
            let mut op_latency_ms = [0.0; 5];
            for (k, v) in op_latency_ms.iter_mut().enumerate() {
                *v = ops.get(i * 5 + k).copied().unwrap_or(f64::NAN);
            }
            let s = |k: usize| summary.get(i * 4 + k).copied().unwrap_or(f64::NAN);
            let opt = |x: f64| (!x.is_nan()).then_some(x);
            devices.push(OpLatencyDevice {
                device: name.to_string(),
                op_latency_ms,
                mean_ms: s(0),
                std_ms: s(1),
                min_ms: opt(s(2)),
                max_ms: opt(s(3)),
            });
        }
        let extra_names = b.meta_list("extra_names")?;
        b.check_shape("extra", &[extra_names.len()])?;
        let extra = extra_names.iter().zip(b.f64("extra")?).map(|(k, &v)| (k.to_string(), v)).collect();
        Ok(OpLatencyModel { devices, extra })
    }

    /// Decode and build from the bytes of `nb201_op_latency.zsa`.
    pub fn from_bytes(bytes: &[u8]) -> Result<OpLatencyModel, AssetError> {
        OpLatencyModel::from_bundle(&Bundle::decode(bytes)?)
    }

    /// The device called `name`.
    pub fn device(&self, name: &str) -> Option<&OpLatencyDevice> {
        self.devices.iter().find(|d| d.device == name)
    }

    /// Estimated latency (ms) of the cell with code `code` on `device`: the sum of its six
    /// edges' op costs. `None` for an unknown device or a code ≥ 15,625.
    pub fn estimate_ms(&self, device: &str, code: u16) -> Option<f64> {
        if usize::from(code) >= NB201_CELLS {
            return None;
        }
        let d = self.device(device)?;
        let mut c = code;
        let mut sum = 0.0;
        for _ in 0..6 {
            sum += d.op_latency_ms[usize::from(c % 5)];
            c /= 5;
        }
        Some(sum)
    }
}
