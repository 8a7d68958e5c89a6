//! The input Jacobian of the summed logits, J = ∂(Σ logits)/∂x, one row per sample: what
//! `jacob_cov` and `epe_nas` correlate. As zero-cost-nas and NASLib do, it is one backward pass
//! of Σ logits with the input batch as an autodiff leaf, under the protocol's BatchNorm mode (in
//! train mode the samples interact through the batch statistics, exactly as in the references).

use crate::net::forward::ForwardOptions;
use crate::proxy::error::ProxyError;
use crate::proxy::session::Session;
use crate::proxy::shared::read::read_f64;

/// J on the host, row-major `[samples, dims]` (dims = 3·res·res).
#[derive(Clone, Debug, PartialEq)]
pub struct InputJacobian {
    /// Rows of J, sample after sample.
    pub rows: Vec<f64>,
    /// Number of samples (rows).
    pub samples: usize,
    /// Elements per row.
    pub dims: usize,
}

impl InputJacobian {
    /// The rows of the samples in `which`, concatenated.
    pub fn select(&self, which: &[usize]) -> Vec<f64> {
        which.iter().flat_map(|&i| self.rows[i * self.dims..(i + 1) * self.dims].iter().copied()).collect()
    }
}

/// One forward and one backward on batch 0; one transfer. A network whose output ignores its
/// input gets an all-zero J (its correlations are then undefined and the proxies fail).
pub async fn input_jacobian(s: &Session) -> Result<InputJacobian, ProxyError> {
    let device = s.autodiff_device();
    let net = s.network(&device);
    let x = s.input(0, &device).require_grad();
    let [samples, c, h, w] = x.dims();
    let out = net.forward(x.clone(), &ForwardOptions { bn: s.protocol.bn, ..Default::default() })?;
    // `+ 0·Σx` keeps the graph rooted in the input leaf when the logits ignore it.
    let grads = (out.logits.sum() + x.clone().sum().mul_scalar(0.0)).backward();
    let dims = c * h * w;
    let rows = match x.grad(&grads) {
        Some(g) => read_f64(g).await?,
        None => vec![0.0; samples * dims],
    };
    Ok(InputJacobian { rows, samples, dims })
}
