//! HW-NAS-Bench's FBNet network as a `Program`: shapes against the layer table, hand-counted
//! params and MACs, residuals, analytic costs and a forward pass on Flex.
#![cfg(not(target_arch = "wasm32"))]

use burn::tensor::{Device, Tensor, TensorData};
use zsnas::hw::analytic::analytic_cost;
use zsnas::hw::measure::{TimingPlan, time_forward};
use zsnas::net::cost::{macs, step_costs};
use zsnas::net::fbnet::{fbnet_program, fbnet_program_with_slots};
use zsnas::net::forward::{BnMode, ForwardOptions, Network};
use zsnas::net::init::InitScheme;
use zsnas::net::program::{Program, Step};
use zsnas::rng::Rng;
use zsnas::space::fbnet::{Block, FBNET_LAYERS, FbnetArch, FbnetInput};

/// The architecture of HELP's CSV example (contains both g2 blocks).
const ARCH: [u8; FBNET_LAYERS] = [7, 8, 1, 8, 4, 8, 8, 8, 7, 4, 1, 4, 7, 3, 2, 7, 3, 2, 4, 2, 4, 5];

fn arch(ids: &[u8; FBNET_LAYERS]) -> FbnetArch {
    FbnetArch::from_ids(ids).expect("ids 0..8")
}

fn uniform(block: Block) -> FbnetArch {
    FbnetArch { blocks: [block; FBNET_LAYERS] }
}

/// `N` in `…_{tag}N_…` of a lookup-table key.
fn key_field(key: &str, tag: &str) -> usize {
    let rest = key.split('_').find_map(|part| part.strip_prefix(tag).filter(|n| n.parse::<usize>().is_ok()));
    rest.unwrap_or_else(|| panic!("no {tag} in {key}")).parse().expect("number")
}

/// Sum of params whose name starts with `prefix`.
fn params_under(p: &Program, prefix: &str) -> usize {
    p.params.iter().filter(|s| s.name.starts_with(prefix)).map(|s| s.numel()).sum()
}

/// MACs of the conv steps whose weight name starts with `prefix` (batch 1).
fn macs_under(p: &Program, prefix: &str) -> u64 {
    p.steps
        .iter()
        .zip(step_costs(p))
        .filter(|(s, _)| matches!(s, Step::Conv { weight, .. } if p.params[*weight].name.starts_with(prefix)))
        .map(|(_, c)| c.macs)
        .sum()
}

fn test_archs() -> Vec<FbnetArch> {
    let mut rng = Rng::new(11);
    let mut archs = vec![arch(&ARCH), uniform(Block::K3E1), uniform(Block::K5E6), uniform(Block::Skip)];
    archs.extend((0..6).map(|_| FbnetArch::random(&mut rng)));
    archs
}

#[test]
fn logits_and_features_have_the_benchmark_shapes() {
    for a in test_archs() {
        for input in FbnetInput::ALL {
            let p = fbnet_program(&a, input);
            let r = input.resolution();
            assert_eq!(p.input_chw, [3, r, r]);
            let shapes = p.shapes(3);
            assert_eq!(shapes[p.output], [3, input.classes()], "{a} on {}", input.name());
            let f = input.final_size();
            assert_eq!(shapes[p.features], [3, input.header_channels(), f, f]);
            assert_eq!(p.classes(), input.classes());
        }
    }
}

/// Each part's output is the next lookup-table op's input: same H = W and channels.
#[test]
fn every_part_output_matches_the_next_lut_op_input() {
    for a in test_archs() {
        for input in FbnetInput::ALL {
            let (p, slots) = fbnet_program_with_slots(&a, input);
            let shapes = p.shapes(1);
            let ops = a.lut_ops(input);
            assert_eq!(ops.len(), FBNET_LAYERS + 4);
            // stem → ops[1], layer i → ops[i + 2] (layer i+1 or the header), header → ops[24] (pool).
            let mut outs = vec![slots.stem];
            outs.extend(slots.layers);
            outs.push(slots.header);
            for (k, slot) in outs.into_iter().enumerate() {
                let next = &ops[k + 1].key;
                let s = &shapes[slot];
                let h = key_field(next, "H");
                assert_eq!((s[2], s[3]), (h, key_field(next, "W")), "{a} {}: output {k} vs {next}", input.name());
                assert_eq!(s[1], key_field(next, "Cin"), "{a} {}: output {k} vs {next}", input.name());
            }
            let fc = &ops[25].key;
            assert_eq!(p.params.last().map(|s| s.shape.clone()), Some(vec![key_field(fc, "Cout")]));
        }
    }
}

/// Blocks counted by hand (CIFAR-100, layers 1 and 2: 16 → 24 and 24 → 24 at 32×32, stride 1;
/// layer 5: 24 → 32, stride 2).
#[test]
fn block_params_and_macs_by_hand() {
    let mut ids = [0u8; FBNET_LAYERS];
    ids[1] = Block::K5E1G2.id();
    ids[2] = Block::K3E6.id();
    ids[5] = Block::Skip.id();
    let p = fbnet_program(&arch(&ids), FbnetInput::Cifar100);
    // k5_e1_g2, 16 → 24: conv1 16·(16/2) + bn 2·16 + dw 16·25 + bn 2·16 + conv3 24·(16/2) + bn 2·24.
    assert_eq!(params_under(&p, "cells.1."), 128 + 32 + 400 + 32 + 192 + 48);
    // MACs on 32×32: (16·8 + 16·25 + 24·8)·1024.
    assert_eq!(macs_under(&p, "cells.1."), (128 + 400 + 192) * 1024);
    // k3_e6, 24 → 144 → 24: 24·144 + 2·144 + 144·9 + 2·144 + 144·24 + 2·24.
    assert_eq!(params_under(&p, "cells.2."), 3456 + 288 + 1296 + 288 + 3456 + 48);
    assert_eq!(macs_under(&p, "cells.2."), (3456 + 1296 + 3456) * 1024);
    // Reshaping skip: 1×1 conv 24 → 32 (stride 2, 16×16 out) + BN.
    assert_eq!(params_under(&p, "cells.5."), 24 * 32 + 2 * 32);
    assert_eq!(macs_under(&p, "cells.5."), 24 * 32 * 16 * 16);
    // Kernel shapes: grouped 1×1 [c_out, c_in/g, 1, 1], depthwise [c, 1, k, k].
    let shape = |name: &str| p.params.iter().find(|s| s.name == name).map(|s| s.shape.clone());
    assert_eq!(shape("cells.1.conv1.weight"), Some(vec![16, 8, 1, 1]));
    assert_eq!(shape("cells.1.conv2.weight"), Some(vec![16, 1, 5, 5]));
    assert_eq!(shape("cells.1.conv3.weight"), Some(vec![24, 8, 1, 1]));
    assert_eq!(shape("cells.2.conv2.weight"), Some(vec![144, 1, 3, 3]));
}

/// The all-skip network counted by hand: only the 6 reshaping skips, stem, header and classifier
/// carry parameters.
#[test]
fn all_skip_network_by_hand() {
    let p = fbnet_program(&uniform(Block::Skip), FbnetInput::Cifar100);
    let convs = p.steps.iter().filter(|s| matches!(s, Step::Conv { .. })).count();
    assert_eq!(convs, 1 + 6 + 1);
    let skips = [(16, 24), (24, 32), (32, 64), (64, 112), (112, 184), (184, 352)];
    let skip_params: usize = skips.iter().map(|&(i, o)| i * o + 2 * o).sum();
    let expected = (27 * 16 + 32) + skip_params + (352 * 1504 + 2 * 1504) + (1504 * 100 + 100);
    assert_eq!(p.param_count(), expected);
    assert_eq!(p.param_count(), 780_660);
    // MACs: stem 32², skips at 32², 16², 8², 8², 4², 4², header 4², classifier.
    let sizes = [32 * 32, 16 * 16, 8 * 8, 8 * 8, 4 * 4, 4 * 4];
    let skip_macs: usize = skips.iter().zip(sizes).map(|(&(i, o), hw)| i * o * hw).sum();
    let expected = 27 * 16 * 1024 + skip_macs + 352 * 1504 * 16 + 1504 * 100;
    assert_eq!(macs(&p), expected as u64);
    assert_eq!(macs(&p), 11_608_960);
}

/// A residual add closes exactly the conv blocks with stride 1 and C_in = C_out; an identity skip
/// adds no step at all.
#[test]
fn residuals_exactly_where_stride_1_and_same_width() {
    for a in test_archs() {
        for input in FbnetInput::ALL {
            let (p, slots) = fbnet_program_with_slots(&a, input);
            let producer = |slot: usize| p.steps.iter().find(|s| s.out() == slot);
            let mut residuals = 0;
            for (i, layer) in input.layers().iter().enumerate() {
                let before = if i == 0 { slots.stem } else { slots.layers[i - 1] };
                let out = slots.layers[i];
                let block = a.blocks[i];
                let is_add = out != before && matches!(producer(out), Some(Step::Add { .. }));
                let same = layer.stride == 1 && layer.c_in == layer.c_out;
                assert_eq!(is_add, block != Block::Skip && same, "{a} layer {i} ({})", input.name());
                if is_add {
                    residuals += 1;
                    assert!(matches!(producer(out), Some(Step::Add { xs, .. }) if xs.contains(&before)));
                }
                assert_eq!(out == before, block == Block::Skip && same, "{a} layer {i}");
            }
            let adds = p.steps.iter().filter(|s| matches!(s, Step::Add { .. })).count();
            assert_eq!(adds, residuals);
        }
    }
    // Layer 1 (16 → 16) and the last 3 layers of each 4-layer stage: 16 residuals on both inputs.
    let p = fbnet_program(&uniform(Block::K3E1), FbnetInput::ImageNet);
    assert_eq!(p.steps.iter().filter(|s| matches!(s, Step::Add { .. })).count(), 16);
}

#[test]
fn analytic_cost_works_on_both_inputs() {
    for input in FbnetInput::ALL {
        for a in [arch(&ARCH), uniform(Block::K3E1), uniform(Block::Skip)] {
            let p = fbnet_program(&a, input);
            let c1 = analytic_cost(&p, 1);
            let c4 = analytic_cost(&p, 4);
            assert_eq!(c1.params, p.param_count());
            assert_eq!(c1.macs, macs(&p));
            assert_eq!(c4.macs, 4 * c1.macs);
            assert_eq!(c1.ops.len(), p.steps.len());
            assert_eq!(c1.ops.iter().map(|o| o.params).sum::<usize>(), c1.params);
            // The peak holds at least the largest single tensor, and grows with the batch.
            let largest = c1.ops.iter().map(|o| o.output_bytes).max().unwrap_or(0);
            assert!(c1.peak_activation_bytes >= largest && largest > 0);
            assert!(c4.peak_activation_bytes > c1.peak_activation_bytes);
        }
    }
    // A bigger block never costs less.
    let small = analytic_cost(&fbnet_program(&uniform(Block::K3E1), FbnetInput::ImageNet), 1);
    let big = analytic_cost(&fbnet_program(&uniform(Block::K5E6), FbnetInput::ImageNet), 1);
    assert!(big.params > small.params && big.macs > small.macs);
    assert!(big.peak_activation_bytes > small.peak_activation_bytes);
}

/// FBNet-C (Wu et al., CVPR 2019) lies in this space with the ImageNet input (header 1984, 1000
/// classes): blocks from facebookresearch/mobile-vision's `fbnet_c`. osmr/imgclsmob lists its
/// FBNet-Cb (converted from timm's `fbnetc_100`, the same blocks, pw conv kept for e = 1) at
/// 5,572,200 parameters; the paper reports 5.5 M params and 375 M FLOPs (multiply-adds).
#[test]
fn fbnet_c_matches_published_counts() {
    let c = arch(&[0, 3, 8, 0, 0, 7, 6, 7, 3, 7, 6, 7, 7, 7, 7, 7, 6, 7, 7, 7, 7, 3]);
    let cost = analytic_cost(&fbnet_program(&c, FbnetInput::ImageNet), 1);
    assert_eq!(cost.params, 5_572_200);
    assert_eq!(cost.macs, 384_960_160);
    // 2.7 % above the paper's 375 M (which may count differently, e.g. without the classifier).
    assert!((cost.macs as f64 / 375e6 - 1.0).abs() < 0.03);
}

/// Pinned totals (batch 1) for the report and the CLI: regression values, not a reference.
#[test]
fn pinned_totals() {
    let pins = [
        (arch(&ARCH), FbnetInput::Cifar100, 1_790_500, 67_605_376),
        (arch(&ARCH), FbnetInput::ImageNet, 3_794_920, 272_388_736),
        (uniform(Block::K3E1), FbnetInput::Cifar100, 1_170_676, 31_322_240),
        (uniform(Block::K3E1), FbnetInput::ImageNet, 3_175_096, 118_371_152),
    ];
    for (a, input, params, macs) in pins {
        let c = analytic_cost(&fbnet_program(&a, input), 1);
        assert_eq!((c.params, c.macs), (params, macs), "{a} on {}", input.name());
    }
}

#[test]
fn forward_on_flex_gives_finite_logits() {
    let device = Device::flex();
    let program = fbnet_program(&arch(&ARCH), FbnetInput::Cifar100);
    let net = Network::new(program, InitScheme::PytorchDefault, 0, &device);
    let mut rng = Rng::new(5);
    let v: Vec<f32> = (0..2 * 3 * 32 * 32).map(|_| rng.normal() as f32).collect();
    let x: Tensor<4> = Tensor::from_data(TensorData::new(v, [2, 3, 32, 32]), &device);
    for bn in [BnMode::Batch, BnMode::Running] {
        let out = net.forward(x.clone(), &ForwardOptions { bn, ..ForwardOptions::default() }).expect("forward");
        assert_eq!(out.logits.dims(), [2, 100]);
        assert_eq!(out.features.dims(), [2, 1504, 4, 4]);
        let logits = out.logits.into_data().try_to_vec::<f32>().expect("f32");
        assert!(logits.iter().all(|v| v.is_finite()), "{bn:?}: {logits:?}");
        assert!(logits.iter().any(|&v| v != logits[0]), "{bn:?}: constant logits");
    }
}

#[test]
fn forward_timing_runs_on_flex() {
    let program = fbnet_program(&arch(&ARCH), FbnetInput::Cifar100);
    let start = std::time::Instant::now();
    let clock = move || start.elapsed().as_secs_f64() * 1e3;
    let plan = TimingPlan { batch_size: 1, warmup: 0, runs: 2 };
    let timing = pollster::block_on(time_forward(&program, &Device::flex(), plan, &clock)).expect("timed");
    assert_eq!(timing.runs_ms.len(), 2);
    assert!(timing.runs_ms.iter().all(|&t| t.is_finite() && t >= 0.0));
}
