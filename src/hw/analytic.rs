//! Analytic cost of any network of any supported space: parameters, MACs, the benchmark's FLOPs
//! and activation memory, per op and in total, at a chosen batch size — from shapes alone.
//!
//! Activation memory follows a simple, stated execution model: every step allocates its output
//! (float32), and a tensor is freed right after the last step that reads it; the input is live
//! from the start and the logits to the end. The peak of that running sum is what an inference
//! runtime without in-place ops or operator fusion needs for activations (weights excluded).

use crate::net::cost::{nb201_flops_offset, step_costs};
use crate::net::program::Program;

/// Bytes per activation element (float32).
pub const ACTIVATION_BYTES_PER_ELEMENT: u64 = 4;

/// Cost of one step of the program at the chosen batch size.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct OpCost {
    /// Index into [`Program::steps`].
    pub step: usize,
    /// Short op name: `conv`, `bn`, `relu`, `avg_pool`, …
    pub op: &'static str,
    /// Output shape at the chosen batch size.
    pub output_shape: Vec<usize>,
    /// Trainable parameters the step owns.
    pub params: usize,
    /// Multiply-accumulates at the chosen batch size.
    pub macs: u64,
    /// Bytes of the step's output tensor.
    pub output_bytes: u64,
    /// Bytes of all activations alive while this step runs (its inputs, its output and every
    /// tensor still waiting for a later reader).
    pub live_bytes: u64,
}

/// Whole-network analytic cost at one batch size and the program's input resolution.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AnalyticCost {
    /// Batch size the figures are for.
    pub batch_size: usize,
    /// Input `[channels, height, width]`.
    pub input_chw: [usize; 3],
    /// Trainable parameters.
    pub params: usize,
    /// Multiply-accumulates of one forward pass at this batch size.
    pub macs: u64,
    /// The NB201 benchmark's FLOPs for one image (see [`crate::net::cost::benchmark_flops`]).
    pub benchmark_flops_per_image: f64,
    /// Bytes of the parameters as float32.
    pub param_bytes: u64,
    /// Peak bytes of live activations during one forward pass (see the module doc).
    pub peak_activation_bytes: u64,
    /// Index of the step at which the peak is reached.
    pub peak_step: usize,
    /// Per step, in execution order.
    pub ops: Vec<OpCost>,
}

impl AnalyticCost {
    /// Parameters in millions.
    pub fn params_m(&self) -> f64 {
        self.params as f64 / 1e6
    }

    /// Peak activation memory in MiB.
    pub fn peak_activation_mib(&self) -> f64 {
        self.peak_activation_bytes as f64 / (1024.0 * 1024.0)
    }
}

/// The analytic cost of `program` at `batch_size` (a batch of 0 is treated as 1).
pub fn analytic_cost(program: &Program, batch_size: usize) -> AnalyticCost {
    let batch = batch_size.max(1);
    let shapes = program.shapes(batch);
    let bytes_of = |slot: usize| -> u64 {
        shapes.get(slot).map_or(0, |s| s.iter().product::<usize>() as u64 * ACTIVATION_BYTES_PER_ELEMENT)
    };
    // The last step reading each slot; the logits are kept to the end.
    let end = program.steps.len();
    let mut last_read = vec![None::<usize>; program.n_slots];
    for (i, step) in program.steps.iter().enumerate() {
        for slot in step.inputs() {
            if let Some(r) = last_read.get_mut(slot) {
                *r = Some(i);
            }
        }
    }
    if let Some(r) = last_read.get_mut(program.output) {
        *r = Some(end);
    }

    let per_image = step_costs(program);
    let mut live = bytes_of(0);
    let (mut peak, mut peak_step) = (live, 0);
    let mut ops = Vec::with_capacity(end);
    for (i, (step, c)) in program.steps.iter().zip(&per_image).enumerate() {
        let output_bytes = bytes_of(step.out());
        live += output_bytes;
        if live > peak {
            (peak, peak_step) = (live, i);
        }
        ops.push(OpCost {
            step: i,
            op: c.op,
            output_shape: shapes.get(step.out()).cloned().unwrap_or_default(),
            params: c.params,
            macs: c.macs * batch as u64,
            output_bytes,
            live_bytes: live,
        });
        // Free what no later step reads (each slot once, even if read twice by this step).
        let mut freed: Vec<usize> = step.inputs();
        freed.sort_unstable();
        freed.dedup();
        for slot in freed {
            if last_read.get(slot).copied().flatten() == Some(i) {
                live -= bytes_of(slot);
            }
        }
        if last_read.get(step.out()).copied().flatten().is_none() {
            live -= output_bytes; // written but never read: dropped at once
        }
    }
    let params = program.param_count();
    AnalyticCost {
        batch_size: batch,
        input_chw: program.input_chw,
        params,
        macs: ops.iter().map(|o| o.macs).sum(),
        benchmark_flops_per_image: per_image.iter().map(|c| c.benchmark_flops as f64).sum::<f64>()
            + nb201_flops_offset(program.input_chw[1]),
        param_bytes: params as u64 * ACTIVATION_BYTES_PER_ELEMENT,
        peak_activation_bytes: peak,
        peak_step,
        ops,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::nb201::{Nb201Config, nb201_program};
    use crate::space::nb201::Cell;

    fn program(arch: &str) -> Program {
        nb201_program(&arch.parse::<Cell>().expect("valid arch"), &Nb201Config::default())
    }

    const RESNET_LIKE: &str = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|";

    #[test]
    fn totals_match_the_per_step_costs() {
        let p = program(RESNET_LIKE);
        let c = analytic_cost(&p, 1);
        assert_eq!(c.params, p.param_count());
        assert_eq!(c.macs, crate::net::cost::macs(&p));
        assert_eq!(c.ops.len(), p.steps.len());
        assert!((c.benchmark_flops_per_image - crate::net::cost::benchmark_flops(&p)).abs() < 1e-6);
    }

    #[test]
    fn macs_and_activation_memory_scale_with_batch() {
        let p = program(RESNET_LIKE);
        let one = analytic_cost(&p, 1);
        let many = analytic_cost(&p, 64);
        assert_eq!(many.macs, 64 * one.macs);
        assert_eq!(many.peak_activation_bytes, 64 * one.peak_activation_bytes);
        assert_eq!(many.peak_step, one.peak_step);
        assert_eq!(many.params, one.params);
    }

    #[test]
    fn peak_is_at_least_any_step_input_plus_output_and_at_most_everything() {
        let p =
            program("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        let c = analytic_cost(&p, 2);
        let shapes = p.shapes(2);
        let bytes = |s: usize| shapes[s].iter().product::<usize>() as u64 * 4;
        let everything: u64 = (0..p.n_slots).map(bytes).sum();
        assert!(c.peak_activation_bytes <= everything);
        for (step, op) in p.steps.iter().zip(&c.ops) {
            let needed: u64 = step.inputs().iter().map(|&s| bytes(s)).sum::<u64>() + bytes(step.out());
            assert!(op.live_bytes >= needed, "step {}: live {} < inputs+output {needed}", op.step, op.live_bytes);
            assert!(op.live_bytes <= c.peak_activation_bytes);
        }
        // The stem's first conv holds the input and its 16×32×32 output at once.
        assert!(c.peak_activation_bytes >= 2 * (3 + 16) * 32 * 32 * 4);
    }

    #[test]
    fn a_chain_frees_each_tensor_after_its_reader() {
        // In a cell of only skips the first-stage tensors are all 16×32×32: a straight chain holds
        // at most a handful at once, far fewer than the ~100 slots the program writes.
        let p =
            program("|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|");
        let c = analytic_cost(&p, 1);
        let map = 16 * 32 * 32 * 4;
        assert!(c.peak_activation_bytes < 8 * map, "peak {}", c.peak_activation_bytes);
        let last = c.ops.last().expect("steps");
        assert_eq!(last.live_bytes, last.output_bytes + c.ops[c.ops.len() - 2].output_bytes);
    }
}
