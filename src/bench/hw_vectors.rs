//! HW-NAS-Bench test vectors: published metric values for a few architectures, kept exactly
//! (f64), to check our latency lookups and FBNet LUT sums against.

use super::bundle::{AssetError, Bundle};

/// Metrics of one NB201 architecture on one dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Nb201Vector {
    /// HW-NAS-Bench dataset name (`cifar10`, `cifar100`, `ImageNet16-120`).
    pub dataset: String,
    /// NATS index.
    pub index: usize,
    /// Metric name → value (latencies in ms, energies in mJ), in source order.
    pub metrics: Vec<(String, f64)>,
}

/// Metrics of one FBNet architecture on one dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct FbnetVector {
    /// HW-NAS-Bench dataset name (`cifar100`, `ImageNet`).
    pub dataset: String,
    /// 22 block choices, 0..8.
    pub arch: Vec<u8>,
    /// Metric name → value, in source order.
    pub metrics: Vec<(String, f64)>,
}

/// All test vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct HwTestVectors {
    /// NB201 vectors (archs 0, 1, 2 × 3 datasets).
    pub nb201: Vec<Nb201Vector>,
    /// FBNet vectors (3 archs × 2 datasets).
    pub fbnet: Vec<FbnetVector>,
}

fn metric_rows(b: &Bundle, values: &str, metrics: &[&str], rows: usize) -> Result<Vec<Vec<(String, f64)>>, AssetError> {
    b.check_shape(values, &[rows, metrics.len()])?;
    let v = b.f64(values)?;
    Ok(v.chunks(metrics.len().max(1))
        .take(rows)
        .map(|row| metrics.iter().zip(row).filter(|(_, x)| !x.is_nan()).map(|(m, &x)| (m.to_string(), x)).collect())
        .collect())
}

impl HwTestVectors {
    /// Build from a decoded `hwnasbench_test_vectors` bundle: `nb201_index` u32 [n],
    /// `nb201_values` f64 [n, m] (NaN = metric absent), metadata lists `nb201_datasets` (n) and
    /// `nb201_metrics` (m); likewise `fbnet_arch` u8 [k, 22], `fbnet_values`, `fbnet_datasets`,
    /// `fbnet_metrics`.
    pub fn from_bundle(b: &Bundle) -> Result<HwTestVectors, AssetError> {
        let ds = b.meta_list("nb201_datasets")?;
        let metrics = b.meta_list("nb201_metrics")?;
        b.check_shape("nb201_index", &[ds.len()])?;
        let index = b.u32("nb201_index")?;
        let rows = metric_rows(b, "nb201_values", &metrics, ds.len())?;
        let nb201 = ds
            .iter()
            .zip(index)
            .zip(rows)
            .map(|((d, &i), metrics)| Nb201Vector { dataset: d.to_string(), index: i as usize, metrics })
            .collect();

        let fds = b.meta_list("fbnet_datasets")?;
        let fmetrics = b.meta_list("fbnet_metrics")?;
        let arch_len = b.array("fbnet_arch")?.shape.get(1).copied().unwrap_or(0);
        b.check_shape("fbnet_arch", &[fds.len(), arch_len])?;
        let archs = b.u8("fbnet_arch")?;
        let rows = metric_rows(b, "fbnet_values", &fmetrics, fds.len())?;
        let fbnet = fds
            .iter()
            .enumerate()
            .zip(rows)
            .map(|((k, d), metrics)| FbnetVector {
                dataset: d.to_string(),
                arch: archs.get(k * arch_len..(k + 1) * arch_len).unwrap_or(&[]).to_vec(),
                metrics,
            })
            .collect();
        Ok(HwTestVectors { nb201, fbnet })
    }

    /// Decode and build from the bytes of `hwnasbench_test_vectors.zsa`.
    pub fn from_bytes(bytes: &[u8]) -> Result<HwTestVectors, AssetError> {
        HwTestVectors::from_bundle(&Bundle::decode(bytes)?)
    }

    /// Value of `metric` for NB201 NATS index `index` on HW-NAS-Bench dataset `dataset`.
    pub fn nb201_metric(&self, dataset: &str, index: usize, metric: &str) -> Option<f64> {
        self.nb201
            .iter()
            .find(|v| v.dataset == dataset && v.index == index)?
            .metrics
            .iter()
            .find(|(m, _)| m == metric)
            .map(|&(_, x)| x)
    }
}
