//! Batch normalisation with batch statistics, patched into burn-flex as two passes over memory
//! (`vendor/burn-flex/src/ops/batch_norm.rs`): output, statistics and the gradients of x, γ and β
//! in f32 and f64, against the same formula composed from burn's element-wise tensor ops in f64.
#![cfg(not(target_arch = "wasm32"))]

use burn::tensor::module::batch_norm_train;
use burn::tensor::{DType, Device, Tensor, TensorData};
use zsnas::rng::Rng;

const EPS: f64 = 1e-5;

fn values(n: usize, rng: &mut Rng, offset: f64) -> Vec<f64> {
    (0..n).map(|_| offset + rng.normal()).collect()
}

fn read<const D: usize>(t: Tensor<D>) -> Vec<f64> {
    t.cast(DType::F64).into_data().try_to_vec::<f64>().expect("f64 data")
}

/// max |a − b| / max |b|.
fn rel(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    let scale = b.iter().fold(0f64, |m, x| m.max(x.abs()));
    a.iter().zip(b).fold(0f64, |m, (x, y)| m.max((x - y).abs())) / scale
}

struct Case {
    x: Vec<f64>,
    gamma: Vec<f64>,
    beta: Vec<f64>,
    g: Vec<f64>,
    shape: [usize; 4],
}

/// (output, mean, variance, x gradient, γ gradient, β gradient) of Σ g ⊙ BN(x); `fused` uses
/// `batch_norm_train`, otherwise the formula in element-wise ops.
fn run(case: &Case, dtype: DType, fused: bool) -> [Vec<f64>; 6] {
    let device = Device::flex().autodiff();
    let c = case.shape[1];
    let leaf = |v: &[f64], shape: [usize; 4]| {
        Tensor::<4>::from_data(TensorData::new(v.to_vec(), shape), (&device, dtype)).require_grad()
    };
    let x = leaf(&case.x, case.shape);
    let gamma = Tensor::<1>::from_data(TensorData::new(case.gamma.clone(), [c]), (&device, dtype)).require_grad();
    let beta = Tensor::<1>::from_data(TensorData::new(case.beta.clone(), [c]), (&device, dtype)).require_grad();
    let g = Tensor::<4>::from_data(TensorData::new(case.g.clone(), case.shape), (&device, dtype));
    let (y, mean, var) = if fused {
        let r = batch_norm_train(x.clone(), gamma.clone(), beta.clone(), EPS);
        (r.output, r.mean, r.variance)
    } else {
        let per_channel = |t: Tensor<4>| t.mean_dim(0).mean_dim(2).mean_dim(3);
        let mean = per_channel(x.clone());
        let centred = x.clone() - mean.clone();
        let var = per_channel(centred.clone() * centred.clone());
        let y = centred / (var.clone() + EPS).sqrt() * gamma.clone().reshape([1, c, 1, 1])
            + beta.clone().reshape([1, c, 1, 1]);
        (y, mean.reshape([c]), var.reshape([c]))
    };
    let grads = (y.clone() * g).sum().backward();
    [
        read(y.detach()),
        read(mean.detach()),
        read(var.detach()),
        read(x.grad(&grads).expect("x gradient")),
        read(gamma.grad(&grads).expect("γ gradient")),
        read(beta.grad(&grads).expect("β gradient")),
    ]
}

#[test]
fn fused_batch_norm_matches_the_composed_formula() {
    let mut rng = Rng::new(11);
    // An NB201-like map, an odd one with a large mean (cancellation in the variance), and a
    // flat [batch, features] input seen as 1×1 maps.
    for (shape, offset) in [([8, 16, 8, 8], 0.0), ([3, 5, 7, 9], 50.0), ([6, 10, 1, 1], -2.0)] {
        let n = shape.iter().product();
        let case = Case {
            x: values(n, &mut rng, offset),
            gamma: values(shape[1], &mut rng, 1.0),
            beta: values(shape[1], &mut rng, 0.0),
            g: values(n, &mut rng, 0.0),
            shape,
        };
        let reference = run(&case, DType::F64, false);
        for (dtype, bound) in [(DType::F64, 1e-10), (DType::F32, 2e-5)] {
            let fused = run(&case, dtype, true);
            let names = ["output", "mean", "variance", "x gradient", "γ gradient", "β gradient"];
            for ((name, a), b) in names.iter().zip(&fused).zip(&reference) {
                let r = rel(a, b);
                assert!(r < bound, "{shape:?} {dtype:?}: {name} differs by {r:.2e}");
            }
        }
    }
}
