//! Published proxy scores on NB201, to compare our own proxy scores against.
//!
//! FreeREA: its own runs over the whole space (3 datasets × 15,625). NASLib (NAS-Bench-Suite-Zero
//! protocol: batch 64, one batch, default init): ~725 sampled cells per dataset. Empty source
//! cells are NaN; `-inf` values from the sources are kept as they are. Columns are stored as f32
//! where every value survives the round trip, else f64; views always widen to f64.

use super::bundle::{AssetError, Bundle};
use super::dataset::BenchDataset;
use super::nb201_archs::NB201_CELLS;

/// FreeREA score columns; `params_m` is parameters in millions.
pub const FREEREA_SCORES: [&str; 5] = ["naswot", "logsynflow", "synflow", "nregions", "params_m"];

/// NASLib proxy columns; `flops` is in MFLOPs and `params` in millions.
pub const NASLIB_PROXIES: [&str; 12] = [
    "epe_nas",
    "fisher",
    "flops",
    "grad_norm",
    "grasp",
    "jacov",
    "l2_norm",
    "nwot",
    "params",
    "plain",
    "snip",
    "synflow",
];

/// FreeREA's per-architecture scores for the whole space.
#[derive(Debug, Clone, PartialEq)]
pub struct FreeReaReference {
    columns: Vec<Vec<f64>>, // dataset-major, then FREEREA_SCORES order
}

impl FreeReaReference {
    /// Build from a decoded `nb201_reference_freerea` bundle: arrays `{dataset}_{score}`
    /// (f32 or f64) × 15,625 by NATS index.
    pub fn from_bundle(b: &Bundle) -> Result<FreeReaReference, AssetError> {
        let mut columns = Vec::with_capacity(15);
        for d in BenchDataset::ALL {
            for s in FREEREA_SCORES {
                let name = format!("{}_{s}", d.name());
                b.check_shape(&name, &[NB201_CELLS])?;
                columns.push(b.floats_f64(&name)?);
            }
        }
        Ok(FreeReaReference { columns })
    }

    /// Decode and build from the bytes of `nb201_reference_freerea.zsa`.
    pub fn from_bytes(bytes: &[u8]) -> Result<FreeReaReference, AssetError> {
        FreeReaReference::from_bundle(&Bundle::decode(bytes)?)
    }

    /// Score column `score` (one of [`FREEREA_SCORES`]) on `dataset`, by NATS index (NaN =
    /// not computed, e.g. `nregions` on ImageNet16-120).
    pub fn scores(&self, dataset: BenchDataset, score: &str) -> Option<&[f64]> {
        let d = BenchDataset::ALL.iter().position(|&x| x == dataset)?;
        let s = FREEREA_SCORES.iter().position(|&x| x == score)?;
        self.columns.get(d * FREEREA_SCORES.len() + s).map(Vec::as_slice)
    }
}

/// NASLib's scores for one dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct NaslibSet {
    /// The dataset.
    pub dataset: BenchDataset,
    /// NATS index of each row.
    pub index: Vec<usize>,
    /// NASLib's validation accuracy (%) of each row.
    pub val_accuracy: Vec<f64>,
    /// One column per [`NASLIB_PROXIES`] entry, rows as `index`.
    pub proxies: Vec<Vec<f64>>,
}

impl NaslibSet {
    /// Column of proxy `name` (one of [`NASLIB_PROXIES`]).
    pub fn proxy(&self, name: &str) -> Option<&[f64]> {
        let k = NASLIB_PROXIES.iter().position(|&x| x == name)?;
        self.proxies.get(k).map(Vec::as_slice)
    }
}

/// NASLib's zero-cost scores on NB201 (NAS-Bench-Suite-Zero).
#[derive(Debug, Clone, PartialEq)]
pub struct NaslibReference {
    /// One set per dataset, in [`BenchDataset::ALL`] order.
    pub sets: Vec<NaslibSet>,
}

impl NaslibReference {
    /// Build from a decoded `nb201_reference_naslib` bundle: per dataset, `{dataset}_index`
    /// (u16 [n]), `{dataset}_val_accuracy` and `{dataset}_{proxy}` (f32 or f64 [n]).
    pub fn from_bundle(b: &Bundle) -> Result<NaslibReference, AssetError> {
        let mut sets = Vec::with_capacity(3);
        for d in BenchDataset::ALL {
            let iname = format!("{}_index", d.name());
            let index: Vec<usize> = b.u16(&iname)?.iter().map(|&i| usize::from(i)).collect();
            if let Some(bad) = index.iter().find(|&&i| i >= NB201_CELLS) {
                return Err(b.invalid(format!("{iname}: index {bad} out of range")));
            }
            let n = index.len();
            let col = |s: &str| -> Result<Vec<f64>, AssetError> {
                let name = format!("{}_{s}", d.name());
                b.check_shape(&name, &[n])?;
                b.floats_f64(&name)
            };
            let val_accuracy = col("val_accuracy")?;
            let proxies = NASLIB_PROXIES.iter().map(|p| col(p)).collect::<Result<Vec<_>, _>>()?;
            sets.push(NaslibSet { dataset: d, index, val_accuracy, proxies });
        }
        Ok(NaslibReference { sets })
    }

    /// Decode and build from the bytes of `nb201_reference_naslib.zsa`.
    pub fn from_bytes(bytes: &[u8]) -> Result<NaslibReference, AssetError> {
        NaslibReference::from_bundle(&Bundle::decode(bytes)?)
    }

    /// The set for `dataset`.
    pub fn set(&self, dataset: BenchDataset) -> Option<&NaslibSet> {
        self.sets.iter().find(|s| s.dataset == dataset)
    }
}
