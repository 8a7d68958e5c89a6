//! The NB201 network: analytic params/FLOPs on known cells, and forward/backward on Flex.
#![cfg(not(target_arch = "wasm32"))]

use burn::tensor::{Device, Tensor, TensorData};
use zsnas::net::cost::{benchmark_flops, macs};
use zsnas::net::forward::{BnMode, Capture, ForwardOptions, Network};
use zsnas::net::init::InitScheme;
use zsnas::net::nb201::{Nb201Config, nb201_program};
use zsnas::net::program::Step;
use zsnas::rng::Rng;
use zsnas::space::nb201::{Cell, Op};

fn cell(ops: [Op; 6]) -> Cell {
    Cell { ops }
}

fn input(batch: usize, res: usize, seed: u64, device: &Device) -> Tensor<4> {
    let mut rng = Rng::new(seed);
    let n = batch * 3 * res * res;
    let v: Vec<f32> = (0..n).map(|_| rng.normal() as f32).collect();
    Tensor::from_data(TensorData::new(v, [batch, 3, res, res]), device)
}

fn to_vec(t: Tensor<2>) -> Vec<f32> {
    t.into_data().try_to_vec::<f32>().expect("f32 logits")
}

/// Values from the benchmark (NASLib `params`/`flops` columns, FreeREA `params_m`).
#[test]
fn params_and_flops_match_the_benchmark_on_known_cells() {
    use Op::*;
    // NATS 4811: |skip_connect~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_1x1~0|nor_conv_1x1~1|none~2|
    let c = cell([SkipConnect, NorConv3x3, NorConv3x3, NorConv1x1, NorConv1x1, None]);
    let p = nb201_program(&c, &Nb201Config::for_dataset(10, 32));
    assert_eq!(p.param_count(), 615_386);
    assert_eq!(benchmark_flops(&p), 88_307_392.0);
    // NATS 5480 on CIFAR-10.
    let c = cell([AvgPool3x3, SkipConnect, None, AvgPool3x3, NorConv3x3, SkipConnect]);
    let p = nb201_program(&c, &Nb201Config::for_dataset(10, 32));
    assert_eq!(p.param_count(), 316_346);
    assert_eq!(benchmark_flops(&p), 46_343_872.0);
    // All-conv3×3 cell: the largest network (1.531546 M params on CIFAR-10 in the benchmark).
    let big = nb201_program(&cell([NorConv3x3; 6]), &Nb201Config::for_dataset(10, 32));
    assert_eq!(big.param_count(), 1_531_546);
    assert!(macs(&big) > 200_000_000);
}

#[test]
fn forward_is_deterministic_finite_and_seed_dependent() {
    let device = Device::flex();
    let c = Cell::from_code(1234).expect("valid code");
    let program = nb201_program(&c, &Nb201Config::for_dataset(10, 32));
    let x = input(4, 32, 1, &device);
    let run = |seed| {
        let net = Network::new(program.clone(), InitScheme::PytorchDefault, seed, &device);
        to_vec(net.forward(x.clone(), &ForwardOptions::default()).expect("forward").logits)
    };
    let (a, b, other) = (run(0), run(0), run(1));
    assert_eq!(a.len(), 40);
    assert!(a.iter().all(|v| v.is_finite()));
    assert_eq!(a, b);
    assert_ne!(a, other);
}

#[test]
fn captures_relu_inputs_bn_variances_layer_outputs_and_cuts() {
    let device = Device::flex();
    let c = cell([Op::NorConv3x3, Op::SkipConnect, Op::AvgPool3x3, Op::None, Op::NorConv1x1, Op::SkipConnect]);
    let program = nb201_program(&c, &Nb201Config::for_dataset(100, 32));
    let net = Network::new(program.clone(), InitScheme::PytorchDefault, 0, &device);
    let options = ForwardOptions {
        capture: Capture {
            relu_inputs: true,
            bn_variances: true,
            layer_outputs: true,
            cuts: true,
            relu_off: true,
            module_outputs: true,
        },
        ..ForwardOptions::default()
    };
    let out = net.forward(input(2, 32, 2, &device), &options).expect("forward");
    let count = |f: fn(&Step) -> bool| program.steps.iter().filter(|s| f(s)).count();
    assert_eq!(out.relu_inputs.len(), count(|s| matches!(s, Step::Relu { .. })));
    assert_eq!(out.relu_off.len(), out.relu_inputs.len());
    assert_eq!(out.bn_variances.len(), count(|s| matches!(s, Step::BatchNorm { .. })));
    assert_eq!(out.layer_outputs.len(), program.weight_ids().len());
    // Stem, 15 cells and 2 reduction blocks; no cell here is the identity, so no slot repeats.
    assert_eq!(out.cuts.len(), 18);
    assert_eq!(out.cuts.iter().map(|(s, _)| *s).collect::<Vec<_>>(), program.cuts);
    assert!(out.cut_leaves.is_empty(), "leaves only with isolate_cuts");
    assert_eq!(out.module_outputs.len(), program.module_outputs.len());
    assert_eq!(out.logits.dims(), [2, 100]);
    assert_eq!(out.features.dims(), [2, 64, 8, 8]);
}

#[test]
fn module_outputs_follow_the_reference_module_tree() {
    // Outside the cells (MeCo's NAS201Model): stem conv, BN, its nn.Sequential and `stem` (4);
    // per reduction block conv_a and conv_b (ReLU, conv, BN ×3 each), downsample pool, conv and
    // nn.Sequential, the block (14, twice); one nn.Sequential per stage of cells (3); lastact BN,
    // ReLU, nn.Sequential (3); global pool and classifier (2). 40 in all.
    let count = |ops: [Op; 6]| nb201_program(&cell(ops), &Nb201Config::default()).module_outputs.len();
    // Per cell: ReLUConvBN 5, POOLING + AvgPool2d 2, Identity 1, Zero 0, and the cell itself 1.
    assert_eq!(count([Op::NorConv3x3; 6]), 40 + 15 * (6 * 5 + 1));
    assert_eq!(count([Op::None; 6]), 40 + 15);
    let mixed = [Op::NorConv3x3, Op::SkipConnect, Op::AvgPool3x3, Op::None, Op::NorConv1x1, Op::SkipConnect];
    assert_eq!(count(mixed), 40 + 15 * (5 + 1 + 2 + 5 + 1 + 1)); // the `none` edge adds nothing
    // Every conv and linear output is among them (so meco_all's sum contains meco's terms).
    let program = nb201_program(&cell(mixed), &Nb201Config::default());
    for step in &program.steps {
        if matches!(step, Step::Conv { .. } | Step::Linear { .. }) {
            assert!(program.module_outputs.contains(&step.out()));
        }
    }
}

#[test]
fn a_frozen_relu_pattern_gives_the_same_pass_where_it_was_recorded_and_rejects_another_shape() {
    let device = Device::flex();
    let c = cell([Op::NorConv3x3, Op::SkipConnect, Op::AvgPool3x3, Op::None, Op::NorConv1x1, Op::SkipConnect]);
    let net =
        Network::new(nb201_program(&c, &Nb201Config::for_dataset(10, 32)), InitScheme::PytorchDefault, 0, &device);
    let x = input(3, 32, 5, &device);
    let live = net
        .forward(
            x.clone(),
            &ForwardOptions { capture: Capture { relu_off: true, ..Capture::default() }, ..ForwardOptions::default() },
        )
        .expect("forward");
    let frozen = net
        .forward(x.clone(), &ForwardOptions { frozen_relu: live.relu_off.clone(), ..ForwardOptions::default() })
        .expect("frozen forward");
    let logits = |t: burn::tensor::Tensor<2>| t.into_data().convert::<f32>().try_to_vec::<f32>().expect("f32");
    assert_eq!(logits(frozen.logits), logits(live.logits.clone()));
    // Patterns recorded on a batch of 3 do not fit a batch of 2: an error, never a panic.
    let other = net
        .forward(input(2, 32, 5, &device), &ForwardOptions { frozen_relu: live.relu_off, ..ForwardOptions::default() });
    assert!(matches!(other, Err(zsnas::net::forward::NetError::FrozenRelu(_))), "{other:?}");
}

#[test]
fn imagenet16_network_has_120_classes_and_4x4_features() {
    let device = Device::flex();
    let program = nb201_program(&Cell::from_code(777).expect("code"), &Nb201Config::for_dataset(120, 16));
    let net = Network::new(program, InitScheme::KaimingNormalFanIn, 3, &device);
    let out = net.forward(input(2, 16, 3, &device), &ForwardOptions::default()).expect("forward");
    assert_eq!(out.logits.dims(), [2, 120]);
    assert_eq!(out.features.dims(), [2, 64, 4, 4]);
}

#[test]
fn a_cell_of_none_edges_gives_constant_logits() {
    // Every edge `none`: each cell outputs zeros, so the logits equal the classifier bias for
    // every sample whatever the input.
    let device = Device::flex();
    let program = nb201_program(&cell([Op::None; 6]), &Nb201Config::default());
    let net = Network::new(program, InitScheme::PytorchDefault, 0, &device);
    let logits = to_vec(net.forward(input(3, 32, 4, &device), &ForwardOptions::default()).expect("forward").logits);
    for sample in logits.chunks(10).skip(1) {
        for (a, b) in sample.iter().zip(&logits[..10]) {
            assert!((a - b).abs() < 1e-6);
        }
    }
}

#[test]
fn gradients_reach_every_live_weight() {
    let device = Device::flex().autodiff();
    let c = cell([Op::NorConv3x3, Op::NorConv1x1, Op::SkipConnect, Op::AvgPool3x3, Op::NorConv3x3, Op::NorConv1x1]);
    let program = nb201_program(&c, &Nb201Config::default());
    let net = Network::new(program.clone(), InitScheme::PytorchDefault, 0, &device).tracked(&device);
    let options = ForwardOptions { bn: BnMode::Batch, ..Default::default() };
    let out = net.forward(input(4, 32, 5, &device), &options).expect("forward");
    let loss = out.logits.powf_scalar(2.0).sum();
    let grads = loss.backward();
    for id in program.weight_ids() {
        let g = net.params[id].grad(&grads).expect("every weight has a gradient");
        let norm: f32 = g.abs().sum().into_scalar();
        assert!(norm.is_finite() && norm > 0.0, "{}: |grad| = {norm}", program.params[id].name);
    }
}

#[test]
fn input_of_the_wrong_shape_is_an_error_not_a_panic() {
    let device = Device::flex();
    let program = nb201_program(&Cell::from_code(0).expect("code"), &Nb201Config::default());
    let net = Network::new(program, InitScheme::PytorchDefault, 0, &device);
    assert!(net.forward(input(1, 16, 0, &device), &ForwardOptions::default()).is_err());
}
