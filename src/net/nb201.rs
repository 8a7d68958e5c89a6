//! The NAS-Bench-201 / NATS-Bench TSS network (C=16, N=5), exactly as PROXIES.md §2 specifies.
//!
//! stem conv3×3(3→16)+BN → 5 cells(16) → residual block(16→32) → 5 cells(32) → block(32→64)
//! → 5 cells(64) → BN+ReLU → global average pool → linear(64 → classes).

use crate::net::builder::ProgramBuilder;
use crate::net::program::{Program, Slot};
use crate::space::nb201::{Cell, EDGE_NODES, Op};

/// Macro-skeleton knobs; [`Nb201Config::default`] is the benchmark's (C=16, N=5, CIFAR 32×32).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nb201Config {
    /// Channels of the first stage (doubles at each reduction).
    pub channels: usize,
    /// Cells per stage.
    pub cells_per_stage: usize,
    /// Output classes: 10, 100 or 120.
    pub classes: usize,
    /// Input height = width: 32 for CIFAR, 16 for ImageNet16-120.
    pub resolution: usize,
}

impl Default for Nb201Config {
    fn default() -> Self {
        Self { channels: 16, cells_per_stage: 5, classes: 10, resolution: 32 }
    }
}

impl Nb201Config {
    /// The benchmark network for a dataset's classes and resolution.
    pub fn for_dataset(classes: usize, resolution: usize) -> Self {
        Self { classes, resolution, ..Self::default() }
    }
}

/// Compile `cell` into the full NB201 network.
pub fn nb201_program(cell: &Cell, config: &Nb201Config) -> Program {
    let c = config.channels;
    let mut b = ProgramBuilder::new([3, config.resolution, config.resolution]);
    let stem = b.input();
    let stem = b.conv(stem, "stem.conv", 3, c, 3, 1, 1);
    let mut x = b.batch_norm(stem, "stem.bn", c);
    // Module outputs as in MeCo's NAS201Model: the stem's nn.Sequential and its `stem` module.
    b.module_output(x);
    b.module_output(x);
    b.mark_cut(x);
    let mut width = c;
    let mut cell_index = 0;
    for stage in 0..3 {
        if stage > 0 {
            x = reduction_block(&mut b, x, &format!("reduce{stage}"), width, width * 2);
            b.mark_cut(x);
            width *= 2;
        }
        for _ in 0..config.cells_per_stage {
            x = cell_block(&mut b, x, cell, &format!("cells.{cell_index}"), width);
            b.mark_cut(x);
            cell_index += 1;
        }
        // The stage's nn.Sequential of cells returns its last cell's output.
        b.module_output(x);
    }
    let x = b.batch_norm(x, "lastact.bn", width);
    let features = b.relu(x);
    b.module_output(features); // lastact's nn.Sequential
    let pooled = b.global_avg_pool(features);
    let logits = b.linear(pooled, "classifier", width, config.classes);
    b.finish(features, logits)
}

/// One NB201 cell: node i = Σ_{j<i} op_ij(node j); output = node 3. `none` edges add nothing;
/// a node with no incoming edge is zeros.
fn cell_block(b: &mut ProgramBuilder, input: Slot, cell: &Cell, name: &str, width: usize) -> Slot {
    let mut nodes: Vec<Slot> = vec![input];
    for to in 1..4 {
        let mut terms = Vec::new();
        for (edge, &(from, target)) in EDGE_NODES.iter().enumerate() {
            if target != to {
                continue;
            }
            let x = nodes[from];
            let edge_name = format!("{name}.edge_{from}_{to}");
            match cell.ops[edge] {
                Op::None => {}
                Op::SkipConnect => terms.push(b.module_output(x)), // an Identity module
                Op::NorConv1x1 => terms.push(b.relu_conv_bn(x, &edge_name, width, width, 1, 1, 0)),
                Op::NorConv3x3 => terms.push(b.relu_conv_bn(x, &edge_name, width, width, 3, 1, 1)),
                Op::AvgPool3x3 => {
                    let pooled = b.avg_pool(x, 3, 1, 1, false);
                    terms.push(b.module_output(pooled)) // the POOLING module around nn.AvgPool2d
                }
            }
        }
        let node = if terms.is_empty() { b.zeros_like(input) } else { b.add(terms) };
        nodes.push(node);
    }
    // The cell module returns node 3 (a `none` edge's Zero module outputs zeros: λ_min 0, left out).
    b.module_output(nodes[3])
}

/// NB201's residual reduction block: shortcut(x) + b(a(x)), with a = ReLU→conv3×3/2→BN,
/// b = ReLU→conv3×3→BN, shortcut = avgpool 2×2/2 → conv1×1 (no BN).
fn reduction_block(b: &mut ProgramBuilder, x: Slot, name: &str, c_in: usize, c_out: usize) -> Slot {
    let a = b.relu_conv_bn(x, &format!("{name}.conv_a"), c_in, c_out, 3, 2, 1);
    let main = b.relu_conv_bn(a, &format!("{name}.conv_b"), c_out, c_out, 3, 1, 1);
    let pooled = b.avg_pool(x, 2, 2, 0, true);
    let shortcut = b.conv(pooled, &format!("{name}.downsample"), c_in, c_out, 1, 1, 0);
    b.module_output(shortcut); // the downsample nn.Sequential
    let sum = b.add(vec![shortcut, main]);
    b.module_output(sum)
}
