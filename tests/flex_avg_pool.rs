//! 3×3 average pooling with stride 1 and padding 1, patched into burn-flex as a box sum
//! (`vendor/burn-flex/src/ops/avg_pool3x3.rs`): output and input gradient through burn's public
//! API in f32 (the patched path) against f64 (burn-flex's general path), with and without the
//! padded taps in the divisor, on maps from 1×1 up to NB201's 32×32; and a 2×2 / stride 2
//! pooling, which keeps the general path, to show the two dtypes agree there too.
#![cfg(not(target_arch = "wasm32"))]

use burn::tensor::module::avg_pool2d;
use burn::tensor::ops::AvgPoolOptions;
use burn::tensor::{DType, Device, Tensor, TensorData};
use zsnas::rng::Rng;

fn read(t: Tensor<4>) -> Vec<f64> {
    t.cast(DType::F64).into_data().try_to_vec::<f64>().expect("f64 data")
}

/// max |a − b| / max |b|.
fn rel(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    let scale = b.iter().fold(0f64, |m, x| m.max(x.abs()));
    a.iter().zip(b).fold(0f64, |m, (x, y)| m.max((x - y).abs())) / scale
}

/// (output, input gradient) of Σ g ⊙ avg_pool(x) in `dtype`.
fn pool(
    x: &[f64],
    g: &[f64],
    shape: [usize; 4],
    out: [usize; 4],
    options: &AvgPoolOptions<2>,
    dtype: DType,
) -> [Vec<f64>; 2] {
    let device = Device::flex().autodiff();
    let xt = Tensor::<4>::from_data(TensorData::new(x.to_vec(), shape), (&device, dtype)).require_grad();
    let gt = Tensor::<4>::from_data(TensorData::new(g.to_vec(), out), (&device, dtype));
    let y = avg_pool2d(xt.clone(), options.clone());
    let grads = (y.clone() * gt).sum().backward();
    [read(y), read(xt.grad(&grads).expect("x gradient"))]
}

#[test]
fn f32_average_pooling_and_its_gradient_match_f64() {
    let mut rng = Rng::new(11);
    let three = |include: bool| {
        AvgPoolOptions::new([3, 3]).with_stride([1, 1]).with_padding([1, 1]).with_count_include_pad(include)
    };
    let two = AvgPoolOptions::new([2, 2]).with_stride([2, 2]);
    let cases = [
        ([2, 3, 1, 1], three(false)),
        ([2, 2, 2, 3], three(false)),
        ([2, 3, 5, 7], three(false)),
        ([3, 4, 8, 8], three(false)),
        ([2, 16, 32, 32], three(false)),
        ([2, 3, 5, 7], three(true)),
        ([3, 4, 8, 8], three(true)),
        ([2, 4, 8, 8], two),
    ];
    for (shape, options) in cases {
        let stride = options.stride[0];
        let out = [shape[0], shape[1], shape[2] / stride, shape[3] / stride];
        let x: Vec<f64> = (0..shape.iter().product::<usize>()).map(|_| rng.normal()).collect();
        let g: Vec<f64> = (0..out.iter().product::<usize>()).map(|_| rng.normal()).collect();
        let single = pool(&x, &g, shape, out, &options, DType::F32);
        let double = pool(&x, &g, shape, out, &options, DType::F64);
        for (name, a, b) in [("output", &single[0], &double[0]), ("input gradient", &single[1], &double[1])] {
            let e = rel(a, b);
            assert!(e < 1e-6, "{shape:?} {options:?}: {name} off by {e:e} of its largest value");
        }
    }
}

#[test]
fn the_divisor_counts_only_taps_inside_the_map() {
    // Pooling all-ones gives ones when padded taps are left out, and (taps inside) / 9 otherwise.
    let device = Device::flex();
    let ones = Tensor::<4>::ones([1, 1, 3, 4], (&device, DType::F32));
    let base = AvgPoolOptions::new([3, 3]).with_stride([1, 1]).with_padding([1, 1]);
    let without = read(avg_pool2d(ones.clone(), base.clone().with_count_include_pad(false)));
    assert!(without.iter().all(|&v| (v - 1.0).abs() < 1e-7), "{without:?}");
    let with = read(avg_pool2d(ones, base.with_count_include_pad(true)));
    let corner = 4.0 / 9.0;
    let (edge, inner) = (6.0 / 9.0, 1.0);
    let want = [corner, edge, edge, corner, edge, inner, inner, edge, corner, edge, edge, corner];
    assert!(with.iter().zip(want).all(|(v, w)| (v - w).abs() < 1e-7), "{with:?}");
}
