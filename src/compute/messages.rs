//! The messages between the page and its scoring Web Worker, as JSON strings (`postMessage`
//! carries them unchanged). Plain data, so the protocol is tested natively; a malformed message
//! is a typed error, never a panic.
//!
//! Flow: the worker posts [`FromWorker::Ready`] once its wasm has loaded (messages posted before
//! that are lost, so the page waits for it); the page posts [`ToWorker::Score`]; the worker
//! answers with one [`FromWorker::Scored`] per proxy as each finishes, then
//! [`FromWorker::Done`]. [`ToWorker::Measure`] ("measure here") is answered by
//! [`FromWorker::Measured`], [`ToWorker::Internals`] (the Learn page's views) by
//! [`FromWorker::Device`] then [`FromWorker::Internals`]. All computing happens in the worker, so the page's own wasm holds no
//! tensor kernels. Cancel = the page terminates the worker and starts a fresh one:
//! a running proxy cannot be interrupted otherwise, and every finished score has already arrived.

use serde::{Deserialize, Serialize};

use crate::compute::DeviceKind;
use crate::hw::measure::Timing;
use crate::proxy::Protocol;
use crate::proxy::internals::Internals;
use crate::proxy::run::Scored;
use crate::space::Dataset;

/// A request from the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// Score `arch` (an NB201 arch string) with `proxies` (names) under `protocol` on `device`.
    Score {
        /// Job number chosen by the page; every answer carries it.
        job: u64,
        /// NB201 arch string.
        arch: String,
        /// Every protocol knob.
        protocol: Protocol,
        /// Proxy names, in the order to compute them.
        proxies: Vec<String>,
        /// WebGPU or CPU.
        device: DeviceKind,
    },
    /// Compute the internals of nwot, jacob_cov and synflow for `arch` (the Learn page's live
    /// views), under `protocol`'s first seed, on `device`.
    Internals {
        /// Job number chosen by the page.
        job: u64,
        /// NB201 arch string.
        arch: String,
        /// Every protocol knob.
        protocol: Protocol,
        /// WebGPU or CPU.
        device: DeviceKind,
    },
    /// Time the inference forward pass of `arch` built for `dataset` ("measure here").
    Measure {
        /// Job number chosen by the page.
        job: u64,
        /// NB201 arch string.
        arch: String,
        /// Dataset: fixes the network's head and resolution.
        dataset: Dataset,
        /// Batch sizes to time, in order.
        batch_sizes: Vec<usize>,
        /// Timed runs per batch size (after `warmup` untimed ones).
        runs: usize,
        /// Untimed runs first.
        warmup: usize,
        /// WebGPU or CPU.
        device: DeviceKind,
    },
}

/// A message from the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker's wasm has loaded; it accepts requests now.
    Ready,
    /// The device the job runs on (after a fallback, the CPU with the reason).
    Device {
        /// Job number.
        job: u64,
        /// WebGPU or CPU.
        kind: DeviceKind,
        /// Label for people, e.g. "WebGPU: google swiftshader" or "CPU (no WebGPU)".
        label: String,
        /// Why the requested device was not used, when it was not.
        fallback: Option<String>,
    },
    /// One proxy finished.
    Scored {
        /// Job number.
        job: u64,
        /// Proxy name.
        proxy: String,
        /// The score, or why the proxy failed.
        result: Result<Scored, String>,
    },
    /// The timings of a [`ToWorker::Measure`] job, one per batch size.
    Measured {
        /// Job number.
        job: u64,
        /// One timing per requested batch size.
        timings: Vec<Timing>,
    },
    /// The answer to [`ToWorker::Internals`] (ends the job).
    Internals {
        /// Job number.
        job: u64,
        /// The three views (each may have failed on its own), or why none could be computed.
        result: Result<Internals, String>,
    },
    /// Every proxy of the job finished.
    Done {
        /// Job number.
        job: u64,
    },
    /// The job could not run at all (bad arch, protocol, missing images).
    Failed {
        /// Job number.
        job: u64,
        /// Why.
        error: String,
    },
}

/// A message that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("malformed worker message: {0}")]
pub struct BadMessage(pub String);

impl ToWorker {
    /// JSON text to post.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a posted request.
    pub fn from_json(text: &str) -> Result<ToWorker, BadMessage> {
        serde_json::from_str(text).map_err(|e| BadMessage(e.to_string()))
    }
}

impl FromWorker {
    /// JSON text to post.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a posted answer.
    pub fn from_json(text: &str) -> Result<FromWorker, BadMessage> {
        serde_json::from_str(text).map_err(|e| BadMessage(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proxy::internals::{JacobView, NwotView, Square, SynflowLayer, SynflowView};

    #[test]
    fn every_message_round_trips_through_json() {
        let request = ToWorker::Score {
            job: 7,
            arch: "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|".into(),
            protocol: Protocol { batch_size: 16, seed: 3, ..Protocol::default() },
            proxies: vec!["nwot".into(), "synflow".into()],
            device: DeviceKind::Gpu,
        };
        assert_eq!(ToWorker::from_json(&request.to_json()), Ok(request));
        let measure = ToWorker::Measure {
            job: 8,
            arch: "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|".into(),
            dataset: Dataset::ImageNet16_120,
            batch_sizes: vec![1, 64],
            runs: 10,
            warmup: 2,
            device: DeviceKind::Cpu,
        };
        assert_eq!(ToWorker::from_json(&measure.to_json()), Ok(measure));
        let internals = ToWorker::Internals {
            job: 9,
            arch: "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|".into(),
            protocol: Protocol { batch_size: 8, ..Protocol::default() },
            device: DeviceKind::Gpu,
        };
        assert_eq!(ToWorker::from_json(&internals.to_json()), Ok(internals));
        let answers = [
            FromWorker::Ready,
            FromWorker::Device {
                job: 7,
                kind: DeviceKind::Cpu,
                label: "CPU".into(),
                fallback: Some("no WebGPU".into()),
            },
            FromWorker::Scored {
                job: 7,
                proxy: "nwot".into(),
                result: Ok(Scored { mean: 1.5, std: 0.0, log10: None, millis: 12.0, components: Vec::new() }),
            },
            FromWorker::Scored { job: 7, proxy: "zen".into(), result: Err("NaN".into()) },
            FromWorker::Measured {
                job: 8,
                timings: vec![Timing {
                    plan: crate::hw::measure::TimingPlan { batch_size: 1, warmup: 2, runs: 2 },
                    median_ms: 2.0,
                    min_ms: 1.0,
                    max_ms: 3.0,
                    runs_ms: vec![1.0, 3.0],
                }],
            },
            FromWorker::Internals {
                job: 9,
                result: Ok(Internals {
                    nwot: Ok(NwotView { kernel: Square { n: 2, values: vec![4.0, 1.0, 1.0, 4.0] }, score: Ok(2.75) }),
                    jacob_cov: Err("non-finite score (NaN)".into()),
                    synflow: Ok(SynflowView {
                        layers: vec![
                            SynflowLayer { name: "stem.conv".into(), log10: Some(12.5) },
                            SynflowLayer { name: "cells.0.edge_0_1.conv".into(), log10: None },
                        ],
                        log10_total: Some(12.5),
                    }),
                }),
            },
            FromWorker::Internals {
                job: 10,
                result: Ok(Internals {
                    nwot: Ok(NwotView { kernel: Square { n: 1, values: vec![8.0] }, score: Err("singular".into()) }),
                    jacob_cov: Ok(JacobView { correlation: Square { n: 1, values: vec![1.0] }, score: -0.5 }),
                    synflow: Err("no layers".into()),
                }),
            },
            FromWorker::Internals { job: 11, result: Err("bad arch".into()) },
            FromWorker::Done { job: 7 },
            FromWorker::Failed { job: 7, error: "bad arch".into() },
        ];
        for a in answers {
            assert_eq!(FromWorker::from_json(&a.to_json()), Ok(a));
        }
    }

    #[test]
    fn malformed_messages_are_errors() {
        for text in [
            "",
            "{}",
            "null",
            r#"{"type":"score"}"#,
            r#"{"type":"nope","job":1}"#,
            r#"{"type":"internals","job":1}"#,
            "[1,2]",
        ] {
            assert!(ToWorker::from_json(text).is_err(), "{text}");
            assert!(FromWorker::from_json(text).is_err(), "{text}");
        }
    }
}
