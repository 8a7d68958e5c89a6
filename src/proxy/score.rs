//! A proxy's result on one network.

use serde::{Deserialize, Serialize};

use crate::proxy::error::ProxyError;

/// A finite score, with its log10 where the value spans many decades (synflow reaches 1e60).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// The value as the proxy defines it (orientation in its `ProxyInfo`).
    pub value: f64,
    /// log10 of the value, for proxies that overflow f32; `None` otherwise.
    pub log10: Option<f64>,
    /// The raw per-network components of a population-relative proxy (te_nas, az_nas), named
    /// by [`ProxyKind::components`](crate::proxy::ProxyKind::components); empty for the others.
    /// Finite, so they survive JSON and means over repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<f64>,
}

impl Score {
    /// A plain finite value; NaN or ±∞ is an error.
    pub fn new(value: f64) -> Result<Score, ProxyError> {
        if value.is_finite() {
            Ok(Score { value, log10: None, components: Vec::new() })
        } else {
            Err(ProxyError::NonFinite(value))
        }
    }

    /// A value known through its log10 (`value = 10^log10`, which may exceed f64 for huge logs).
    pub fn from_log10(log10: f64) -> Result<Score, ProxyError> {
        if !log10.is_finite() {
            return Err(ProxyError::NonFinite(log10));
        }
        Ok(Score { value: 10f64.powf(log10), log10: Some(log10), components: Vec::new() })
    }

    /// A population-relative proxy's per-network result: its components (each must be finite)
    /// and the value they give in a population of this one network.
    pub fn with_components(value: f64, components: Vec<f64>) -> Result<Score, ProxyError> {
        if let Some(&bad) = components.iter().find(|c| !c.is_finite()) {
            return Err(ProxyError::NonFinite(bad));
        }
        Ok(Score { components, ..Score::new(value)? })
    }
}
