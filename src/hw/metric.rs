//! Every hardware cost the explorer knows for an NB201 cell, each labelled with where it comes
//! from: measured latency tables (HW-NAS-Bench, BRP-NAS / Eagle), per-op additive estimates, and
//! analytic counts (params, FLOPs, activation memory).

use std::fmt;

use crate::bench::{ArchTable, LatencyColumn, LatencySource, Nb201Latency, OpLatencyModel};
use crate::hw::analytic::analytic_cost;
use crate::hw::device::device_info;
use crate::net::nb201::{Nb201Config, nb201_program};
use crate::space::Dataset;
use crate::space::nb201::Cell;

/// One cost of an NB201 cell. Keys (`key`/`from_key`) are stable: URLs and `--metric` use them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CostMetric {
    /// A measured per-architecture latency column, by its source-CSV name (`raspi4`, `1080ti_32`).
    Measured(String),
    /// The per-op additive latency estimate for a device of the op model (`edgegpu`, …).
    Estimated(String),
    /// Trainable parameters, millions.
    ParamsM,
    /// The benchmark's FLOPs of one image, millions.
    FlopsM,
    /// Peak activation memory of one forward pass at batch 1, MiB (see [`crate::hw::analytic`]).
    ActivationMib,
}

/// A `--metric` or URL key that names no metric.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown hardware metric '{0}': use a latency table (e.g. raspi4, 1080ti_32), est:DEVICE, params_m, flops_m or activation_mib"
)]
pub struct UnknownMetric(pub String);

impl CostMetric {
    /// Stable key: the column name, `est:DEVICE`, `params_m`, `flops_m` or `activation_mib`.
    pub fn key(&self) -> String {
        match self {
            CostMetric::Measured(c) => c.clone(),
            CostMetric::Estimated(d) => format!("est:{d}"),
            CostMetric::ParamsM => "params_m".into(),
            CostMetric::FlopsM => "flops_m".into(),
            CostMetric::ActivationMib => "activation_mib".into(),
        }
    }

    /// Unit of the values.
    pub fn unit(&self) -> &'static str {
        match self {
            CostMetric::Measured(_) | CostMetric::Estimated(_) => "ms",
            CostMetric::ParamsM => "M params",
            CostMetric::FlopsM => "MFLOPs",
            CostMetric::ActivationMib => "MiB",
        }
    }

    /// Whether the metric is computed from the network itself (exact for any cell and dataset).
    pub fn is_analytic(&self) -> bool {
        matches!(self, CostMetric::ParamsM | CostMetric::FlopsM | CostMetric::ActivationMib)
    }
}

impl fmt::Display for CostMetric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// What a metric is, for people: device, source, input, batch.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MetricInfo {
    /// Stable key ([`CostMetric::key`]).
    pub key: String,
    /// Device or quantity name for people.
    pub name: String,
    /// `measured`, `estimate` or `analytic`.
    pub kind: &'static str,
    /// Who produced the numbers.
    pub source: String,
    /// Input the numbers are for.
    pub input: String,
    /// Batch size, where stated.
    pub batch_size: Option<u32>,
    /// Unit of the values.
    pub unit: &'static str,
}

/// The bundled NB201 hardware tables together: measured columns and the per-op model.
#[derive(Clone, Debug)]
pub struct Nb201Hardware {
    /// Per-architecture latency tables (27 columns).
    pub latency: Nb201Latency,
    /// Per-op latency model (18 devices).
    pub op_model: OpLatencyModel,
}

fn device_name(key: &str) -> String {
    device_info(key).map_or_else(|| key.to_string(), |d| d.name.to_string())
}

fn measured_input(c: &LatencyColumn) -> String {
    match c.source {
        LatencySource::HwNasBench => "CIFAR-10, 32×32".into(),
        // HELP's files do not name the dataset; CIFAR-10 and CIFAR-100 differ only in the classifier.
        LatencySource::BrpNas | LatencySource::Help => "32×32 CIFAR network (dataset not stated by the source)".into(),
    }
}

impl Nb201Hardware {
    /// Every metric: the 27 measured columns, the 18 per-op estimates, then the analytic counts.
    pub fn metrics(&self) -> Vec<CostMetric> {
        let measured = self.latency.columns.iter().map(|c| CostMetric::Measured(c.name.clone()));
        let estimated = self.op_model.devices.iter().map(|d| CostMetric::Estimated(d.device.clone()));
        measured.chain(estimated).chain([CostMetric::ParamsM, CostMetric::FlopsM, CostMetric::ActivationMib]).collect()
    }

    /// The metric with key `key` (see [`CostMetric::key`]).
    pub fn metric(&self, key: &str) -> Result<CostMetric, UnknownMetric> {
        let key = key.trim();
        let found = match key {
            "params_m" => Some(CostMetric::ParamsM),
            "flops_m" => Some(CostMetric::FlopsM),
            "activation_mib" => Some(CostMetric::ActivationMib),
            _ => match key.strip_prefix("est:") {
                Some(d) => self.op_model.device(d).map(|d| CostMetric::Estimated(d.device.clone())),
                None => self.latency.column(key).map(|c| CostMetric::Measured(c.name.clone())),
            },
        };
        found.ok_or_else(|| UnknownMetric(key.to_string()))
    }

    /// What `metric` is, for people.
    pub fn info(&self, metric: &CostMetric) -> MetricInfo {
        let (name, kind, source, input, batch_size) = match metric {
            CostMetric::Measured(col) => match self.latency.column(col) {
                Some(c) => (
                    device_name(&c.device),
                    "measured",
                    c.source.label().to_string(),
                    measured_input(c),
                    match c.source {
                        LatencySource::HwNasBench => Some(1),
                        LatencySource::BrpNas | LatencySource::Help => c.batch_size,
                    },
                ),
                None => (col.clone(), "measured", "unknown".into(), String::new(), None),
            },
            CostMetric::Estimated(d) => (
                device_name(d),
                "estimate",
                "sum of per-op latencies (sim-is-more op model)".into(),
                "CIFAR-10, 32×32".into(),
                Some(1),
            ),
            CostMetric::ParamsM => {
                ("Parameters".into(), "analytic", "counted from the network".into(), String::new(), None)
            }
            CostMetric::FlopsM => (
                "FLOPs (benchmark count)".into(),
                "analytic",
                "counted from the network".into(),
                String::new(),
                Some(1),
            ),
            CostMetric::ActivationMib => {
                ("Peak activation memory".into(), "analytic", "counted from the network".into(), String::new(), Some(1))
            }
        };
        let input = if metric.is_analytic() { "the dataset's input".into() } else { input };
        MetricInfo { key: metric.key(), name, kind, source, input, batch_size, unit: metric.unit() }
    }

    /// Values of a table or estimate metric by NATS index (NaN where unknown); `None` for analytic
    /// metrics (use [`analytic_column`]) and unknown metrics.
    pub fn table_values(&self, metric: &CostMetric, archs: &ArchTable) -> Option<Vec<f64>> {
        match metric {
            CostMetric::Measured(col) => {
                Some(self.latency.column(col)?.latency_ms.iter().map(|&x| f64::from(x)).collect())
            }
            CostMetric::Estimated(d) => {
                self.op_model.device(d)?;
                Some(archs.codes().iter().map(|&c| self.op_model.estimate_ms(d, c).unwrap_or(f64::NAN)).collect())
            }
            _ => None,
        }
    }

    /// Values of any metric by NATS index for `dataset` (analytic ones are computed: ~15,625
    /// network shape inferences).
    pub fn values(&self, metric: &CostMetric, archs: &ArchTable, dataset: Dataset) -> Option<Vec<f64>> {
        if metric.is_analytic() { analytic_column(metric, archs, dataset) } else { self.table_values(metric, archs) }
    }
}

/// An analytic metric for every cell of `archs` on `dataset` (NaN for an unknown code).
pub fn analytic_column(metric: &CostMetric, archs: &ArchTable, dataset: Dataset) -> Option<Vec<f64>> {
    if !metric.is_analytic() {
        return None;
    }
    let config = Nb201Config::for_dataset(dataset.classes(), dataset.resolution());
    let values = archs
        .codes()
        .iter()
        .map(|&code| {
            let Some(cell) = Cell::from_code(code) else { return f64::NAN };
            let cost = analytic_cost(&nb201_program(&cell, &config), 1);
            match metric {
                CostMetric::ParamsM => cost.params_m(),
                CostMetric::FlopsM => cost.benchmark_flops_per_image / 1e6,
                _ => cost.peak_activation_mib(),
            }
        })
        .collect();
    Some(values)
}
