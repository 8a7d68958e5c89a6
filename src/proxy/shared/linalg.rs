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

/// Θ = G Gᵀ, row-major n × n, of n equally long f32 rows (the NTK's per-sample gradients), every
/// product and sum in f64 (f32 × f32 is exact in f64). Blocked over columns: each block of every
/// row stays in cache while all pairs use it, so the rows are read once, not once per row (for
/// NB201's 64 rows of up to 1.5 M weights that was 64 / 2 passes over 0.4 GB).
pub fn gram(rows: &[Vec<f32>]) -> Vec<f64> {
    /// Columns per block: 64 rows × 2048 × 4 bytes = 512 KiB.
    const BLOCK: usize = 2048;
    let n = rows.len();
    let len = rows.iter().map(Vec::len).min().unwrap_or(0);
    let mut theta = vec![0.0; n * n];
    for start in (0..len).step_by(BLOCK) {
        let end = (start + BLOCK).min(len);
        for (i, a) in rows.iter().enumerate() {
            for (j, b) in rows[..=i].iter().enumerate() {
                theta[i * n + j] += dot_f64(&a[start..end], &b[start..end]);
            }
        }
    }
    for i in 0..n {
        for j in 0..i {
            theta[j * n + i] = theta[i * n + j];
        }
    }
    theta
}

/// Σ a_k b_k in f64, in eight interleaved partial sums (which the compiler vectorises; one
/// running sum would wait on every addition).
fn dot_f64(a: &[f32], b: &[f32]) -> f64 {
    let mut lanes = [0.0f64; 8];
    let (ac, bc) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f64 = ac.remainder().iter().zip(bc.remainder()).map(|(&x, &y)| f64::from(x) * f64::from(y)).sum();
    for (x, y) in ac.zip(bc) {
        for l in 0..8 {
            lanes[l] += f64::from(x[l]) * f64::from(y[l]);
        }
    }
    lanes.iter().sum::<f64>() + tail
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

    #[test]
    fn gram_matches_plain_dot_products_across_blocks() {
        // Rows longer than one block, with a tail that is not a multiple of eight.
        let rows: Vec<Vec<f32>> = (0..5)
            .map(|i| (0..5003).map(|k| ((i * 7919 + k * 104_729) % 1000) as f32 / 997.0 - 0.5).collect())
            .collect();
        let theta = gram(&rows);
        for i in 0..5 {
            for j in 0..5 {
                let plain: f64 = rows[i].iter().zip(&rows[j]).map(|(&a, &b)| f64::from(a) * f64::from(b)).sum();
                assert!((theta[i * 5 + j] - plain).abs() <= 1e-12 * plain.abs().max(1.0), "{i},{j}");
            }
        }
        assert_eq!(theta[5 + 3], theta[3 * 5 + 1]);
        assert!(gram(&[]).is_empty());
    }
}
