//! Analytic cost of a [`Program`]: parameters, multiply-accumulates and the benchmark's FLOPs
//! count, per step and in total, from shape inference alone (no tensors).

use crate::net::program::{Program, Step};

/// The part of NB201's published FLOPs that no layer of the network explains, for input side
/// `resolution`: 32·resolution + 64. Found empirically: with it, [`benchmark_flops`] equals
/// NASLib's `flops` exactly on all 2,174 NB201 rows (1,088 at 32 px, 576 at 16 px). With the
/// classifier bias counted instead, it is PROXIES.md's 1,078 on CIFAR-10 (988 on CIFAR-100,
/// 456 on ImageNet16-120). Its source is not identified.
pub fn nb201_flops_offset(resolution: usize) -> f64 {
    (32 * resolution + 64) as f64
}

/// Cost of one step for batch size 1.
#[derive(Clone, Debug, PartialEq)]
pub struct StepCost {
    /// Index into [`Program::steps`].
    pub step: usize,
    /// Short op name: `conv`, `bn`, `relu`, `avg_pool`, …
    pub op: &'static str,
    /// Output shape (batch 1).
    pub output_shape: Vec<usize>,
    /// Trainable parameters the step owns.
    pub params: usize,
    /// Multiply-accumulates (conv and linear only).
    pub macs: u64,
    /// FLOPs as the NB201 benchmark counts them (see [`benchmark_flops`]).
    pub benchmark_flops: u64,
}

/// Per-step costs at batch size 1.
pub fn step_costs(program: &Program) -> Vec<StepCost> {
    let shapes = program.shapes(1);
    let numel = |s: usize| shapes[s].iter().product::<usize>() as u64;
    program
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let out = numel(step.out());
            let (op, params, macs, flops) = match step {
                Step::Conv { weight, .. } => {
                    // The kernel is [c_out, c_in / groups, k, k]: one output costs c_in/groups·k² MACs.
                    let p = &program.params[*weight];
                    let per_output = (p.shape[1] * p.shape[2] * p.shape[3]) as u64;
                    let macs = out * per_output;
                    ("conv", p.numel(), macs, macs)
                }
                Step::Linear { weight, bias, .. } => {
                    let p = &program.params[*weight];
                    let bias_params = bias.map_or(0, |b| program.params[b].numel());
                    let macs = p.numel() as u64;
                    ("linear", p.numel() + bias_params, macs, macs)
                }
                Step::BatchNorm { gamma, beta, .. } => {
                    ("bn", program.params[*gamma].numel() + program.params[*beta].numel(), 0, 3 * out)
                }
                Step::AvgPool { kernel, .. } => ("avg_pool", 0, 0, (kernel * kernel) as u64 * out),
                Step::MaxPool { kernel, .. } => ("max_pool", 0, 0, (kernel * kernel) as u64 * out),
                Step::Relu { .. } => ("relu", 0, 0, 0),
                Step::Add { .. } => ("add", 0, 0, 0),
                Step::Zeros { .. } => ("zeros", 0, 0, 0),
                Step::GlobalAvgPool { .. } => ("global_avg_pool", 0, 0, 0),
            };
            StepCost { step: i, op, output_shape: shapes[step.out()].clone(), params, macs, benchmark_flops: flops }
        })
        .collect()
}

/// Total multiply-accumulates of one forward pass at batch size 1.
pub fn macs(program: &Program) -> u64 {
    step_costs(program).iter().map(|c| c.macs).sum()
}

/// The NB201 benchmark's FLOPs of one forward pass (batch 1), as NASLib reports them (in units
/// of one, not millions): conv MACs + linear MACs + 3 × BN output elements + k² × output
/// elements of each k×k pool + [`nb201_flops_offset`].
pub fn benchmark_flops(program: &Program) -> f64 {
    let layers: f64 = step_costs(program).iter().map(|c| c.benchmark_flops as f64).sum();
    layers + nb201_flops_offset(program.input_chw[1])
}
