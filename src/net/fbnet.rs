//! The FBNet network of HW-NAS-Bench (`FBNet_Infer` in `hw_nas_bench_api/fbnet_models/
//! model_infer.py`) as a [`Program`], so the analytic costs (params, MACs, activation memory)
//! and forward timing that work for NB201 work for FBNet too.
//!
//! stem ConvNorm 3×3 (3 → 16, stride 1 on CIFAR-100, 2 on ImageNet, padding 1) → 22 searchable
//! layers (see [`FbnetInput::layers`]) → header ConvNorm 1×1 (352 → 1504 / 1984) → global average
//! pool → linear (→ 100 / 1000, with bias). A ConvNorm is conv (no bias) → BN → ReLU.
//!
//! Each layer holds one block, exactly as HW-NAS-Bench builds it:
//! - **ConvBlock** `(e, k, g)`: 1×1 conv `C_in → e·C_in`, `g` groups → BN → ReLU →
//!   \[channel shuffle, `g` = 2 only] → k×k depthwise conv, the layer's stride, padding
//!   `⌈(k − s)/2⌉` → BN → ReLU → 1×1 conv `e·C_in → C_out`, `g` groups → BN (no ReLU), plus the
//!   block's input when `C_in = C_out` and the stride is 1. The expand conv is always there, also
//!   for `e = 1` (HW-NAS-Bench does not drop it, unlike some later FBNet builders), and the
//!   residual test is the same for every block, so a stride-1, same-width `e = 1` block is
//!   residual too.
//! - **Skip**: the identity when `C_in = C_out` and the stride is 1; otherwise HW-NAS-Bench's
//!   `Skip` module, a 1×1 conv `C_in → C_out` with the layer's stride (no padding, no bias) → BN
//!   → ReLU, and no residual.
//!
//! **The channel shuffle is omitted.** In the `g2` blocks HW-NAS-Bench permutes the expanded
//! channels (`[N, g, C/g, H, W] → [N, C/g, g, H, W]`) between the first ReLU and the depthwise
//! conv. A permutation has no parameters, costs no multiply-accumulates and keeps the shape, so
//! params, MACs and every step's output size are the same with or without it. The one figure it
//! could move is peak activation memory: PyTorch's `.contiguous()` copies the expanded tensor, so
//! a runtime that does not fuse the permutation briefly holds one more `C_in·H·W` tensor in a g2
//! block; our peak (`hw::analytic`) does not count that copy.
//! It does change *values*: without it, output group j of the second grouped 1×1 conv reads only
//! input group j, so each g2 block is two independent half-width paths; with it, every output
//! group mixes both halves. That is a different function class, not a relabelling of weights,
//! so logits, gradients and any proxy computed on this program differ from HW-NAS-Bench's
//! network for architectures that contain `k3_e1_g2` or `k5_e1_g2`. Scoring FBNet with
//! zero-cost proxies would need a shuffle step in the IR; costs do not.

use crate::net::builder::ProgramBuilder;
use crate::net::program::{Program, Slot};
use crate::space::fbnet::{Block, FBNET_LAYERS, FbnetArch, FbnetInput, FbnetLayer, STAGE_CHANNELS, STEM_CHANNELS};

/// Where the macro network's parts end in an FBNet [`Program`] (for tests and per-layer views).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FbnetSlots {
    /// Output of the stem ConvNorm.
    pub stem: Slot,
    /// Output of each searchable layer; an identity skip's output is its input slot.
    pub layers: [Slot; FBNET_LAYERS],
    /// Output of the header ConvNorm (the pre-pool feature map).
    pub header: Slot,
}

/// Compile `arch` into HW-NAS-Bench's FBNet network for `input` (see the module doc).
pub fn fbnet_program(arch: &FbnetArch, input: FbnetInput) -> Program {
    fbnet_program_with_slots(arch, input).0
}

/// As [`fbnet_program`], also telling where the stem, each layer and the header end.
pub fn fbnet_program_with_slots(arch: &FbnetArch, input: FbnetInput) -> (Program, FbnetSlots) {
    let r = input.resolution();
    let mut b = ProgramBuilder::new([3, r, r]);
    let x = b.input();
    let x = conv_norm(&mut b, x, "stem", 3, STEM_CHANNELS, 3, input.stem_stride(), 1);
    b.mark_cut(x);
    let stem = x;
    let mut layers = [0; FBNET_LAYERS];
    let mut x = x;
    for (layer, &block) in input.layers().iter().zip(&arch.blocks) {
        let y = fbnet_layer(&mut b, x, layer, block);
        if y != x {
            b.mark_cut(y);
        }
        layers[layer.index] = y;
        x = y;
    }
    let last = STAGE_CHANNELS[STAGE_CHANNELS.len() - 1];
    let header = conv_norm(&mut b, x, "header", last, input.header_channels(), 1, 1, 0);
    b.mark_cut(header);
    let pooled = b.global_avg_pool(header);
    let logits = b.linear(pooled, "classifier", input.header_channels(), input.classes());
    (b.finish(header, logits), FbnetSlots { stem, layers, header })
}

/// conv (no bias) → BN → ReLU: HW-NAS-Bench's `ConvNorm` (stem, header, reshaping skip).
#[allow(clippy::too_many_arguments)]
fn conv_norm(
    b: &mut ProgramBuilder,
    x: Slot,
    name: &str,
    c_in: usize,
    c_out: usize,
    kernel: usize,
    stride: usize,
    padding: usize,
) -> Slot {
    let c = b.conv(x, &format!("{name}.conv"), c_in, c_out, kernel, stride, padding);
    let n = b.batch_norm(c, &format!("{name}.bn"), c_out);
    b.relu(n)
}

/// One searchable layer holding `block`; returns its output slot.
fn fbnet_layer(b: &mut ProgramBuilder, x: Slot, layer: &FbnetLayer, block: Block) -> Slot {
    let name = format!("cells.{}", layer.index);
    let (c_in, c_out, s) = (layer.c_in, layer.c_out, layer.stride);
    let Some((e, k, g)) = block.conv() else {
        return if layer.skip_is_identity() { x } else { conv_norm(b, x, &name, c_in, c_out, 1, s, 0) };
    };
    let mid = c_in * e;
    // HW-NAS-Bench: padding = ceil((dilation·(k − 1) + 1 − stride) / 2), so H_out = H_in / stride.
    let padding = (k - s).div_ceil(2);
    let y = b.grouped_conv(x, &format!("{name}.conv1"), c_in, mid, 1, 1, 0, g);
    let y = b.batch_norm(y, &format!("{name}.bn1"), mid);
    let y = b.relu(y);
    // (channel shuffle for g = 2 here: omitted, see the module doc)
    let y = b.grouped_conv(y, &format!("{name}.conv2"), mid, mid, k, s, padding, mid);
    let y = b.batch_norm(y, &format!("{name}.bn2"), mid);
    let y = b.relu(y);
    let y = b.grouped_conv(y, &format!("{name}.conv3"), mid, c_out, 1, 1, 0, g);
    let y = b.batch_norm(y, &format!("{name}.bn3"), c_out);
    if layer.skip_is_identity() { b.add(vec![y, x]) } else { y }
}
