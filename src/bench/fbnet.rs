//! HW-NAS-Bench's FBNet space: the per-op lookup table (8 hardware metrics) and HELP's 5,000
//! sampled architectures with their latency on 27 devices.
//!
//! The lookup table maps an op key such as `ConvBlock_H112_W112_Cin16_Cout16_exp1_kernel3_stride1_group1`
//! to its cost on each metric; summing the 26 ops of a network (stem, 22 layers, header, pool,
//! classifier) gives HW-NAS-Bench's FBNet value exactly, so values are kept as f64, bit for bit.
//! The keys are the benchmark's own strings; building them from a genotype is `space::fbnet`'s
//! job and summing is `hw::fbnet`'s (this module imports neither).
//!
//! In the sampled table, columns `raspi4, pixel3, eyeriss, fpga` are HW-NAS-Bench's CIFAR-100
//! values (= the lookup-table sums, to the CSV's 6 significant digits); the other 23 come from
//! HELP's collection. The CSV has at most 6 significant digits, so the latencies are stored as
//! f32 without loss (the builder checks every value) and [`FbnetSampled::latency_ms`] gives back
//! the CSV's decimal.

use std::collections::HashMap;

use super::bundle::{AssetError, Bundle, f32_to_f64_decimal};
use super::nb201_latency::{LatencyColumn, LatencySource};

/// The 8 metric tables, in `op_lut.json`'s order (latency in ms, energy in mJ).
pub const FBNET_LUT_METRICS: [&str; 8] = [
    "edgegpu_latency",
    "edgegpu_energy",
    "raspi4_latency",
    "pixel3_latency",
    "eyeriss_latency",
    "eyeriss_energy",
    "fpga_latency",
    "fpga_energy",
];

/// The FBNet per-op lookup table: cost of each op key on each metric.
#[derive(Debug, Clone, PartialEq)]
pub struct FbnetLut {
    /// Metric names, e.g. `edgegpu_latency` (rows of the table).
    pub metrics: Vec<String>,
    /// Op keys, sorted (columns of the table).
    pub keys: Vec<String>,
    /// Number of searchable layers the table was published for (22).
    pub architecture_length: usize,
    /// `values[m * keys.len() + k]`: cost of op `keys[k]` on metric `metrics[m]`.
    values: Vec<f64>,
    /// Key → column.
    index: HashMap<String, usize>,
}

impl FbnetLut {
    /// Build from a decoded `fbnet_lut` bundle: array `values` f64 [metrics, keys], metadata
    /// lists `metrics` and `keys`, metadata `architecture_length`.
    pub fn from_bundle(b: &Bundle) -> Result<FbnetLut, AssetError> {
        let metrics: Vec<String> = b.meta_list("metrics")?.into_iter().map(String::from).collect();
        let keys: Vec<String> = b.meta_list("keys")?.into_iter().map(String::from).collect();
        let architecture_length = b
            .meta_str("architecture_length")?
            .parse::<usize>()
            .map_err(|_| b.invalid("architecture_length is not a number"))?;
        b.check_shape("values", &[metrics.len(), keys.len()])?;
        let values = b.f64("values")?.to_vec();
        let index: HashMap<String, usize> = keys.iter().enumerate().map(|(i, k)| (k.clone(), i)).collect();
        if index.len() != keys.len() {
            return Err(b.invalid("duplicate op key"));
        }
        Ok(FbnetLut { metrics, keys, architecture_length, values, index })
    }

    /// Decode and build from the bytes of `fbnet_lut.zsa`.
    pub fn from_bytes(bytes: &[u8]) -> Result<FbnetLut, AssetError> {
        FbnetLut::from_bundle(&Bundle::decode(bytes)?)
    }

    /// Row of metric `name`.
    pub fn metric_index(&self, name: &str) -> Option<usize> {
        self.metrics.iter().position(|m| m == name)
    }

    /// Column of op `key`.
    pub fn key_index(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// Cost of op `key` on metric row `metric`; `None` when either is unknown.
    pub fn at(&self, metric: usize, key: &str) -> Option<f64> {
        if metric >= self.metrics.len() {
            return None;
        }
        self.values.get(metric * self.keys.len() + self.key_index(key)?).copied()
    }

    /// Cost of op `key` on metric `name` (e.g. `fpga_energy`); `None` when either is unknown.
    pub fn get(&self, metric: &str, key: &str) -> Option<f64> {
        self.at(self.metric_index(metric)?, key)
    }
}

/// HELP's 5,000 sampled FBNet architectures and their latency on 27 devices.
#[derive(Debug, Clone, PartialEq)]
pub struct FbnetSampled {
    /// Block ids per architecture, `arch_len` per row, row-major.
    archs: Vec<u8>,
    /// Blocks per architecture (22).
    pub arch_len: usize,
    /// Latency columns in source-CSV order; `latency_ms[i]` belongs to architecture `i`.
    pub columns: Vec<LatencyColumn>,
}

impl FbnetSampled {
    /// Build from a decoded `fbnet_sampled_latency` bundle: `arch` u8 [n, 22], `latency_ms` f32
    /// [columns, n], `batch_size` u32 [columns] (0 = not stated), metadata lists `columns`,
    /// `devices`, `sources`.
    pub fn from_bundle(b: &Bundle) -> Result<FbnetSampled, AssetError> {
        let names = b.meta_list("columns")?;
        let devices = b.meta_list("devices")?;
        let sources = b.meta_list("sources")?;
        let c = names.len();
        if devices.len() != c || sources.len() != c {
            return Err(b.invalid("metadata lists columns/devices/sources differ in length"));
        }
        let shape = b.array("arch")?.shape.clone();
        let (n, arch_len) = match shape[..] {
            [n, l] => (n, l),
            _ => return Err(b.invalid(format!("arch has shape {shape:?}, expected [n, 22]"))),
        };
        let archs = b.u8("arch")?.to_vec();
        b.check_shape("latency_ms", &[c, n])?;
        b.check_shape("batch_size", &[c])?;
        let values = b.f32("latency_ms")?;
        let batch = b.u32("batch_size")?;
        let mut columns = Vec::with_capacity(c);
        for (i, ((name, device), source)) in names.iter().zip(&devices).zip(&sources).enumerate() {
            let source = LatencySource::from_key(source)
                .ok_or_else(|| b.invalid(format!("column {name}: unknown source '{source}'")))?;
            let lat = values.get(i * n..(i + 1) * n).ok_or_else(|| b.invalid("latency_ms too short"))?;
            columns.push(LatencyColumn {
                name: name.to_string(),
                device: device.to_string(),
                batch_size: batch.get(i).copied().filter(|&s| s != 0),
                source,
                latency_ms: lat.to_vec(),
            });
        }
        Ok(FbnetSampled { archs, arch_len, columns })
    }

    /// Decode and build from the bytes of `fbnet_sampled_latency.zsa`.
    pub fn from_bytes(bytes: &[u8]) -> Result<FbnetSampled, AssetError> {
        FbnetSampled::from_bundle(&Bundle::decode(bytes)?)
    }

    /// Number of architectures.
    pub fn len(&self) -> usize {
        self.archs.len() / self.arch_len.max(1)
    }

    /// Whether the table holds no architecture.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Block ids (0..8) of architecture `i`, in layer order.
    pub fn arch(&self, i: usize) -> Option<&[u8]> {
        self.archs.get(i * self.arch_len..(i + 1) * self.arch_len)
    }

    /// The column called `name` (source-CSV name, e.g. `raspi4`, `titan_rtx_32`).
    pub fn column(&self, name: &str) -> Option<&LatencyColumn> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Latency (ms) of architecture `i` in column `name`, as the CSV's decimal.
    pub fn latency_ms(&self, name: &str, i: usize) -> Option<f64> {
        self.column(name)?.latency_ms.get(i).map(|&x| f32_to_f64_decimal(x))
    }
}
