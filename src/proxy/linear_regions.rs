//! `linear_regions`: the number of distinct ReLU activation patterns (binary codes of every
//! ReLU's input > 0, over the whole network) among a batch of random inputs: each distinct
//! pattern is a distinct linear region the inputs fall in.
//! Xiong et al., "On the Number of Linear Regions of Convolutional Neural Networks", ICML 2020;
//! counted as in TE-NAS (Chen et al., ICLR 2021).
//!
//! Choices: the inputs are always standard Gaussian noise (PROXIES.md: "random inputs"), drawn
//! from the seed's own stream (independent of the protocol's input kind, so real images are
//! never needed), `protocol.batch_size` of them at the dataset's resolution, through the full
//! network with the protocol's BN mode (train mode: batch statistics). TE-NAS itself feeds 1000
//! tiny 3×3 inputs to a modified network; with the benchmark network the count saturates at the
//! batch size for most cells, so the score is ≤ B and mainly separates degenerate cells.

use crate::proxy::batch::InputBatch;
use crate::proxy::prelude::*;
use crate::proxy::session::input_tensor;
use crate::proxy::shared::relu_codes::codes;
use crate::rng::Rng;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "linear_regions",
    kind: 'F',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::NONE,
    paper: "Xiong et al., On the Number of Linear Regions of CNNs, ICML 2020; Chen et al., TE-NAS, ICLR 2021",
    summary: "How many distinct ReLU on/off patterns random inputs produce: a measure of expressivity.",
};

/// The count, shared with te_nas through the session.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    Score::new(s.linear_regions().await?)
}

/// One forward of Gaussian noise capturing every ReLU input; distinct codes counted on the host.
pub async fn count(s: &Session) -> Result<f64, ProxyError> {
    let res = s.program.input_chw[1];
    let mut rng = Rng::derive(s.seed, "linear_regions");
    let batch = InputBatch::gaussian(s.protocol.batch_size, res, s.protocol.dataset.classes(), &mut rng);
    let out = s.forward_with_relu_inputs(input_tensor(&batch, &s.device))?;
    let mut patterns = codes(&out.relu_inputs).await?;
    patterns.sort_unstable();
    patterns.dedup();
    Ok(patterns.len() as f64)
}
