//! How good the per-op additive latency estimate is: for every op-model device that also has a
//! measured per-architecture table, rank correlation and relative error of the estimate against
//! the table over all 15,625 cells. Jetson TX2 (`edgegpu`) has no table: its estimate stays
//! unverified and is labelled so.

use crate::bench::{ArchTable, Nb201Latency, OpLatencyModel};
use crate::hw::device::device_info;
use crate::stats::{kendall_tau_b, median, spearman};

/// Accuracy of one device's estimate against one measured column.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EstimateAccuracy {
    /// Op-model device (`raspi4`, `1080ti`, …).
    pub device: String,
    /// Measured column it is compared with (`raspi4`, `1080ti_1`, …).
    pub column: String,
    /// Batch size of the measured column, where stated.
    pub batch_size: Option<u32>,
    /// Spearman ρ between estimate and measurement.
    pub spearman: f64,
    /// Kendall τ-b between estimate and measurement.
    pub kendall_tau_b: f64,
    /// Mean of |estimate − measured| / measured.
    pub mean_rel_error: f64,
    /// Median of the relative error.
    pub median_rel_error: f64,
    /// Largest relative error.
    pub max_rel_error: f64,
    /// Cells compared (finite, positive measurement).
    pub n: usize,
}

/// The measured columns of the same device as op-model device `device` (any batch size).
pub fn matching_columns<'a>(latency: &'a Nb201Latency, device: &str) -> Vec<&'a crate::bench::LatencyColumn> {
    let key = device_info(device).map_or(device, |d| d.key);
    latency.columns.iter().filter(|c| device_info(&c.device).map_or(c.device.as_str(), |d| d.key) == key).collect()
}

/// Accuracy of every op-model device's estimate against every matching measured column.
pub fn estimate_accuracy(model: &OpLatencyModel, latency: &Nb201Latency, archs: &ArchTable) -> Vec<EstimateAccuracy> {
    let mut rows = Vec::new();
    for d in &model.devices {
        let estimate: Vec<f64> =
            archs.codes().iter().map(|&c| model.estimate_ms(&d.device, c).unwrap_or(f64::NAN)).collect();
        for col in matching_columns(latency, &d.device) {
            let measured: Vec<f64> = col.latency_ms.iter().map(|&x| f64::from(x)).collect();
            let rel: Vec<f64> = estimate
                .iter()
                .zip(&measured)
                .filter(|(e, m)| e.is_finite() && m.is_finite() && **m > 0.0)
                .map(|(e, m)| (e - m).abs() / m)
                .collect();
            let n = rel.len();
            rows.push(EstimateAccuracy {
                device: d.device.clone(),
                column: col.name.clone(),
                batch_size: col.batch_size,
                spearman: spearman(&estimate, &measured).map_or(f64::NAN, |s| s.value),
                kendall_tau_b: kendall_tau_b(&estimate, &measured).map_or(f64::NAN, |s| s.value),
                mean_rel_error: if n == 0 { f64::NAN } else { rel.iter().sum::<f64>() / n as f64 },
                median_rel_error: median(&rel),
                max_rel_error: rel.iter().copied().fold(f64::NAN, f64::max),
                n,
            });
        }
    }
    rows
}
