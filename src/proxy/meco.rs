//! `meco`: for one sample, at every conv and linear output, the smallest eigenvalue of the C×C
//! Pearson correlation matrix of its channels (each channel's spatial map flattened); summed
//! over layers. Jiang et al., "MeCo: Zero-Shot NAS with One Data and Single Forward Pass via
//! Minimum Eigenvalue of Correlation", NeurIPS 2023.
//!
//! Choices: the sample is batch 0's first, forwarded alone (a batch of one: the paper's "one
//! data"), BN per the protocol (train mode: that sample's own statistics). As the official
//! hook, NaN/±∞ correlation entries (a constant channel, or a layer with one spatial position
//! such as the classifier) are set to 0 before the eigenvalues, so the classifier adds
//! λ_min(0) = 0. One read-back of all layer outputs.

use burn::tensor::Tensor;

use crate::net::forward::{Capture, Forward, ForwardOptions, Value};
use crate::proxy::prelude::*;
use crate::proxy::session::input_tensor;
use crate::proxy::shared::linalg::{row_correlation, symmetric_eigenvalues};
use crate::proxy::shared::read::read_f64;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "meco",
    kind: 'F',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::DATA,
    paper: "Jiang et al., MeCo: Zero-Shot NAS with One Data and Single Forward Pass via Minimum Eigenvalue of Correlation, NeurIPS 2023",
    summary: "How decorrelated each layer's channels are on a single image: the smallest eigenvalue of their correlation.",
};

/// One forward of one sample capturing every conv/linear output.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let capture = Capture { layer_outputs: true, ..Default::default() };
    let out = forward_one_sample(s, capture)?;
    let values: Vec<(Value, usize)> = out.layer_outputs.into_iter().map(|(_, v)| (v, 1)).collect();
    if values.is_empty() {
        return Err(ProxyError::Undefined("the network has no conv or linear layer".into()));
    }
    lambda_min_sum(&values).await
}

/// Batch 0's first sample forwarded alone, BN per the protocol, recording what `capture` asks.
pub fn forward_one_sample(s: &Session, capture: Capture) -> Result<Forward, ProxyError> {
    let net = s.network(&s.device);
    let options = ForwardOptions { bn: s.protocol.bn, capture, ..Default::default() };
    Ok(net.forward(input_tensor(&s.batches[0].sample(0), &s.device), &options)?)
}

/// Σ count · λ_min of each value's channel correlation matrix (a flat value has one position
/// per channel: every entry NaN, set to 0, so it adds 0). One read-back of all values.
pub async fn lambda_min_sum(values: &[(Value, usize)]) -> Result<Score, ProxyError> {
    // (channels, spatial) of each value, and its values flattened channel-major.
    let mut shapes = Vec::new();
    let mut parts: Vec<Tensor<1>> = Vec::new();
    for (v, count) in values {
        let (c, hw) = match v {
            Value::Map(t) => {
                let [_, c, h, w] = t.dims();
                (c, h * w)
            }
            Value::Flat(t) => (t.dims()[1], 1),
        };
        shapes.push((c, hw, *count as f64));
        parts.push(v.flatten().reshape([c * hw]));
    }
    if parts.is_empty() {
        return Score::new(0.0);
    }
    let values = read_f64(Tensor::cat(parts, 0)).await?;
    let mut total = 0.0;
    let mut offset = 0;
    for (c, hw, count) in shapes {
        let mut corr = row_correlation(&values[offset..offset + c * hw], c, hw);
        corr.iter_mut().filter(|x| !x.is_finite()).for_each(|x| *x = 0.0);
        total += count * symmetric_eigenvalues(&corr)[0];
        offset += c * hw;
    }
    Score::new(total)
}
