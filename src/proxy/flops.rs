//! `flops`: the benchmark's FLOPs of one forward pass at input resolution (see `net::cost`).
//! A baseline, not a paper.

use crate::net::cost::benchmark_flops;
use crate::proxy::prelude::*;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "flops",
    kind: 'S',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::NONE,
    paper: "baseline (benchmark FLOPs, as NASLib reports them)",
    summary: "How much arithmetic one forward pass takes: a size measure, like params.",
};

/// Counts FLOPs analytically (no tensors).
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    Score::new(benchmark_flops(&s.program))
}
