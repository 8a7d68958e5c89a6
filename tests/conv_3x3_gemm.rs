//! The 3×3 weight gradient patched into burn-flex as one gemm per sample
//! (`vendor/burn-flex/PATCHED.md`, `conv3x3_gemm.rs`: stride 1, padding 1, where the direct
//! kernels do not run: 8×8 and 4×4 maps in f32, 4×4 maps and odd widths in both precisions),
//! through burn's public API, in f32 and f64, against the sum written out in f64
//! (`common::conv2d_reference`); contiguous inputs and a strided view.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use burn::tensor::module::conv2d;
use burn::tensor::ops::ConvOptions;
use burn::tensor::{DType, Device, Tensor, TensorData};
use common::{conv2d_reference, max_rel as rel, read_f64_4d as read, tensor_4d as tensor};
use zsnas::rng::Rng;

#[test]
fn three_by_three_weight_gradients_match_the_sum() {
    let mut rng = Rng::new(11);
    let device = Device::flex().autodiff();
    // (n, ci, co, h, w): NB201's 8×8 stage, ImageNet16-120's 4×4, odd sizes, one sample (which
    // keeps burn-flex's path where there are more threads than samples), and 16×16 / 32×32. On
    // x86-64 with AVX2 the direct kernels take the 16- and 32-wide maps, and in f64 the 8-wide
    // ones too; this path keeps the rest (the 4×4 and odd sizes in both precisions).
    let cases = [
        [2, 64, 64, 8, 8],
        [5, 7, 3, 4, 4],
        [3, 5, 6, 6, 5],
        [1, 4, 4, 8, 8],
        [2, 16, 16, 16, 16],
        [2, 3, 16, 32, 32],
        [4, 2, 2, 1, 1],
    ];
    for dims @ [n, ci, co, h, w] in cases {
        let x: Vec<f64> = (0..n * ci * h * w).map(|_| rng.normal()).collect();
        let wt: Vec<f64> = (0..co * ci * 9).map(|_| rng.normal()).collect();
        let g: Vec<f64> = (0..n * co * h * w).map(|_| rng.normal()).collect();
        let [_, _, want] = conv2d_reference(&x, &wt, &g, [[n, ci, h, w], [co, ci, 3, 3], [n, co, h, w]], 1, 1);
        for dtype in [DType::F32, DType::F64] {
            for strided in [false, true] {
                let xt = tensor(&x, [n, ci, h, w], strided, dtype, &device);
                let wv = Tensor::<4>::from_data(TensorData::new(wt.clone(), [co, ci, 3, 3]), (&device, dtype))
                    .require_grad();
                let gt = Tensor::<4>::from_data(TensorData::new(g.clone(), [n, co, h, w]), (&device, dtype));
                let y = conv2d(xt, wv.clone(), None, ConvOptions::new([1, 1], [1, 1], [1, 1], 1));
                let grads = (y * gt).sum().backward();
                let got = read(wv.grad(&grads).expect("weight gradient"));
                let tol = if dtype == DType::F32 { 1e-5 } else { 1e-12 };
                let r = rel(&got, &want);
                assert!(r < tol, "{dims:?} {dtype:?} strided {strided}: off by {r:.2e}");
            }
        }
    }
}
