//! Hessian-vector products of the cross-entropy loss with respect to the conv/linear weights,
//! by a central finite difference of gradients (burn has no double backward):
//!
//! H v ≈ (∇L(W + εv) − ∇L(W − εv)) / (2ε),  ε = δ · ‖W‖ / ‖v‖,  δ = 1e-9,
//!
//! so the perturbation εv has norm δ‖W‖ whatever the scale of v (norms over all conv/linear
//! weights together), in f64. Both passes run with every ReLU's on/off pattern frozen at W
//! ([`ForwardOptions::frozen_relu`]): PyTorch's double backward differentiates ReLU as if its
//! kink were absent (ReLU'' = 0), which is exactly the derivative of the frozen network. Without
//! freezing, a step moves the ReLU inputs nearest zero across it: at batch 64 (~10⁷ units) some
//! lie within 1e-9 relative of zero, and one crossing divided by 2ε swamps the sum (we measured
//! grasp scores of ±10⁷ on CIFAR-10 cells where NASLib's are ~10³). With the pattern frozen the
//! difference is smooth in ε and the step only trades truncation against rounding.
//! On a device without f64 (WebGPU) the passes run on Flex (CPU) instead.
//! BatchNorm, biases and BN parameters stay at their initial values; only the weights move.

use burn::tensor::{DType, Device, Tensor, TensorData};

use crate::net::forward::{Capture, ForwardOptions, Network, ReluOff};
use crate::net::init::init_values;
use crate::proxy::error::ProxyError;
use crate::proxy::session::Session;
use crate::proxy::shared::layers::LayerVectors;
use crate::proxy::shared::loss::cross_entropy;
use crate::proxy::shared::read::read_f64;

/// The relative step δ (see the module doc).
pub const RELATIVE_STEP: f64 = 1e-9;

/// The session's device if it computes in f64, Flex otherwise (non-autodiff).
pub fn f64_device(s: &Session) -> Device {
    if s.device.supports_dtype(DType::F64) { s.device.clone() } else { Device::flex() }
}

/// H·v on batch 0 for the weights of `at` (their `weights`), with `v` aligned with
/// `at.weights`; returns H·v aligned the same way. `v = 0` gives 0 without any pass.
pub async fn hessian_vector_product(s: &Session, at: &LayerVectors, v: &[f64]) -> Result<Vec<f64>, ProxyError> {
    hessian_vector_product_with_step(s, at, v, RELATIVE_STEP).await
}

/// As [`hessian_vector_product`] with an explicit relative step δ.
pub async fn hessian_vector_product_with_step(
    s: &Session,
    at: &LayerVectors,
    v: &[f64],
    delta: f64,
) -> Result<Vec<f64>, ProxyError> {
    let norm = |x: &[f64]| x.iter().map(|a| a * a).sum::<f64>().sqrt();
    let (w_norm, v_norm) = (norm(&at.weights), norm(v));
    if v_norm == 0.0 {
        return Ok(vec![0.0; v.len()]);
    }
    let eps = delta * w_norm.max(f64::MIN_POSITIVE) / v_norm;
    let frozen = relu_pattern(s, at)?;
    let plus = gradient_at(s, at, v, eps, &frozen).await?;
    let minus = gradient_at(s, at, v, -eps, &frozen).await?;
    Ok(plus.iter().zip(&minus).map(|(p, m)| (p - m) / (2.0 * eps)).collect())
}

/// Every ReLU's off pattern on batch 0 at the weights of `at` (f64, on the autodiff device of
/// [`gradient_at`], so the patterns can be frozen there).
pub fn relu_pattern(s: &Session, at: &LayerVectors) -> Result<Vec<ReluOff>, ProxyError> {
    let device = f64_device(s).autodiff();
    let net = perturbed_network(s, at, &vec![0.0; at.weights.len()], 0.0, &device);
    let input = s.input(0, &device).cast(DType::F64);
    let capture = Capture { relu_off: true, ..Default::default() };
    Ok(net.forward(input, &ForwardOptions { bn: s.protocol.bn, capture, ..Default::default() })?.relu_off)
}

/// ∇L at W + t·v (f64) for the weights of `at`, read back in one transfer, with the ReLU
/// patterns `frozen` (empty: live ReLUs).
pub async fn gradient_at(
    s: &Session,
    at: &LayerVectors,
    v: &[f64],
    t: f64,
    frozen: &[ReluOff],
) -> Result<Vec<f64>, ProxyError> {
    let base = f64_device(s);
    let device = base.clone().autodiff();
    let net = perturbed_network(s, at, v, t, &device);
    let input = s.input(0, &device).cast(DType::F64);
    let options = ForwardOptions { bn: s.protocol.bn, frozen_relu: frozen.to_vec(), ..Default::default() };
    let out = net.forward(input, &options)?;
    let grads = cross_entropy(out.logits, s.targets(0, &device).cast(DType::F64)).backward();
    let parts: Vec<Tensor<1>> = at
        .ids
        .iter()
        .zip(at.offsets.windows(2))
        .map(|(&id, w)| {
            net.params[id].grad(&grads).unwrap_or_else(|| Tensor::zeros([w[1] - w[0]], (&base, DType::F64)))
        })
        .collect();
    if parts.is_empty() {
        return Ok(Vec::new());
    }
    read_f64(Tensor::cat(parts, 0)).await
}

/// The session's network in f64 on the autodiff `device`, with the weights of `at` set to
/// W + t·v (computed in f64 on the host), every parameter a tracked leaf.
pub fn perturbed_network(s: &Session, at: &LayerVectors, v: &[f64], t: f64, device: &Device) -> Network {
    let mut values: Vec<Vec<f64>> = init_values(&s.program, s.protocol.init, s.seed)
        .into_iter()
        .map(|p| p.into_iter().map(f64::from).collect())
        .collect();
    for (&id, w) in at.ids.iter().zip(at.offsets.windows(2)) {
        values[id] = (w[0]..w[1]).map(|i| at.weights[i] + t * v[i]).collect();
    }
    let params = values
        .into_iter()
        .map(|p| {
            let n = p.len();
            Tensor::<1>::from_data(TensorData::new(p, [n]), (device, DType::F64)).detach().require_grad()
        })
        .collect();
    Network { program: s.program.clone(), params }
}
