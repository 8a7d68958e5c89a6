//! "Measure here": the forward-pass latency of a network on this machine's burn device (Flex on
//! the CPU, wgpu natively, WebGPU in a browser), median of N timed runs after warm-up.
//!
//! Each run is one inference forward pass (BatchNorm with running statistics, PyTorch-default
//! weights, Gaussian input) followed by reading the logits back, which waits for the device to
//! finish. In a browser the time also includes the browser's own overheads (scheduling, WebGPU
//! validation, timer coarsening), so it is an upper bound on the device's compute time.

use burn::tensor::{Device, Tensor, TensorData};

use crate::net::forward::{BnMode, ForwardOptions, Network};
use crate::net::init::InitScheme;
use crate::net::program::Program;
use crate::rng::Rng;

/// How to time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TimingPlan {
    /// Images per forward pass.
    pub batch_size: usize,
    /// Untimed runs first (compilation, caches, allocator).
    pub warmup: usize,
    /// Timed runs.
    pub runs: usize,
}

impl Default for TimingPlan {
    fn default() -> Self {
        TimingPlan { batch_size: 1, warmup: 3, runs: 10 }
    }
}

/// The result of timing one network.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Timing {
    /// The plan followed.
    pub plan: TimingPlan,
    /// Median of the timed runs, ms.
    pub median_ms: f64,
    /// Fastest timed run, ms.
    pub min_ms: f64,
    /// Slowest timed run, ms.
    pub max_ms: f64,
    /// Every timed run, ms, in order.
    pub runs_ms: Vec<f64>,
}

/// Why a timing failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum MeasureError {
    /// Zero batch or zero runs.
    #[error("timing needs a batch size and a number of runs of at least 1")]
    EmptyPlan,
    /// The network could not run.
    #[error("forward pass failed: {0}")]
    Forward(String),
    /// Reading the result back failed (device lost, …).
    #[error("reading the result back failed: {0}")]
    Read(String),
}

pub use crate::stats::median;

/// Times the inference forward pass of `program` on `device`; `clock` returns milliseconds
/// (native: a monotonic clock; browser: `performance.now()`).
pub async fn time_forward(
    program: &Program,
    device: &Device,
    plan: TimingPlan,
    clock: &dyn Fn() -> f64,
) -> Result<Timing, MeasureError> {
    if plan.batch_size == 0 || plan.runs == 0 {
        return Err(MeasureError::EmptyPlan);
    }
    let network = Network::new(program.clone(), InitScheme::PytorchDefault, 0, device);
    let [c, h, w] = program.input_chw;
    let mut rng = Rng::new(0);
    let pixels: Vec<f32> = (0..plan.batch_size * c * h * w).map(|_| rng.normal() as f32).collect();
    let input = Tensor::<4>::from_data(TensorData::new(pixels, [plan.batch_size, c, h, w]), device);
    let options = ForwardOptions { bn: BnMode::Running, ..ForwardOptions::default() };
    let mut runs_ms = Vec::with_capacity(plan.runs);
    for run in 0..plan.warmup + plan.runs {
        let start = clock();
        let out = network.forward(input.clone(), &options).map_err(|e| MeasureError::Forward(e.to_string()))?;
        out.logits.into_data_async().await.map_err(|e| MeasureError::Read(format!("{e:?}")))?;
        let elapsed = clock() - start;
        if run >= plan.warmup {
            runs_ms.push(elapsed);
        }
    }
    let min_ms = runs_ms.iter().copied().fold(f64::INFINITY, f64::min);
    let max_ms = runs_ms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Ok(Timing { plan, median_ms: median(&runs_ms), min_ms, max_ms, runs_ms })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }
}
