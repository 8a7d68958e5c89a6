//! `gradsign`: Σ_k |Σ_i sign(∂L(x_i, y_i)/∂θ_k)| over per-sample gradients of the conv and
//! linear weights: networks whose samples pull each weight the same way score higher.
//! Zhang & Jia, "GradSign: Model Performance Inference with Theoretical Insights", ICLR 2022.
//!
//! Choices: as the official code, each sample is forwarded alone (a batch of one, BN in train
//! mode, so BN normalises with that sample's own spatial statistics) and the loss is that
//! sample's cross-entropy; sign(0) = 0 as `torch.sign`; weights = conv and linear weights (the
//! code's `Conv2d`/`Linear` `.weight`). Cost: B forward+backward passes of one sample, shared
//! with knas ([`PerSampleLossSums`](crate::proxy::shared::per_sample::PerSampleLossSums)).

use crate::proxy::prelude::*;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "gradsign",
    kind: 'P',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::PER_SAMPLE_LOSS,
    paper: "Zhang & Jia, GradSign: Model Performance Inference with Theoretical Insights, ICLR 2022",
    summary: "How consistently different samples' gradients agree in sign, weight by weight.",
};

/// Σ_k |Σ_i sign(g_ik)| from the session's per-sample sums (shared with knas).
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let sums = s.per_sample_loss_sums().await?;
    Score::new(sums.signs.iter().map(|x| x.abs()).sum())
}
