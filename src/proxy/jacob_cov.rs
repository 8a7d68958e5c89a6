//! `jacob_cov`: J = ∂(Σ logits)/∂x per sample (one backward, input as leaf); C = correlation
//! matrix of J's rows (B×B); score = −Σ_i [ln(λ_i + k) + 1/(λ_i + k)], λ the eigenvalues of C,
//! k = 1e-5. Mellor et al., "Neural Architecture Search without Training" (v1, 2020), as
//! zero-cost-nas `jacob_cov.py` computes it (`np.corrcoef`, eigenvalues, same k). The eigenvalues
//! come from a symmetric solver (numpy's `eig` on the same symmetric matrix gives the same
//! values up to rounding). A zero-variance row (the output ignores that sample) makes C NaN,
//! which is a failure (NonFinite), as numpy's NaN is in zero-cost-nas.

use nalgebra::DMatrix;

use crate::proxy::prelude::*;
use crate::proxy::shared::linalg::{row_correlation, symmetric_eigenvalues};

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "jacob_cov",
    kind: 'G',
    orientation: Orientation::HigherIsBetter,
    needs: Needs { gradients: true, ..Needs::DATA },
    paper: "Mellor et al., Neural Architecture Search without Training (v1), arXiv 2006.04647, 2020",
    summary: "How decorrelated the input gradients of different images are: networks that tell inputs apart score higher.",
};

/// The regulariser k of the score.
pub const K: f64 = 1e-5;

/// From the session's shared input Jacobian.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    Score::new(score_of_correlation(&correlation(s).await?))
}

/// C, the B×B correlation matrix of the rows of the session's input Jacobian: what
/// [`compute`] scores and the Learn page draws. Non-finite entries (a zero-variance row) are a
/// failure.
pub async fn correlation(s: &Session) -> Result<DMatrix<f64>, ProxyError> {
    let j = s.input_jacobian().await?;
    let c = row_correlation(&j.rows, j.samples, j.dims);
    if c.iter().any(|v| !v.is_finite()) {
        return Err(ProxyError::NonFinite(f64::NAN));
    }
    Ok(c)
}

/// The score of a correlation matrix, from its eigenvalues.
pub fn score_of_correlation(c: &DMatrix<f64>) -> f64 {
    score_of_eigenvalues(&symmetric_eigenvalues(c))
}

/// −Σ_i [ln(λ_i + k) + 1/(λ_i + k)] (NaN when some λ_i + k ≤ 0).
pub fn score_of_eigenvalues(eigenvalues: &[f64]) -> f64 {
    -eigenvalues.iter().map(|&l| (l + K).ln() + 1.0 / (l + K)).sum::<f64>()
}
