//! Per-sample gradients, one sample at a time: the loop gradsign, knas and ntk_cond share.
//! gradsign and knas read the same gradients (each sample's loss, the sample alone), so one
//! loop feeds both through [`PerSampleLossSums`], memoised in the session.
//!
//! For every sample i of batch 0 the network's conv and linear weights get a fresh gradient of
//! a scalar chosen by the caller; the host vector (f64, all weights concatenated in
//! [`Program::weight_ids`](crate::net::program::Program::weight_ids) order, one transfer) is
//! handed to a visitor and dropped, so memory stays O(params), never O(B·params).
//!
//! [`Forward::Alone`] costs B forwards of one sample and B backwards. [`Forward::Batch`] costs
//! one forward of the whole batch and B whole-batch backwards, as PyTorch's `retain_graph=True`
//! does: upstream burn consumes the graph in every backward, so the B backwards go through the
//! patched burn-autodiff's [`retain_graph`] (`vendor/burn-autodiff/PATCHED.md`), all but the
//! last, which frees the graph.

use burn::tensor::Tensor;
use burn_autodiff::retain_graph;

use crate::net::forward::{ForwardOptions, Network};
use crate::proxy::error::ProxyError;
use crate::proxy::session::{Session, input_tensor};
use crate::proxy::shared::loss::{cross_entropy, one_hot};
use crate::proxy::shared::read::read_f64;

/// How sample i reaches the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forward {
    /// Sample i alone, a batch of one (GradSign's code): BN uses that sample's own statistics.
    Alone,
    /// The whole batch, so that BN uses batch statistics (TE-NAS's NTK); only row i's output
    /// is backpropagated.
    Batch,
}

/// The scalar whose gradient is taken for sample i.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Objective {
    /// Cross-entropy of sample i against its label.
    Loss,
    /// Sum of sample i's logits (the NTK's Jacobian row, TE-NAS).
    LogitSum,
}

/// Calls `visit(i, g_i)` for every sample i of batch 0, with g_i the gradient of `objective`
/// for that sample with respect to all conv and linear weights. BN follows the protocol.
pub async fn per_sample_gradients(
    s: &Session,
    forward: Forward,
    objective: Objective,
    mut visit: impl FnMut(usize, &[f64]),
) -> Result<(), ProxyError> {
    let device = s.autodiff_device();
    let base: Network = s.network(&device);
    let ids = s.program.weight_ids();
    let batch = &s.batches[0];
    let classes = s.protocol.dataset.classes();
    let options = ForwardOptions { bn: s.protocol.bn, ..Default::default() };
    let n = batch.len();
    // The network and its logits for `input`, on freshly tracked weights.
    let pass = |input| -> Result<(Network, Tensor<2>), ProxyError> {
        let net = base.tracked(&device);
        let logits = net.forward(input, &options)?.logits;
        Ok((net, logits))
    };
    // Forward::Batch: one pass whose graph every sample's backward walks.
    let batch_pass = match forward {
        Forward::Batch if n > 0 => Some(pass(input_tensor(batch, &device))?),
        _ => None,
    };
    for i in 0..n {
        let sample_pass;
        let ((net, logits), row) = match &batch_pass {
            Some(kept) => (kept, i),
            None => {
                sample_pass = pass(input_tensor(&batch.sample(i), &device))?;
                (&sample_pass, 0)
            }
        };
        let [_, k] = logits.dims();
        let row_logits = logits.clone().slice([row..row + 1, 0..k]);
        let scalar: Tensor<1> = match objective {
            Objective::Loss => cross_entropy(row_logits, one_hot(&batch.labels[i..i + 1], classes, &device)),
            Objective::LogitSum => row_logits.sum(),
        };
        // The batch's graph serves every sample: keep it for all but the last backward.
        let grads =
            if batch_pass.is_some() && i + 1 < n { retain_graph(|| scalar.backward()) } else { scalar.backward() };
        let parts: Vec<Tensor<1>> = ids
            .iter()
            .map(|&id| {
                let w = &net.params[id];
                w.grad(&grads).unwrap_or_else(|| Tensor::zeros([w.dims()[0]], &s.device))
            })
            .collect();
        if parts.is_empty() {
            return Err(ProxyError::Undefined("the network has no conv or linear weight".into()));
        }
        let g = read_f64(Tensor::cat(parts, 0)).await?;
        visit(i, &g);
    }
    Ok(())
}

/// Running sums over the per-sample loss gradients g_i (each sample forwarded alone, BN per the
/// protocol): everything gradsign and knas need, from one loop of B passes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PerSampleLossSums {
    /// Σ_i sign(g_i), weight by weight (`torch.sign`: sign(0) = 0; NaN propagates).
    pub signs: Vec<f64>,
    /// Σ_i g_i, weight by weight.
    pub grads: Vec<f64>,
    /// Samples summed.
    pub samples: usize,
}

/// One loop over batch 0 summing each sample's loss gradient and its signs
/// (use [`Session::per_sample_loss_sums`], which computes it once per session).
pub async fn per_sample_loss_sums(s: &Session) -> Result<PerSampleLossSums, ProxyError> {
    let mut sums = PerSampleLossSums::default();
    per_sample_gradients(s, Forward::Alone, Objective::Loss, |_, g| {
        if sums.grads.is_empty() {
            sums.signs = vec![0.0; g.len()];
            sums.grads = vec![0.0; g.len()];
        }
        for ((sign_sum, grad_sum), &x) in sums.signs.iter_mut().zip(sums.grads.iter_mut()).zip(g) {
            *sign_sum += sign(x);
            *grad_sum += x;
        }
        sums.samples += 1;
    })
    .await?;
    Ok(sums)
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
