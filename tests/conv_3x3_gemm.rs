//! The 3×3 weight gradient patched into burn-flex as one gemm per sample
//! (`vendor/burn-flex/PATCHED.md`, `conv3x3_gemm.rs`: stride 1, padding 1, where the direct
//! kernels do not run: 8×8 and 4×4 maps, odd widths, f64), through burn's public API, in f32 and
//! f64, against the sum written out here in f64; contiguous inputs and a strided view.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use burn::tensor::module::conv2d;
use burn::tensor::ops::ConvOptions;
use burn::tensor::{DType, Device, Tensor, TensorData};
use common::{max_rel as rel, read_f64_4d as read, tensor_4d as tensor};
use zsnas::rng::Rng;

/// dw of Σ g ⊙ conv3x3(x, w) (stride 1, padding 1) by definition: `x` `[n, ci, h, w]`, `g`
/// `[n, co, h, w]`, dw `[co, ci, 3, 3]`.
fn reference_dw(x: &[f64], g: &[f64], [n, ci, co, h, w]: [usize; 5]) -> Vec<f64> {
    let mut dw = vec![0.0; co * ci * 9];
    for s in 0..n {
        for o in 0..co {
            for c in 0..ci {
                for kh in 0..3 {
                    for kw in 0..3 {
                        let mut sum = 0.0;
                        for y in 0..h {
                            for xx in 0..w {
                                let (sy, sx) = (y + kh, xx + kw);
                                if sy == 0 || sx == 0 || sy > h || sx > w {
                                    continue;
                                }
                                sum += g[((s * co + o) * h + y) * w + xx] * x[((s * ci + c) * h + sy - 1) * w + sx - 1];
                            }
                        }
                        dw[((o * ci + c) * 3 + kh) * 3 + kw] += sum;
                    }
                }
            }
        }
    }
    dw
}

#[test]
fn three_by_three_weight_gradients_match_the_sum() {
    let mut rng = Rng::new(11);
    let device = Device::flex().autodiff();
    // (n, ci, co, h, w): NB201's 8×8 stage, ImageNet16-120's 4×4, odd sizes, one sample (which
    // keeps burn-flex's path where there are more threads than samples), and 16×16 / 32×32
    // (the direct kernels take them in f32; f64 comes here).
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
        let want = reference_dw(&x, &g, dims);
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
