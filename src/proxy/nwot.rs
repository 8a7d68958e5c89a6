//! `nwot` (NASWOT): log|det K| with K = Σ_ReLUs [c cᵀ + (1−c)(1−c)ᵀ], c the binary codes of each
//! ReLU's input over the batch: networks whose samples produce distinct codes score higher.
//! Mellor et al., "Neural Architecture Search without Training", ICML 2021.

use nalgebra::DMatrix;

use crate::proxy::prelude::*;
use crate::proxy::shared::linalg::{log_abs_det, square};
use crate::proxy::shared::relu_codes::agreement_kernel;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "nwot",
    kind: 'F',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::DATA,
    paper: "Mellor et al., Neural Architecture Search without Training, ICML 2021",
    summary: "How differently the network's ReLUs switch for different images: distinguishable inputs are easier to learn.",
};

/// One forward pass capturing every ReLU input; the B×B kernel is built on the device.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    Score::new(score_of_kernel(&kernel(s).await?)?)
}

/// K = Σ_ReLUs [c cᵀ + (1−c)(1−c)ᵀ] on batch 0 (B×B, f64): entry (i, j) counts the ReLU units
/// on which samples i and j agree. What [`compute`] scores and the Learn page draws.
pub async fn kernel(s: &Session) -> Result<DMatrix<f64>, ProxyError> {
    let out = s.forward_with_relu_inputs(s.input(0, &s.device))?;
    let (k, b) = agreement_kernel(&out.relu_inputs).await?;
    square(&k, b)
}

/// The score of a kernel: ln |det K| (an error when K is singular).
pub fn score_of_kernel(k: &DMatrix<f64>) -> Result<f64, ProxyError> {
    log_abs_det(k)
}
