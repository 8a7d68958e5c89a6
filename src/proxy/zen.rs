//! `zen` (Zen-score): under a Gaussian re-initialisation N(0, 1), with x, ε ~ N(0, I),
//! Δ = mean_batch ‖f(x) − f(x + 0.01 ε)‖₁ on the pre-pool feature map, and
//! score = ln Δ + Σ_BN ln √(mean_channels running σ²).
//! Lin et al., "Zen-NAS: A Zero-Shot NAS for High-Performance Image Recognition", ICCV 2021.
//!
//! Choices, following the official `compute_zen_score.py`: weights N(0, 1) (BN γ = 1, β = 0)
//! whatever the protocol's init; BN in train mode (batch statistics) for both forwards; the
//! inputs are Gaussian noise drawn from the seed's own stream (never the protocol's images),
//! `protocol.batch_size` samples; the variance term reads each BN's PyTorch `running_var` after
//! the two forwards, i.e. the momentum-0.1 update from its initial 1 with the *unbiased* batch
//! variances v₁ (of f(x)) and v₂ (of f(x + 0.01 ε)): running = 0.81 + 0.09·v₁ + 0.1·v₂
//! per channel, v = n/(n−1) × the biased variance the forward computes, n = batch × h × w.
//! Natural logarithms, as `torch.log`. One repeat; `protocol.repeats` averages over seeds.
//! BNs the network does not run (dead edges) keep running σ² = 1 and add ln 1 = 0, as in
//! PyTorch. The protocol's BN mode is ignored: Zen prescribes train mode.

use burn::tensor::Tensor;

use crate::net::forward::Network;
use crate::net::forward::{BnMode, Capture, ForwardOptions};
use crate::net::init::InitScheme;
use crate::net::program::Step;
use crate::proxy::batch::InputBatch;
use crate::proxy::prelude::*;
use crate::proxy::session::input_tensor;
use crate::proxy::shared::read::read_f64;
use crate::rng::Rng;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "zen",
    kind: 'F',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::NONE,
    paper: "Lin et al., Zen-NAS: A Zero-Shot NAS for High-Performance Image Recognition, ICCV 2021",
    summary: "How strongly the Gaussian-initialised network amplifies a small input perturbation, BN scaling included.",
};

/// Mixup coefficient of the perturbation (`mixup_gamma` in the official code).
pub const MIXUP_GAMMA: f32 = 1e-2;

/// Two forwards, one read-back of Δ and every BN's batch variances.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let res = s.program.input_chw[1];
    let n = s.protocol.batch_size;
    let classes = s.protocol.dataset.classes();
    let mut rng = Rng::derive(s.seed, "zen");
    let x = InputBatch::gaussian(n, res, classes, &mut rng);
    let eps = InputBatch::gaussian(n, res, classes, &mut rng);
    let mixed = InputBatch {
        pixels: x.pixels.iter().zip(&eps.pixels).map(|(a, b)| a + MIXUP_GAMMA * b).collect(),
        ..x.clone()
    };
    let net = Network::new(s.program.clone(), InitScheme::Gaussian, s.seed, &s.device);
    let options = ForwardOptions {
        bn: BnMode::Batch,
        capture: Capture { bn_variances: true, ..Default::default() },
        ..Default::default()
    };
    let a = net.forward(input_tensor(&x, &s.device), &options)?;
    let b = net.forward(input_tensor(&mixed, &s.device), &options)?;
    // Δ = mean over samples of Σ_{c,h,w} |f(x) − f(x')|.
    let delta = (a.features - b.features).abs().sum().div_scalar(n as f64);
    let bn_count = a.bn_variances.len();
    let mut parts: Vec<Tensor<1>> = vec![delta];
    parts.extend(a.bn_variances);
    parts.extend(b.bn_variances);
    let values = read_f64(Tensor::cat(parts, 0)).await?;
    let delta = values[0];

    // Elements per channel of each BN's input, in execution order.
    let shapes = s.program.shapes(n);
    let per_channel: Vec<(usize, usize)> = s
        .program
        .steps
        .iter()
        .filter_map(|step| match step {
            Step::BatchNorm { x, .. } => {
                let sh = &shapes[*x];
                Some((sh[1], sh[0] * sh[2..].iter().product::<usize>()))
            }
            _ => None,
        })
        .collect();
    if per_channel.len() != bn_count {
        return Err(ProxyError::Undefined(format!("{bn_count} BN variances for {} BN steps", per_channel.len())));
    }
    let total_channels: usize = per_channel.iter().map(|&(c, _)| c).sum();
    let (va, vb) = values[1..].split_at(total_channels);
    let mut log_bn = 0.0;
    let mut offset = 0;
    for &(c, count) in &per_channel {
        let unbiased = if count > 1 { count as f64 / (count as f64 - 1.0) } else { 1.0 };
        let mean_running: f64 =
            (0..c).map(|k| 0.81 + 0.09 * unbiased * va[offset + k] + 0.1 * unbiased * vb[offset + k]).sum::<f64>()
                / c as f64;
        log_bn += 0.5 * mean_running.ln();
        offset += c;
    }
    Score::new(delta.ln() + log_bn)
}
