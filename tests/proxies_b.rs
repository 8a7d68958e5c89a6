//! Proxies of the second batch (gradsign, ntk_cond, knas, linear_regions, zen, nn_mass,
//! nn_degree, meco, meco_all, swap, te_nas, az_nas) on Flex: finite, deterministic per seed, and a property per proxy that a wrong
//! formula would break.
#![cfg(not(target_arch = "wasm32"))]

use burn::tensor::{Device, Tensor};
use zsnas::net::forward::ForwardOptions;
use zsnas::proxy::batch::draw_batches;
use zsnas::proxy::session::input_tensor;
use zsnas::proxy::shared::loss::{cross_entropy, one_hot};
use zsnas::proxy::{InputKind, Protocol, ProxyKind, Session};
use zsnas::space::Arch;
use zsnas::space::nb201::{Cell, Op};

fn protocol(batch: usize) -> Protocol {
    Protocol { batch_size: batch, input: InputKind::Gaussian, batches: 1, ..Protocol::default() }
}

fn session(cell: Cell, protocol: Protocol) -> Session {
    let batches = draw_batches(&protocol, protocol.seed, None).expect("gaussian batches");
    Session::new(Arch::Nb201(cell), protocol.clone(), protocol.seed, Device::flex(), batches).expect("session")
}

fn score(kind: ProxyKind, s: &Session) -> f64 {
    pollster::block_on(kind.compute(s)).unwrap_or_else(|e| panic!("{}: {e}", kind.name())).value
}

use Op::{AvgPool3x3, NorConv1x1, NorConv3x3, SkipConnect};

const TYPICAL: Cell = Cell { ops: [NorConv3x3, NorConv1x1, AvgPool3x3, SkipConnect, NorConv3x3, NorConv1x1] };
const SMALL: Cell = Cell { ops: [NorConv1x1, Op::None, SkipConnect, Op::None, Op::None, NorConv3x3] };
const ALL_NONE: Cell = Cell { ops: [Op::None; 6] };

const NEW: [ProxyKind; 12] = [
    ProxyKind::GradSign,
    ProxyKind::NtkCond,
    ProxyKind::Knas,
    ProxyKind::LinearRegions,
    ProxyKind::Zen,
    ProxyKind::NnMass,
    ProxyKind::NnDegree,
    ProxyKind::Meco,
    ProxyKind::MecoAll,
    ProxyKind::Swap,
    ProxyKind::TeNas,
    ProxyKind::AzNas,
];

#[test]
fn finite_and_deterministic_per_seed() {
    for cell in [TYPICAL, SMALL] {
        let a = session(cell, protocol(4));
        let b = session(cell, protocol(4));
        for kind in NEW {
            let (x, y) = (score(kind, &a), score(kind, &b));
            assert!(x.is_finite(), "{}: {x}", kind.name());
            assert_eq!(x, y, "{} is not deterministic", kind.name());
        }
    }
}

#[test]
fn registry_holds_the_new_proxies_with_their_orientation() {
    for kind in NEW {
        assert_eq!(ProxyKind::from_name(kind.name()), Some(kind));
    }
    assert_eq!(ProxyKind::NtkCond.info().orientation, zsnas::proxy::Orientation::LowerIsBetter);
    assert!(ProxyKind::GradSign.info().needs.per_sample && ProxyKind::Knas.info().needs.labels);
}

/// Per-sample cross-entropy gradients computed directly, independent of `shared::per_sample`.
fn direct_per_sample_grads(s: &Session) -> Vec<Vec<f64>> {
    let device = s.autodiff_device();
    let base = s.network(&device);
    let batch = &s.batches[0];
    (0..batch.len())
        .map(|i| {
            let net = base.tracked(&device);
            let out = net.forward(input_tensor(&batch.sample(i), &device), &ForwardOptions::default()).expect("fwd");
            let loss = cross_entropy(out.logits, one_hot(&batch.labels[i..=i], 10, &device));
            let grads = loss.backward();
            s.program
                .weight_ids()
                .iter()
                .flat_map(|&id| {
                    let g: Tensor<1> = net.params[id].grad(&grads).expect("grad");
                    g.into_data().convert::<f64>().try_to_vec::<f64>().expect("f64")
                })
                .collect()
        })
        .collect()
}

#[test]
fn knas_equals_the_explicit_double_sum_and_gradsign_the_sign_sum() {
    let s = session(TYPICAL, protocol(3));
    let g = direct_per_sample_grads(&s);
    let n = g.len() as f64;
    let mut gram = 0.0;
    for gi in &g {
        for gj in &g {
            gram += gi.iter().zip(gj).map(|(a, b)| a * b).sum::<f64>();
        }
    }
    let knas = score(ProxyKind::Knas, &s);
    assert!(((knas - gram / (n * n)) / knas).abs() < 1e-6, "knas {knas} vs {}", gram / (n * n));

    let signs: f64 = (0..g[0].len())
        .map(|k| g.iter().map(|gi| gi[k].signum() * f64::from(u8::from(gi[k] != 0.0))).sum::<f64>().abs())
        .sum();
    let gradsign = score(ProxyKind::GradSign, &s);
    assert_eq!(gradsign, signs);
    // gradsign reused knas's per-sample loop above; alone, on a fresh session, it is the same.
    let fresh = session(TYPICAL, protocol(3));
    assert_eq!(score(ProxyKind::GradSign, &fresh), gradsign);
    assert_eq!(score(ProxyKind::Knas, &fresh), knas);
    let weights: usize = s.program.weight_ids().iter().map(|&id| s.program.params[id].numel()).sum();
    assert!(gradsign <= 3.0 * weights as f64 && gradsign > 0.0);
}

#[test]
fn gradsign_of_one_sample_counts_the_nonzero_gradients() {
    let s = session(SMALL, protocol(1));
    let g = &direct_per_sample_grads(&s)[0];
    let nonzero = g.iter().filter(|&&x| x != 0.0).count() as f64;
    assert_eq!(score(ProxyKind::GradSign, &s), nonzero);
}

#[test]
fn ntk_condition_number_is_at_least_one_and_matches_the_alone_option_shape() {
    for cell in [TYPICAL, SMALL] {
        let s = session(cell, protocol(4));
        let k = score(ProxyKind::NtkCond, &s);
        assert!(k >= 1.0, "κ = {k}");
        let alone =
            pollster::block_on(zsnas::proxy::ntk_cond::kappa(&s, zsnas::proxy::shared::per_sample::Forward::Alone))
                .expect("alone");
        assert!(alone >= 1.0 && alone != k, "alone κ = {alone}, batch κ = {k}");
    }
    // One sample: Θ is 1×1, κ = 1 exactly.
    assert_eq!(score(ProxyKind::NtkCond, &session(TYPICAL, protocol(1))), 1.0);
    // A zero cell: the output ignores the input, Θ has rank 1, κ is undefined.
    assert!(pollster::block_on(ProxyKind::NtkCond.compute(&session(ALL_NONE, protocol(3)))).is_err());
}

/// TE-NAS's Jacobian rows with one forward and B backwards through the kept graph
/// (`retain_graph`, patched burn-autodiff) equal those of a fresh forward per row, bit for bit,
/// and the loop can run again afterwards (the last backward freed the graph cleanly).
#[test]
fn batch_rows_from_one_kept_graph_equal_rows_from_fresh_forwards() {
    use zsnas::proxy::shared::per_sample::{Forward, Objective, per_sample_gradients};
    use zsnas::proxy::shared::read::read_f64;
    let s = session(TYPICAL, protocol(4));
    let device = s.autodiff_device();
    let fresh: Vec<Vec<f64>> = (0..4)
        .map(|i| {
            let net = s.network(&device).tracked(&device);
            let options = ForwardOptions { bn: s.protocol.bn, ..Default::default() };
            let out = net.forward(input_tensor(&s.batches[0], &device), &options).expect("forward");
            let [_, k] = out.logits.dims();
            let grads = out.logits.slice([i..i + 1, 0..k]).sum().backward();
            let parts: Vec<Tensor<1>> =
                s.program.weight_ids().iter().map(|&id| net.params[id].grad(&grads).expect("grad")).collect();
            pollster::block_on(read_f64(Tensor::cat(parts, 0))).expect("read")
        })
        .collect();
    for round in 0..2 {
        let mut kept = Vec::new();
        pollster::block_on(per_sample_gradients(&s, Forward::Batch, Objective::LogitSum, |i, g| {
            kept.push((i, g.to_vec()));
        }))
        .expect("per-sample rows");
        assert_eq!(kept.len(), 4, "round {round}");
        for (i, g) in kept {
            assert!(g.iter().any(|&x| x != 0.0), "row {i} is all zeros");
            assert_eq!(g, fresh[i], "round {round}, row {i}");
        }
    }
}

#[test]
fn linear_regions_are_bounded_by_the_batch_and_one_for_a_zero_cell() {
    let r = score(ProxyKind::LinearRegions, &session(TYPICAL, protocol(8)));
    assert!((1.0..=8.0).contains(&r) && r.fract() == 0.0, "{r}");
    // A zero cell: every ReLU after the first cell sees zeros (no ReLU before it), so all
    // samples share one pattern.
    assert_eq!(score(ProxyKind::LinearRegions, &session(ALL_NONE, protocol(8))), 1.0);
}

#[test]
fn zen_is_deterministic_and_depends_on_the_perturbation_scale_only_through_delta() {
    // Gaussian weights whatever the protocol's init: changing the protocol's init leaves zen
    // unchanged, while the seed changes it.
    let a = score(ProxyKind::Zen, &session(TYPICAL, protocol(4)));
    let xavier = Protocol { init: zsnas::net::init::InitScheme::XavierUniform, ..protocol(4) };
    assert_eq!(a, score(ProxyKind::Zen, &session(TYPICAL, xavier)));
    let other_seed = Protocol { seed: 1, ..protocol(4) };
    assert_ne!(a, score(ProxyKind::Zen, &session(TYPICAL, other_seed)));
}

#[test]
fn nn_mass_and_nn_degree_on_hand_computed_cells() {
    let p = || protocol(1);
    let widths = 5.0 * (16.0 + 32.0 + 64.0); // 5 cells per stage of widths 16, 32, 64
    // Complete cell: 6 edges of 6, depth 3, degree 2·6/4.
    let full = session(Cell { ops: [NorConv3x3; 6] }, p());
    assert_eq!(score(ProxyKind::NnMass, &full), widths * 3.0);
    assert_eq!(score(ProxyKind::NnDegree, &full), 3.0);
    // Only the skip 0→3: one edge, depth 1.
    let skip = session(Cell { ops: [Op::None, Op::None, Op::None, SkipConnect, Op::None, Op::None] }, p());
    assert!((score(ProxyKind::NnMass, &skip) - widths / 6.0).abs() < 1e-9);
    assert_eq!(score(ProxyKind::NnDegree, &skip), 0.5);
    // Chain 0→1→2→3 plus 0→2: 4 live edges, depth 3.
    let chain = session(Cell { ops: [NorConv1x1, AvgPool3x3, NorConv3x3, Op::None, Op::None, SkipConnect] }, p());
    assert!((score(ProxyKind::NnMass, &chain) - widths * 4.0 / 6.0 * 3.0).abs() < 1e-9);
    assert_eq!(score(ProxyKind::NnDegree, &chain), 2.0);
    // Dead edges do not count: 0→1 and 2→3 lead nowhere, so the cell is zero.
    let dead = session(Cell { ops: [NorConv3x3, Op::None, Op::None, Op::None, Op::None, NorConv1x1] }, p());
    assert_eq!(score(ProxyKind::NnMass, &dead), 0.0);
    assert_eq!(score(ProxyKind::NnDegree, &dead), 0.0);
    assert_eq!(score(ProxyKind::NnDegree, &session(ALL_NONE, p())), 0.0);
}

#[test]
fn swap_is_bounded_by_the_sample_patterns_and_one_for_a_zero_network() {
    for b in [1, 2, 3] {
        let v = score(ProxyKind::Swap, &session(TYPICAL, protocol(b)));
        assert!((1.0..=f64::from(1u32 << b)).contains(&v), "swap {v} at batch {b}");
    }
    // Every ReLU input of the all-`none` network is 0: one pattern (all off).
    assert_eq!(score(ProxyKind::Swap, &session(ALL_NONE, protocol(8))), 1.0);
    // Beyond 16 samples the score ignores the rest of the batch.
    let big = score(ProxyKind::Swap, &session(SMALL, protocol(20)));
    assert!((1.0..=65536.0).contains(&big), "swap {big} at batch 20");
}

fn components(kind: ProxyKind, s: &Session) -> (f64, Vec<f64>) {
    let r = pollster::block_on(kind.compute(s)).unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
    assert_eq!(r.components.len(), kind.components().len(), "{}", kind.name());
    (r.value, r.components)
}

#[test]
fn te_nas_stores_kappa_and_regions_and_ranks_them_in_a_population() {
    let s = session(TYPICAL, protocol(4));
    let (value, c) = components(ProxyKind::TeNas, &s);
    assert_eq!(value, 2.0, "a population of one");
    assert_eq!(c, vec![score(ProxyKind::NtkCond, &s), score(ProxyKind::LinearRegions, &s)]);
    let other = components(ProxyKind::TeNas, &session(SMALL, protocol(4))).1;
    let ranked = ProxyKind::TeNas.population_scores(&[c, other]).expect("population proxy");
    assert!(ranked.iter().all(|&r| (2.0..=4.0).contains(&r)) && ranked.iter().sum::<f64>() == 6.0);
    assert!(ProxyKind::TeNas.info().needs.population && ProxyKind::Swap.population_scores(&[]).is_none());
}

#[test]
fn az_nas_components_are_finite_and_identity_cells_rank_last_on_trainability() {
    use zsnas::proxy::shared::population::RANKS_LAST;
    let s = session(TYPICAL, protocol(4));
    let (value, c) = components(ProxyKind::AzNas, &s);
    assert_eq!(value, 0.0, "a population of one");
    assert!(c.iter().all(|v| v.is_finite() && *v > RANKS_LAST), "{c:?}");
    assert!(c[0] > 0.0, "expressivity {c:?}");
    assert!(c[2] <= 0.0, "trainability terms are at most 0: {c:?}");
    assert_eq!(c[3], score(ProxyKind::Flops, &s));
    // The identity cell (skip 0→3 only: the builder aliases the slot) and x + 0 (skip 0→3 and
    // 2→3 with node 2 empty: g_in = g_out exactly) are AZ-NAS's −∞ trainability.
    for ops in [
        [Op::None, Op::None, Op::None, SkipConnect, Op::None, Op::None],
        [Op::None, Op::None, Op::None, SkipConnect, Op::None, SkipConnect],
    ] {
        let c = components(ProxyKind::AzNas, &session(Cell { ops }, protocol(4))).1;
        assert_eq!(c[2], RANKS_LAST, "{ops:?}: {c:?}");
        assert!(c[0] > RANKS_LAST, "{ops:?}: {c:?}");
    }
    // No spread after the stem: expressivity and progressivity rank last, nothing panics.
    let zero = components(ProxyKind::AzNas, &session(ALL_NONE, protocol(4))).1;
    assert_eq!((zero[0], zero[1]), (RANKS_LAST, RANKS_LAST));
    let ranked = ProxyKind::AzNas.population_scores(&[c, zero]).expect("population proxy");
    assert!(ranked[0] > ranked[1], "{ranked:?}");
}

#[test]
fn meco_is_bounded_by_the_layer_count() {
    // A correlation matrix has trace C and is PSD, so 0 ≤ λ_min ≤ 1 per layer.
    let s = session(TYPICAL, protocol(2));
    let layers = s.program.weight_ids().len() as f64;
    let m = score(ProxyKind::Meco, &s);
    assert!(m > 0.0 && m <= layers, "meco {m} with {layers} layers");
    // meco_all sums non-negative terms over every module output, a superset of meco's layers
    // (each counted as often as modules return it), so it is at least meco and at most their count.
    let all = score(ProxyKind::MecoAll, &s);
    let outputs = s.program.module_outputs.len() as f64;
    assert!(all > m + 1e-6 && all <= outputs, "meco_all {all}, meco {m}, {outputs} module outputs");
}

/// Seconds per proxy on one typical cell at batch 64 (native Flex). Run with `--ignored
/// --nocapture`; prints, asserts only finiteness.
#[test]
#[ignore]
fn time_per_proxy_at_batch_64() {
    let s = session(TYPICAL, protocol(64));
    for kind in NEW {
        let t = std::time::Instant::now();
        let v = score(kind, &s);
        println!("{:>15}: {:>8.2} s  value {v:e}", kind.name(), t.elapsed().as_secs_f64());
    }
}
