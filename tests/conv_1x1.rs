//! The 1×1 convolution gradients patched into burn-flex (`vendor/burn-flex/PATCHED.md`,
//! `conv1x1.rs`): output, input gradient and weight gradient through burn's public API, in f32
//! and f64, against the sums written out here in f64, on contiguous tensors and on strided
//! views (the weight gradient reads the swapped operands in place).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use burn::tensor::module::conv2d;
use burn::tensor::ops::ConvOptions;
use burn::tensor::{DType, Device};
use common::{max_rel as rel, read_f64_4d as read, tensor_4d as tensor};
use zsnas::rng::Rng;

/// `[n, ci, p]`, `[co, ci]`, `[n, co, p]` → (y, dx, dw) of Σ g ⊙ conv1x1(x, w), by definition.
fn reference(x: &[f64], w: &[f64], g: &[f64], [n, ci, co, p]: [usize; 4]) -> [Vec<f64>; 3] {
    let (mut y, mut dx, mut dw) = (vec![0.0; n * co * p], vec![0.0; n * ci * p], vec![0.0; co * ci]);
    for s in 0..n {
        for o in 0..co {
            for c in 0..ci {
                let wv = w[o * ci + c];
                for q in 0..p {
                    let (xv, gv) = (x[(s * ci + c) * p + q], g[(s * co + o) * p + q]);
                    y[(s * co + o) * p + q] += wv * xv;
                    dx[(s * ci + c) * p + q] += wv * gv;
                    dw[o * ci + c] += gv * xv;
                }
            }
        }
    }
    [y, dx, dw]
}

#[test]
fn one_by_one_convolutions_and_their_gradients_match_the_sums() {
    let mut rng = Rng::new(11);
    // (batch, in, out, height, width): NB201's cells at each stage, the shortcut, batch 1
    // (synflow), odd sizes, and a 1×1 map (whose weight gradient is not the whole-map case).
    let cases = [(3, 16, 16, 32, 32), (2, 32, 64, 8, 8), (1, 16, 32, 16, 16), (2, 5, 7, 3, 4), (4, 6, 3, 1, 1)];
    for (n, ci, co, h, w) in cases {
        let p = h * w;
        let normal = |len: usize, rng: &mut Rng| (0..len).map(|_| rng.normal()).collect::<Vec<_>>();
        let (x, wt, g) = (normal(n * ci * p, &mut rng), normal(co * ci, &mut rng), normal(n * co * p, &mut rng));
        let expected = reference(&x, &wt, &g, [n, ci, co, p]);
        for (dtype, bound) in [(DType::F32, 1e-5), (DType::F64, 1e-12)] {
            for swapped in [false, true] {
                let device = Device::flex().autodiff();
                let xt = tensor(&x, [n, ci, h, w], swapped, dtype, &device).require_grad();
                let wt = tensor(&wt, [co, ci, 1, 1], false, dtype, &device).require_grad();
                let gt = tensor(&g, [n, co, h, w], swapped, dtype, &device);
                let y = conv2d(xt.clone(), wt.clone(), None, ConvOptions::new([1, 1], [0, 0], [1, 1], 1));
                let grads = (y.clone() * gt).sum().backward();
                let got = [
                    read(y.detach()),
                    read(xt.grad(&grads).expect("x gradient")),
                    read(wt.grad(&grads).expect("w gradient")),
                ];
                for (what, a, b) in ["output", "input gradient", "weight gradient"]
                    .iter()
                    .zip(&got)
                    .zip(&expected)
                    .map(|((w, a), b)| (w, a, b))
                {
                    let r = rel(a, b);
                    assert!(r < bound, "{n}×{ci}→{co} {h}×{w} {dtype:?} views {swapped}: {what} off by {r:.2e}");
                }
            }
        }
    }
}
