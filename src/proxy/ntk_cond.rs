//! `ntk_cond`: condition number κ = λ_max / λ_min of the empirical NTK Θ = J Jᵀ on the batch,
//! J's row i = ∂(Σ_c f_c(x_i))/∂θ over the conv and linear weights. **Lower is better.**
//! Chen et al., "Neural Architecture Search on ImageNet in Four GPU Hours: A Theoretically
//! Inspired Perspective" (TE-NAS), ICLR 2021.
//!
//! Choices: as TE-NAS, the whole batch is forwarded in train mode (BN batch statistics) and
//! row i's logit sum is backpropagated: one full-batch forward, then one full-batch backward per
//! sample through the kept graph (PyTorch's `retain_graph`; patched into burn-autodiff,
//! `vendor/burn-autodiff/PATCHED.md`), about B × ⅔ the cost of one gradient. [`kappa`] with
//! [`Forward::Alone`] is the cheap option (B one-sample passes, BN statistics per sample).
//! θ = conv and linear weights only (PROXIES.md §1; TE-NAS's code also includes BN γ, whose
//! names contain "weight"). Θ is computed on the host once every row is in (Θ_ij = g_i·g_j, dot
//! products in f64, [`gram`]). Memory: the rows are kept as f32, exactly the precision the device
//! computed them in: B × weights × 4 bytes (at most ≈ 64 × 1.5 M × 4 ≈ 0.4 GB for the largest
//! NB201 cell at B = 64). A Θ whose smallest eigenvalue is ≤ 0 (rank deficient, e.g. a network
//! whose output ignores its input) has no finite κ: reported as undefined.

use crate::proxy::prelude::*;
use crate::proxy::shared::linalg::{gram, square, symmetric_eigenvalues};
use crate::proxy::shared::per_sample::{Forward, Objective, per_sample_gradients};

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "ntk_cond",
    kind: 'P',
    orientation: Orientation::LowerIsBetter,
    needs: Needs::PER_SAMPLE,
    paper: "Chen et al., Neural Architecture Search on ImageNet in Four GPU Hours (TE-NAS), ICLR 2021",
    summary: "The condition number of the neural tangent kernel: well-conditioned networks train faster.",
};

/// TE-NAS's protocol: full-batch forwards ([`Forward::Batch`]); shared with te_nas through the
/// session.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    Score::new(s.ntk_kappa().await?)
}

/// κ of the NTK with each sample forwarded as `forward` says.
pub async fn kappa(s: &Session, forward: Forward) -> Result<f64, ProxyError> {
    let n = s.batches[0].len();
    let mut rows: Vec<Vec<f32>> = Vec::with_capacity(n);
    per_sample_gradients(s, forward, Objective::LogitSum, |_, g| {
        // The device computed g in f32, so storing it as f32 loses nothing.
        rows.push(g.iter().map(|&x| x as f32).collect());
    })
    .await?;
    let e = symmetric_eigenvalues(&square(&gram(&rows), n)?);
    let (min, max) = (e[0], e[e.len() - 1]);
    if min.is_nan() || min <= 0.0 {
        return Err(ProxyError::Undefined(format!("the NTK is singular (λ_min = {min:e})")));
    }
    Ok(max / min)
}
