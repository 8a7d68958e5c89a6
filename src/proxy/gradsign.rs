//! `gradsign`: Σ_k |Σ_i sign(∂L(x_i, y_i)/∂θ_k)| over per-sample gradients of the conv and
//! linear weights: networks whose samples pull each weight the same way score higher.
//! Zhang & Jia, "GradSign: Model Performance Inference with Theoretical Insights", ICLR 2022.
//!
//! Choices: as the official code, each sample is forwarded alone (a batch of one, BN in train
//! mode, so BN normalises with that sample's own spatial statistics) and the loss is that
//! sample's cross-entropy; sign(0) = 0 as `torch.sign`; weights = conv and linear weights (the
//! code's `Conv2d`/`Linear` `.weight`). Cost: B forward+backward passes of one sample.

use crate::proxy::prelude::*;
use crate::proxy::shared::per_sample::{Forward, Objective, per_sample_gradients};

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "gradsign",
    kind: 'P',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::PER_SAMPLE_LOSS,
    paper: "Zhang & Jia, GradSign: Model Performance Inference with Theoretical Insights, ICLR 2022",
    summary: "How consistently different samples' gradients agree in sign, weight by weight.",
};

/// Running per-weight sums of signs, then Σ |·|.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let mut sums: Vec<f64> = Vec::new();
    per_sample_gradients(s, Forward::Alone, Objective::Loss, |_, g| {
        if sums.is_empty() {
            sums = vec![0.0; g.len()];
        }
        for (acc, &x) in sums.iter_mut().zip(g) {
            *acc += sign(x);
        }
    })
    .await?;
    Score::new(sums.iter().map(|x| x.abs()).sum())
}

/// `torch.sign`: −1, 0 or +1 (NaN propagates, so a NaN gradient gives a non-finite score).
fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else if x == 0.0 {
        0.0
    } else {
        f64::NAN
    }
}
