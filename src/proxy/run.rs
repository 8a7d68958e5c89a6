//! Scoring one architecture with several proxies under a protocol: repeats over seeds, shared
//! session per seed, per-proxy timing through a caller-supplied clock (the browser and native
//! code measure time differently).

use burn::tensor::Device;
use serde::{Deserialize, Serialize};

use crate::proxy::batch::{ImagePool, draw_batches};
use crate::proxy::error::ProxyError;
use crate::proxy::kind::ProxyKind;
use crate::proxy::protocol::Protocol;
use crate::proxy::session::Session;
use crate::space::Arch;

/// A proxy's result over the protocol's repeats.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// Mean over repeats.
    pub mean: f64,
    /// Population standard deviation over repeats (0 for one repeat).
    pub std: f64,
    /// Mean log10 over repeats, for proxies that report it.
    pub log10: Option<f64>,
    /// Milliseconds spent, all repeats together.
    pub millis: f64,
    /// Mean over repeats of each component of a population-relative proxy (see
    /// [`Score::components`](crate::proxy::Score::components)); empty for the others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<f64>,
}

/// Scores `arch` with each of `proxies`; `done` is called as each proxy finishes (in order).
/// A proxy that fails on any repeat is reported as failed: no partial means.
pub async fn score_cell(
    arch: Arch,
    protocol: &Protocol,
    device: &Device,
    pool: Option<&ImagePool>,
    proxies: &[ProxyKind],
    clock: &dyn Fn() -> f64,
    mut done: impl FnMut(ProxyKind, &Result<Scored, ProxyError>),
) -> Result<Vec<(ProxyKind, Result<Scored, ProxyError>)>, ProxyError> {
    protocol.validate()?;
    let mut sessions = Vec::with_capacity(protocol.repeats);
    for r in 0..protocol.repeats as u64 {
        let seed = protocol.seed + r;
        let batches = draw_batches(protocol, seed, pool)?;
        sessions.push(Session::new(arch, protocol.clone(), seed, device.clone(), batches)?);
    }
    let mut results = Vec::with_capacity(proxies.len());
    for &kind in proxies {
        let start = clock();
        let mut values = Vec::with_capacity(sessions.len());
        let mut failure = None;
        for s in &sessions {
            match kind.compute(s).await {
                Ok(score) => values.push(score),
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        let millis = clock() - start;
        let result = match failure {
            Some(e) => Err(e),
            None => {
                let n = values.len() as f64;
                let mean = values.iter().map(|v| v.value).sum::<f64>() / n;
                let std = (values.iter().map(|v| (v.value - mean).powi(2)).sum::<f64>() / n).sqrt();
                let log10 = values.iter().map(|v| v.log10).sum::<Option<f64>>().map(|s| s / n);
                let width = values[0].components.len();
                let components = (0..width)
                    .map(|c| values.iter().map(|v| v.components.get(c).copied().unwrap_or(f64::NAN)).sum::<f64>() / n)
                    .collect();
                Ok(Scored { mean, std, log10, millis, components })
            }
        };
        done(kind, &result);
        results.push((kind, result));
    }
    Ok(results)
}
