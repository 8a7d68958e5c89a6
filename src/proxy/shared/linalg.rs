//! Small dense linear algebra on the host (f64, nalgebra): the B×B matrices proxies build
//! (NWOT kernels, Jacobian correlations, NTKs) are at most 256×256.

use nalgebra::DMatrix;

use crate::proxy::error::ProxyError;

/// A square matrix from row-major values.
pub fn square(values: &[f64], n: usize) -> Result<DMatrix<f64>, ProxyError> {
    if values.len() != n * n {
        return Err(ProxyError::Undefined(format!("expected {n}×{n} values, got {}", values.len())));
    }
    Ok(DMatrix::from_row_slice(n, n, values))
}

/// Eigenvalues of a symmetric matrix, ascending.
pub fn symmetric_eigenvalues(m: &DMatrix<f64>) -> Vec<f64> {
    let mut e: Vec<f64> = m.clone().symmetric_eigenvalues().iter().copied().collect();
    e.sort_by(f64::total_cmp);
    e
}

/// ln |det m| through LU; an error for a singular matrix (the log would be −∞).
pub fn log_abs_det(m: &DMatrix<f64>) -> Result<f64, ProxyError> {
    let lu = m.clone().lu();
    let u = lu.u();
    let mut sum = 0.0;
    for i in 0..u.nrows() {
        let d = u[(i, i)].abs();
        if d == 0.0 || !d.is_finite() {
            return Err(ProxyError::Undefined("singular matrix (log|det| = −∞)".into()));
        }
        sum += d.ln();
    }
    Ok(sum)
}

/// Pearson correlation matrix of the rows of a `rows × cols` row-major matrix. Rows with zero
/// variance give NaN entries (as numpy's `corrcoef`), which callers must treat as failures.
pub fn row_correlation(values: &[f64], rows: usize, cols: usize) -> DMatrix<f64> {
    let mut centred = DMatrix::from_row_slice(rows, cols, values);
    for mut row in centred.row_iter_mut() {
        let mean = row.mean();
        row.add_scalar_mut(-mean);
    }
    let cov = &centred * centred.transpose();
    let mut corr = cov.clone();
    for i in 0..rows {
        for j in 0..rows {
            corr[(i, j)] = cov[(i, j)] / (cov[(i, i)] * cov[(j, j)]).sqrt();
        }
    }
    corr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eigenvalues_log_det_and_correlation_on_known_matrices() {
        let m = square(&[2.0, 1.0, 1.0, 2.0], 2).unwrap();
        let e = symmetric_eigenvalues(&m);
        assert!((e[0] - 1.0).abs() < 1e-12 && (e[1] - 3.0).abs() < 1e-12);
        assert!((log_abs_det(&m).unwrap() - 3f64.ln()).abs() < 1e-12);
        assert!(log_abs_det(&square(&[1.0, 2.0, 2.0, 4.0], 2).unwrap()).is_err());
        let c = row_correlation(&[1.0, 2.0, 3.0, 3.0, 2.0, 1.0, 2.0, 4.0, 6.0], 3, 3);
        assert!((c[(0, 1)] + 1.0).abs() < 1e-12 && (c[(0, 2)] - 1.0).abs() < 1e-12);
        assert!(square(&[1.0], 2).is_err());
    }
}
