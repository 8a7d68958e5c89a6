//! Synflow's linearised network (Tanaka et al., NeurIPS 2020): BatchNorm removed, every
//! parameter replaced by |θ|, one all-ones input, R = Σ logits. Shared by synflow and logsynflow.
//!
//! R reaches 1e60, beyond f32. Every cut of the macro graph is divided by its own maximum during
//! the forward pass; because every path crosses every cut and the linearised network is
//! positively homogeneous, each weight's ∂R/∂W is then divided by the same factor S = Π scales
//! (the classifier bias enters R but not ∂R/∂W). The host multiplies S back in f64 and keeps
//! log10 S, so the result is finite on WebGPU (f32) and exact up to rounding.

use burn::tensor::{DType, Tensor};

use crate::net::forward::{BnMode, ForwardOptions, Network};
use crate::net::init::init_values;
use crate::proxy::error::ProxyError;
use crate::proxy::session::Session;
use crate::proxy::shared::layers::{LayerVectors, collect};
use crate::proxy::shared::read::read_f64;

/// |W| and the rescaled ∂R/∂W of every conv/linear weight, and log10 of the factor S with which
/// the true gradient is `S × grads`.
#[derive(Clone, Debug, PartialEq)]
pub struct Linearized {
    /// Weights (|W|) and rescaled gradients.
    pub layers: LayerVectors,
    /// log10 S.
    pub log10_scale: f64,
}

/// Runs the linearised forward and backward once (f64 where the device supports it).
pub async fn linearized(s: &Session) -> Result<Linearized, ProxyError> {
    let device = s.autodiff_device();
    let dtype = if s.device.supports_dtype(DType::F64) { DType::F64 } else { DType::F32 };
    let values: Vec<Vec<f32>> = init_values(&s.program, s.protocol.init, s.seed)
        .into_iter()
        .map(|v| v.into_iter().map(f32::abs).collect())
        .collect();
    let net = Network::from_values_as(s.program.clone(), values, &device, dtype).tracked(&device);
    let [c, h, w] = s.program.input_chw;
    let ones = Tensor::<4>::ones([1, c, h, w], (&device, dtype));
    let options = ForwardOptions { bn: BnMode::Identity, rescale_cuts: true, ..Default::default() };
    let out = net.forward(ones, &options)?;
    let grads = out.logits.sum().backward();
    let mut log10_scale = 0.0;
    if !out.cut_scales.is_empty() {
        for scale in read_f64(Tensor::cat(out.cut_scales, 0)).await? {
            log10_scale += scale.log10();
        }
    }
    let layers = collect(&net, &s.program.weight_ids(), |id| net.params[id].grad(&grads)).await?;
    Ok(Linearized { layers, log10_scale })
}

impl Linearized {
    /// Σ f(|W|, ∂R/∂W) with the true gradient (`S × rescaled`), in f64.
    pub fn sum_true(&self, f: impl Fn(f64, f64) -> f64) -> f64 {
        let scale = 10f64.powf(self.log10_scale);
        self.layers.sum_per_weight(|w, g| f(w, g * scale))
    }
}
