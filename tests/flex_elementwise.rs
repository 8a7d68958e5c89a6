//! Element-wise ops on tensors large enough for burn-flex to split them across threads
//! (`vendor/burn-flex/src/ops/zsnas.rs`, `split`: from 128 Ki elements; the length here is not a
//! multiple of the chunk, so the last chunk is short): every path the patch added — in place
//! into the left or the right operand, into a new vector, the SIMD kernels, the bool → float
//! cast, ReLU's backward — against the same arithmetic done element by element on the host.
#![cfg(not(target_arch = "wasm32"))]

use burn::tensor::{DType, Device, Tensor, TensorData};
use zsnas::rng::Rng;

/// Three chunks of 2¹⁷ elements and a few more.
const N: usize = 3 * (1 << 17) + 5;

fn values(seed: u64) -> Vec<f32> {
    let mut rng = Rng::new(seed);
    // Some exact zeros, so `> 0` and ReLU see the boundary.
    (0..N).map(|i| if i % 97 == 0 { 0.0 } else { rng.normal() as f32 }).collect()
}

fn tensor(v: &[f32], device: &Device) -> Tensor<1> {
    Tensor::from_data(TensorData::new(v.to_vec(), [v.len()]), (device, DType::F32))
}

fn read(t: Tensor<1>) -> Vec<f32> {
    t.into_data().try_to_vec::<f32>().expect("f32 data")
}

fn host(a: &[f32], b: &[f32], op: impl Fn(f32, f32) -> f32) -> Vec<f32> {
    a.iter().zip(b).map(|(&x, &y)| op(x, y)).collect()
}

/// Equal bit for bit (element-wise results must not depend on the split).
fn assert_same(got: &[f32], want: &[f32], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    if let Some(i) = got.iter().zip(want).position(|(g, w)| g.to_bits() != w.to_bits()) {
        panic!("{what}: element {i} is {} instead of {}", got[i], want[i]);
    }
}

#[test]
fn large_element_wise_ops_match_the_host_bit_for_bit() {
    let device = Device::flex();
    let (a, b) = (values(1), values(2));

    // ReLU in place (a unique tensor) and into a new vector (a shared one).
    let relu = a.iter().map(|&x| if x > 0.0 { x } else { 0.0 }).collect::<Vec<_>>();
    assert_same(&read(burn::tensor::activation::relu(tensor(&a, &device))), &relu, "relu, in place");
    let shared = tensor(&a, &device);
    assert_same(&read(burn::tensor::activation::relu(shared.clone())), &relu, "relu, new vector");
    drop(shared);

    // Subtraction and division (not commutative): into the left operand, into the right one
    // (the left shared), and into a new vector (both shared); SIMD and closure paths alike.
    for (name, op) in [("sub", (|x, y| x - y) as fn(f32, f32) -> f32), ("div", |x, y| x / y)] {
        let want = host(&a, &b, op);
        let apply = |l: Tensor<1>, r: Tensor<1>| if name == "sub" { l - r } else { l / r };
        assert_same(&read(apply(tensor(&a, &device), tensor(&b, &device))), &want, &format!("{name} into lhs"));
        let left = tensor(&a, &device);
        assert_same(&read(apply(left.clone(), tensor(&b, &device))), &want, &format!("{name} into rhs"));
        let right = tensor(&b, &device);
        assert_same(&read(apply(left.clone(), right.clone())), &want, &format!("{name} into a new vector"));
    }
    // A closure-based binary op (no SIMD kernel): powf, into each destination.
    let want = host(&a, &b, |x, y| x.abs().powf(y));
    let pow = |l: Tensor<1>, r: Tensor<1>| l.abs().powf(r);
    assert_same(&read(pow(tensor(&a, &device), tensor(&b, &device))), &want, "powf into lhs");
    let right = tensor(&b, &device);
    assert_same(&read(pow(tensor(&a, &device), right.clone())), &want, "powf with a shared rhs");

    // Comparison, then bool → float.
    let positive = a.iter().map(|&x| if x > 0.0 { 1.0 } else { 0.0 }).collect::<Vec<_>>();
    assert_same(&read(tensor(&a, &device).greater_elem(0.0).float()), &positive, "(x > 0) as float");
}

#[test]
fn large_relu_backward_matches_the_host() {
    let device = Device::flex().autodiff();
    let (x, g) = (values(3), values(4));
    let xt = tensor(&x, &device).require_grad();
    let y = burn::tensor::activation::relu(xt.clone());
    let grads = (y * tensor(&g, &device)).sum().backward();
    let want = x.iter().zip(&g).map(|(&x, &g)| if x > 0.0 { g } else { 0.0 }).collect::<Vec<_>>();
    assert_same(&read(xt.grad(&grads).expect("x gradient")), &want, "relu backward");
}
