//! The direct 3×3 convolution kernels patched into burn-flex (`vendor/burn-flex/PATCHED.md`):
//! forward, input gradient and weight gradient through burn's public API, in f32 and in f64
//! (which the row kernels take too, on x86-64), against a plain loop over every product in f64,
//! on the shapes they take and on shapes that must fall back.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use burn::tensor::module::conv2d;
use burn::tensor::ops::ConvOptions;
use burn::tensor::{DType, Device, Tensor, TensorData};
use common::{conv2d_reference, max_rel as rel, read_f64_4d as read};
use zsnas::proxy::batch::draw_batches;
use zsnas::proxy::shared::hvp::gradient_at;
use zsnas::proxy::{InputKind, Protocol, Session};
use zsnas::rng::Rng;
use zsnas::space::Arch;
use zsnas::space::nb201::{Cell, Op};

fn values(n: usize, rng: &mut Rng) -> Vec<f64> {
    (0..n).map(|_| rng.normal()).collect()
}

fn tensor(v: &[f64], shape: [usize; 4], dtype: DType, device: &Device) -> Tensor<4> {
    Tensor::<4>::from_data(TensorData::new(v.to_vec(), shape), (device, dtype)).require_grad()
}

/// (output, input gradient, weight gradient) of Σ g ⊙ conv(x, w), in `dtype`.
fn conv_and_grads(
    x: &[f64],
    w: &[f64],
    g: &[f64],
    shapes: [[usize; 4]; 3],
    opts: &ConvOptions<2>,
    dtype: DType,
) -> [Vec<f64>; 3] {
    let device = Device::flex().autodiff();
    let (xt, wt) = (tensor(x, shapes[0], dtype, &device), tensor(w, shapes[1], dtype, &device));
    let gt = Tensor::<4>::from_data(TensorData::new(g.to_vec(), shapes[2]), (&device, dtype));
    let y = conv2d(xt.clone(), wt.clone(), None, opts.clone());
    let grads = (y.clone() * gt).sum().backward();
    let dx = xt.grad(&grads).expect("x gradient");
    let dw = wt.grad(&grads).expect("w gradient");
    [read(y.detach()), read(dx), read(dw)]
}

#[test]
fn the_direct_path_is_on_where_the_cpu_has_avx2_and_fma() {
    #[cfg(target_arch = "x86_64")]
    let (avx2, avx512) = (
        std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma"),
        std::is_x86_feature_detected!("avx512f") && std::is_x86_feature_detected!("fma"),
    );
    #[cfg(not(target_arch = "x86_64"))]
    let (avx2, avx512) = (false, false);
    let wanted = std::env::var("ZSNAS_FLEX_KERNELS").unwrap_or_default();
    let expected = match wanted.as_str() {
        "0" => None,
        _ if avx512 && wanted != "avx2" => Some("avx512"),
        _ if avx2 => Some("avx2"),
        _ => None,
    };
    assert_eq!(burn_flex::ops::conv3x3::isa(), expected);
}

#[test]
fn convolutions_and_their_gradients_match_a_plain_loop() {
    let mut rng = Rng::new(3);
    // (batch, in, out, height, width, stride, padding, kernel): the row kernels take the first
    // six (NB201's cell convolutions, one sample as synflow runs them, the stem, odd channel
    // counts, and enough channels that the weight gradient splits its blocks into several groups
    // per thread). Of the next seven, with AVX-512, the channel kernel takes the f32 forward and
    // input gradient of the first five (rows 8 or 4 wide, channels a multiple of 16, one or two
    // vectors of them), and the row kernels take every f64 map 8 wide with a height a multiple
    // of 4 (five of them; all three results). The rest fall back.
    let cases = [
        (3, 16, 16, 32, 32, 1, 1, 3),
        (1, 16, 16, 32, 32, 1, 1, 3),
        (2, 32, 32, 16, 16, 1, 1, 3),
        (2, 3, 16, 32, 32, 1, 1, 3),
        (2, 5, 7, 12, 16, 1, 1, 3),
        (2, 64, 62, 8, 32, 1, 1, 3),
        (2, 64, 64, 8, 8, 1, 1, 3),
        (2, 32, 32, 8, 8, 1, 1, 3),
        (1, 64, 64, 8, 8, 1, 1, 3),
        (3, 64, 64, 4, 4, 1, 1, 3),
        (2, 16, 48, 6, 8, 1, 1, 3),
        (2, 20, 20, 8, 8, 1, 1, 3),
        (2, 8, 6, 8, 8, 1, 1, 3),
        (2, 16, 32, 32, 32, 2, 1, 3),
        (2, 16, 16, 32, 32, 1, 0, 1),
    ];
    for (n, ci, co, h, w, stride, pad, k) in cases {
        let ho = (h + 2 * pad - k) / stride + 1;
        let wo = (w + 2 * pad - k) / stride + 1;
        let shapes = [[n, ci, h, w], [co, ci, k, k], [n, co, ho, wo]];
        let x = values(n * ci * h * w, &mut rng);
        let wt = values(co * ci * k * k, &mut rng);
        let g = values(n * co * ho * wo, &mut rng);
        let opts = ConvOptions::new([stride; 2], [pad; 2], [1, 1], 1);
        let single = conv_and_grads(&x, &wt, &g, shapes, &opts, DType::F32);
        let double = conv_and_grads(&x, &wt, &g, shapes, &opts, DType::F64);
        let exact = conv2d_reference(&x, &wt, &g, shapes, stride, pad);
        for (i, what) in ["output", "input gradient", "weight gradient"].into_iter().enumerate() {
            let r = rel(&single[i], &exact[i]);
            assert!(r < 1e-5, "{n}×{ci}→{co} {h}×{w} stride {stride} k {k}: f32 {what} off by {r:.2e}");
            let r = rel(&double[i], &exact[i]);
            assert!(r < 1e-12, "{n}×{ci}→{co} {h}×{w} stride {stride} k {k}: f64 {what} off by {r:.2e}");
        }
    }
}

/// The whole network's loss gradient (every edge a 3×3 convolution: NATS 1462; batch 8,
/// Gaussian inputs), f32 with the direct kernels against f64. A transposed or misplaced kernel
/// would be off by O(1); f32 itself is not closer than about 2 %: this deep network amplifies
/// rounding, whichever order the sums take. Measured on this project's machine (‖g32 − g64‖ /
/// ‖g64‖ over all weights): 1.95e-2 with the direct kernels, 1.43e-2 on burn-flex's general path
/// (`ZSNAS_FLEX_KERNELS=0`), and the two f32 gradients 2.2e-2 apart.
#[test]
fn an_nb201_loss_gradient_matches_f64_per_layer() {
    let cell = Cell { ops: [Op::NorConv3x3; 6] };
    let protocol = Protocol { batch_size: 8, input: InputKind::Gaussian, ..Protocol::default() };
    let batches = draw_batches(&protocol, 0, None).expect("batches");
    let s = Session::new(Arch::Nb201(cell), protocol, 0, Device::flex(), batches).expect("session");
    let single = pollster::block_on(s.loss_grads_of_batch(0)).expect("f32 gradient");
    let zeros = vec![0.0; single.weights.len()];
    let double = pollster::block_on(gradient_at(&s, &single, &zeros, 0.0, &[])).expect("f64 gradient");
    let dist = |a: &[f64], b: &[f64]| {
        let norm = b.iter().map(|v| v * v).sum::<f64>().sqrt();
        let diff = a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum::<f64>().sqrt();
        diff / norm
    };
    let mut layers: Vec<f64> =
        single.offsets.windows(2).map(|w| dist(&single.grads[w[0]..w[1]], &double[w[0]..w[1]])).collect();
    layers.sort_by(f64::total_cmp);
    let whole = dist(&single.grads, &double);
    let (median, worst) = (layers[layers.len() / 2], layers[layers.len() - 1]);
    eprintln!("‖g32 − g64‖ / ‖g64‖: whole {whole:.2e}, median layer {median:.2e}, worst layer {worst:.2e}");
    assert!(whole < 0.05 && worst < 0.1, "whole {whole:.2e}, worst layer {worst:.2e}");
}
