//! The proxy engine on Flex: registry invariants, every proxy finite on small batches, and the
//! shared machinery checked against direct computations.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use burn::tensor::{DType, Device, Tensor};
use zsnas::net::forward::{BnMode, ForwardOptions, Network};
use zsnas::net::init::{InitScheme, init_values};
use zsnas::proxy::batch::{InputBatch, draw_batches};
use zsnas::proxy::{InputKind, Protocol, ProxyKind, Session};
use zsnas::rng::Rng;
use zsnas::space::nb201::{Cell, Op};
use zsnas::space::{Arch, Dataset};

fn protocol(batch: usize) -> Protocol {
    Protocol { batch_size: batch, input: InputKind::Gaussian, ..Protocol::default() }
}

fn session(cell: Cell, protocol: Protocol) -> Session {
    let batches = draw_batches(&protocol, protocol.seed, None).expect("gaussian batches");
    Session::new(Arch::Nb201(cell), protocol.clone(), protocol.seed, Device::flex(), batches).expect("session")
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

#[test]
fn registry_names_are_unique_and_round_trip() {
    let mut seen = HashSet::new();
    for &kind in ProxyKind::ALL {
        assert!(seen.insert(kind.name()), "duplicate proxy name {}", kind.name());
        assert_eq!(ProxyKind::from_name(kind.name()), Some(kind));
        assert!(!kind.info().paper.is_empty() && !kind.info().summary.is_empty());
    }
    assert_eq!(ProxyKind::from_name("no_such_proxy"), None);
}

#[test]
fn every_proxy_is_finite_on_a_typical_cell() {
    use Op::*;
    let cell = Cell { ops: [NorConv3x3, NorConv1x1, AvgPool3x3, SkipConnect, NorConv3x3, NorConv1x1] };
    let s = session(cell, protocol(8));
    for &kind in ProxyKind::ALL {
        let score = block_on(kind.compute(&s)).unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
        assert!(score.value.is_finite(), "{}: {score:?}", kind.name());
    }
}

#[test]
fn protocol_round_trips_through_json_and_rejects_bad_knobs() {
    let p = Protocol { dataset: Dataset::Cifar100, seed: 7, init: InitScheme::XavierUniform, ..Protocol::default() };
    let back: Protocol = serde_json::from_str(&p.key()).expect("json");
    assert_eq!(back, p);
    assert!(Protocol { batch_size: 0, ..Protocol::default() }.validate().is_err());
    assert!(Protocol { batch_size: 257, ..Protocol::default() }.validate().is_err());
    // Real input without images is a clear error, not a panic.
    assert!(draw_batches(&Protocol::default(), 0, None).is_err());
}

/// Synflow computed directly in f64 without any rescaling (1e30–1e60 fits in f64).
fn direct_synflow(cell: &Cell) -> f64 {
    let device = Device::flex().autodiff();
    let program = zsnas::net::program_for(&Arch::Nb201(*cell), Dataset::Cifar10);
    let values = init_values(&program, InitScheme::PytorchDefault, 0);
    let values: Vec<Vec<f32>> = values.into_iter().map(|v| v.into_iter().map(f32::abs).collect()).collect();
    let net = Network::from_values_as(program.clone(), values, &device, DType::F64).tracked(&device);
    let ones = Tensor::<4>::ones([1, 3, 32, 32], (&device, DType::F64));
    let out = net.forward(ones, &ForwardOptions { bn: BnMode::Identity, ..Default::default() }).expect("forward");
    let grads = out.logits.sum().backward();
    let mut total = 0.0;
    for id in program.weight_ids() {
        let w = net.params[id].clone().inner().into_data().try_to_vec::<f64>().expect("f64");
        let g = net.params[id].grad(&grads).expect("grad").into_data().try_to_vec::<f64>().expect("f64");
        total += w.iter().zip(&g).map(|(a, b)| (a * b).abs()).sum::<f64>();
    }
    total
}

#[test]
fn synflow_rescaling_is_exact() {
    use Op::*;
    for cell in [
        Cell { ops: [NorConv3x3; 6] },
        Cell { ops: [SkipConnect, NorConv1x1, AvgPool3x3, NorConv3x3, None, SkipConnect] },
    ] {
        let expected = direct_synflow(&cell);
        let got = block_on(ProxyKind::Synflow.compute(&session(cell, protocol(2)))).expect("synflow");
        let log10 = got.log10.expect("synflow reports log10");
        assert!((log10 - expected.log10()).abs() < 1e-9, "{cell:?}: log10 {log10} vs {}", expected.log10());
        assert!(((got.value - expected) / expected).abs() < 1e-9);
    }
}

#[test]
fn nwot_kernel_diagonal_counts_every_relu_unit() {
    // K(i, i) = number of ReLU units: each unit agrees with itself. Checked through the score of
    // a batch of one sample: log det [units] = ln(units).
    let cell = Cell { ops: [Op::NorConv3x3, Op::None, Op::None, Op::None, Op::None, Op::NorConv1x1] };
    let s = session(cell, protocol(1));
    let units: usize = {
        let net = s.network(&s.device);
        let opts = ForwardOptions {
            capture: zsnas::net::forward::Capture { relu_inputs: true, ..Default::default() },
            ..Default::default()
        };
        let out = net.forward(s.input(0, &s.device), &opts).expect("forward");
        out.relu_inputs.iter().map(|v| v.per_sample()).sum()
    };
    let score = block_on(ProxyKind::Nwot.compute(&s)).expect("nwot");
    assert!((score.value - (units as f64).ln()).abs() < 1e-9, "{} vs ln {units}", score.value);
}

#[test]
fn gradient_proxies_share_one_backward_and_agree_with_each_other() {
    let s = session(Cell::from_code(4321).expect("code"), protocol(4));
    let v = |k: ProxyKind| block_on(k.compute(&s)).expect("score").value;
    let (snip, plain, nasi, grad_norm) =
        (v(ProxyKind::Snip), v(ProxyKind::Plain), v(ProxyKind::Nasi), v(ProxyKind::GradNorm));
    assert!(snip >= plain.abs(), "|Σ w g| ≤ Σ |w g|");
    assert!(nasi > 0.0 && grad_norm > 0.0);
    // Σ_l ‖g_l‖ ≥ ‖g‖ = √nasi (triangle inequality).
    assert!(grad_norm >= nasi.sqrt() * (1.0 - 1e-12));
}

#[test]
fn gaussian_batches_are_seeded() {
    let p = protocol(3);
    let a = draw_batches(&p, 5, None).expect("batches");
    let b = draw_batches(&p, 5, None).expect("batches");
    let c = draw_batches(&p, 6, None).expect("batches");
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(a.len(), p.batches);
    let mut rng = Rng::new(0);
    let one = InputBatch::gaussian(2, 16, 120, &mut rng);
    assert_eq!(one.sample(1).pixels.len(), 3 * 16 * 16);
}

#[test]
fn dead_edges_and_zero_cells_give_scores_or_errors_never_panics() {
    use Op::*;
    // Edge 0→1 is a conv whose node reaches nothing: its weight gets no gradient at all.
    let dead_edge = Cell { ops: [NorConv3x3, NorConv1x1, None, SkipConnect, None, NorConv3x3] };
    let s = session(dead_edge, protocol(4));
    for &kind in ProxyKind::ALL {
        let result = block_on(kind.compute(&s));
        assert!(result.is_ok(), "{} on a cell with a dead edge: {result:?}", kind.name());
    }
    // Every edge `none`: proxies may be undefined (an error), but none may panic.
    let zero = session(Cell { ops: [None; 6] }, protocol(4));
    for &kind in ProxyKind::ALL {
        if let Ok(score) = block_on(kind.compute(&zero)) {
            assert!(score.value.is_finite(), "{}: {score:?}", kind.name());
        }
    }
}
