//! `grasp`: Σ −W ⊙ Hg over conv and linear weights, g = ∂L/∂W (detached), H the Hessian of the
//! cross-entropy loss on batch 0. Wang et al., "Picking Winning Tickets Before Training by
//! Preserving Gradient Flow", ICLR 2020; the sign and weight set follow zero-cost-nas
//! (`grasp.py`: per-weight `-theta * Hg` over `nn.Conv2d` and `nn.Linear` weights, summed), also
//! used by NASLib. Higher is better, as zero-cost-nas and NASLib rank it.
//!
//! Burn has no double backward, so Hg is a central finite difference of gradients along g
//! (`shared::hvp`): Hg ≈ (∇L(W + εg) − ∇L(W − εg)) / 2ε with ε = δ‖W‖/‖g‖, δ = 1e-9, in f64
//! (on Flex when the device lacks f64), with every ReLU's on/off pattern frozen at W. PyTorch's
//! exact double backward treats ReLU'' as 0, which is the frozen network's derivative; without
//! freezing, a step moves some of the ~10⁷ ReLU inputs of a batch-64 network across zero and the
//! kink, divided by 2ε, swamps the sum (our CIFAR-10 scores reached ±10⁷ where NASLib's are
//! ~10³, and ρ with accuracy fell to 0.14). Frozen, the estimate is flat to < 1e-6 for δ in
//! [1e-10, 1e-8], drifts by O(δ²) above, and agrees with an independent mixed second
//! difference of the loss (`tests/proxies_a.rs`). For every conv followed by batch-statistics
//! BN, W·(Hg) = −‖g‖² exactly (scale invariance), also tested: grasp is Σ ‖g_l‖² over those
//! layers minus the terms of the classifier and the two reduction shortcuts.
//! g is the session's shared loss gradient (batch 0, protocol BatchNorm mode, f32 on the
//! device); a zero g gives exactly 0.

use crate::proxy::prelude::*;
use crate::proxy::shared::hvp::hessian_vector_product;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "grasp",
    kind: 'H',
    orientation: Orientation::HigherIsBetter,
    needs: Needs { hessian: true, ..Needs::LOSS_GRADIENT },
    paper: "Wang et al., Picking Winning Tickets Before Training by Preserving Gradient Flow, ICLR 2020",
    summary: "How removing each weight would change the gradient flow (a Hessian-gradient product), summed.",
};

/// Two extra forward/backward passes (W ± εg) in f64.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let lv = s.loss_grads().await?;
    let hg = hessian_vector_product(s, &lv, &lv.grads).await?;
    Score::new(-lv.weights.iter().zip(&hg).map(|(w, h)| w * h).sum::<f64>())
}
