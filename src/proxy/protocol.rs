//! Every knob of the scoring protocol (PROXIES.md §1). It serialises beside each score, so any
//! score can be reproduced from what is stored with it.

use serde::{Deserialize, Serialize};

use crate::net::forward::BnMode;
use crate::net::init::InitScheme;
use crate::proxy::error::ProxyError;
use crate::space::Dataset;

/// Where the input batch comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// Real training images of the dataset, normalised (the default).
    #[default]
    Real,
    /// Standard Gaussian noise of the same shape.
    Gaussian,
}

/// The protocol: dataset, batch, seed, init, BatchNorm mode, input kind, batches and repeats.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Protocol {
    /// Dataset: network head, resolution, images and labels.
    pub dataset: Dataset,
    /// Samples per batch (1..=256; 64 by default).
    pub batch_size: usize,
    /// Fixes init, batch choice and every random draw.
    pub seed: u64,
    /// Weight initialisation.
    pub init: InitScheme,
    /// BatchNorm mode for proxies that do not prescribe their own.
    pub bn: BnMode,
    /// Real images or Gaussian noise.
    pub input: InputKind,
    /// Batches drawn for proxies that use several (ZiCo uses 2); others use the first.
    pub batches: usize,
    /// Repeats over seeds `seed, seed+1, …` ("mean ± std").
    pub repeats: usize,
}

impl Default for Protocol {
    fn default() -> Self {
        Self {
            dataset: Dataset::Cifar10,
            batch_size: 64,
            seed: 0,
            init: InitScheme::PytorchDefault,
            bn: BnMode::Batch,
            input: InputKind::Real,
            batches: 2,
            repeats: 1,
        }
    }
}

/// Largest batch the protocol allows.
pub const MAX_BATCH: usize = 256;

impl Protocol {
    /// Checks every knob's range.
    pub fn validate(&self) -> Result<(), ProxyError> {
        if !(1..=MAX_BATCH).contains(&self.batch_size) {
            return Err(ProxyError::Protocol(format!("batch size must be 1..={MAX_BATCH}, got {}", self.batch_size)));
        }
        if !(1..=8).contains(&self.batches) {
            return Err(ProxyError::Protocol(format!("batches must be 1..=8, got {}", self.batches)));
        }
        if !(1..=100).contains(&self.repeats) {
            return Err(ProxyError::Protocol(format!("repeats must be 1..=100, got {}", self.repeats)));
        }
        Ok(())
    }

    /// Compact, stable JSON of the protocol: the key stored scores are filed under.
    pub fn key(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
