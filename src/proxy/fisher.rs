//! `fisher`: at every conv/linear output z, per sample n and channel k, g_nk = Σ_spatial z ⊙ ∂L/∂z;
//! channel value ½·mean_n g_nk²; summed over channels and layers. Theis et al., "Faster gaze
//! prediction with dense networks and Fisher pruning", 2018; Turner et al., "BlockSwap", ICLR 2020;
//! as zero-cost-nas `fisher.py` (and NASLib) compute it: z is the output of every `nn.Conv2d` and
//! `nn.Linear` (the classifier included) taken through an identity "dummy" layer, the values are
//! the raw channel saliencies, `abs`, and the score is their sum *after* zero-cost-nas broadcasts
//! each channel's value to every weight of that channel (`reshape_elements` fills a tensor of
//! `weight.shape[1:]` with it) — so each channel counts fan-in times (c_in/groups · k², or the
//! classifier's in-features). We first summed the channel values alone: ρ with accuracy came out
//! 0.08–0.13 below the published values on all three datasets, cell-by-cell agreement with NASLib
//! 0.89; the fan-in factor is what the reference sum contains.
//!
//! ∂L/∂z is read as the gradient of a zero probe added to each layer's output; cross-entropy on
//! batch 0 under the protocol's BatchNorm mode. A layer whose output does not reach the loss
//! contributes 0.

use burn::tensor::Tensor;

use crate::net::forward::{Capture, ForwardOptions, Value};
use crate::net::program::Step;
use crate::proxy::prelude::*;
use crate::proxy::shared::loss::cross_entropy;
use crate::proxy::shared::read::read_f64;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "fisher",
    kind: 'G',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::LOSS_GRADIENT,
    paper: "Turner et al., BlockSwap: Fisher-guided Block Substitution for Network Compression on a Budget, ICLR 2020",
    summary: "How much the loss depends on each channel's activations (Fisher information), summed.",
};

/// One forward with a zero probe on every conv/linear output, one backward, one transfer.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let device = s.autodiff_device();
    let net = s.network(&device);
    let batch = s.batches[0].len();
    let shapes = s.program.shapes(batch);
    let mut probes = Vec::new();
    for step in &s.program.steps {
        if let Step::Conv { out, weight, .. } | Step::Linear { out, weight, .. } = step {
            let shape = &shapes[*out];
            let probe = match shape.len() {
                4 => Value::Map(Tensor::zeros([shape[0], shape[1], shape[2], shape[3]], &device).require_grad()),
                _ => Value::Flat(Tensor::zeros([shape[0], shape[1]], &device).require_grad()),
            };
            probes.push((*weight, probe));
        }
    }
    let options = ForwardOptions {
        bn: s.protocol.bn,
        capture: Capture { layer_outputs: true, ..Default::default() },
        probes: probes.clone(),
        ..Default::default()
    };
    let out = net.forward(s.input(0, &device), &options)?;
    let grads = cross_entropy(out.logits, s.targets(0, &device)).backward();
    let mut parts: Vec<Tensor<1>> = Vec::new();
    for (id, z) in &out.layer_outputs {
        let Some((_, probe)) = probes.iter().find(|(p, _)| p == id) else { continue };
        let g_nk: Tensor<2> = match (z, probe) {
            (Value::Map(z), Value::Map(p)) => {
                let Some(dz) = p.grad(&grads) else { continue };
                let [b, c, _, _] = dz.dims();
                (z.clone().inner() * dz).sum_dims(&[2, 3]).reshape([b, c])
            }
            (Value::Flat(z), Value::Flat(p)) => {
                let Some(dz) = p.grad(&grads) else { continue };
                z.clone().inner() * dz
            }
            _ => continue,
        };
        let c = g_nk.dims()[1];
        // Weights per output channel (zero-cost-nas broadcasts the channel value to each).
        let fan_in = s.program.params[*id].fan_in as f64;
        parts.push(g_nk.square().mean_dim(0).mul_scalar(0.5 * fan_in).reshape([c]));
    }
    if parts.is_empty() {
        return Score::new(0.0);
    }
    let values = read_f64(Tensor::cat(parts, 0)).await?;
    Score::new(values.iter().map(|v| v.abs()).sum())
}
