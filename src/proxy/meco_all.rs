//! `meco_all`: MeCo as its official code computes it. The code registers a forward hook on
//! every module (`net.named_modules()`), not only on conv and linear layers as the paper and
//! PROXIES.md describe, so the sum also runs over BN and ReLU outputs, pooling, skip
//! connections, cell and block outputs, and counts a tensor once per module that returns it
//! (a ReLUConvBN's BN output three times: the BN, its `nn.Sequential`, the ReLUConvBN).
//! Jiang et al., "MeCo: Zero-Shot NAS with One Data and Single Forward Pass via Minimum
//! Eigenvalue of Correlation", NeurIPS 2023; the module tree is MeCo's NB201 model
//! (`foresight/models/nasbench2`, from zero-cost-nas), recorded in
//! [`crate::net::program::Program::module_outputs`].
//!
//! Same sample, BN and NaN handling as [`crate::proxy::meco`]. Why it exists: `meco` (conv and
//! linear only) lands 0.05–0.08 below the published ρ on CIFAR-100 and ImageNet16-120; the
//! hooks' sum lands on them (docs/REPRODUCTION.md).

use std::collections::HashMap;

use crate::net::forward::{Capture, Value};
use crate::proxy::meco::{forward_one_sample, lambda_min_sum};
use crate::proxy::prelude::*;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "meco_all",
    kind: 'F',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::DATA,
    paper: "Jiang et al., MeCo: Zero-Shot NAS with One Data and Single Forward Pass via Minimum Eigenvalue of Correlation, NeurIPS 2023 (as the official code's hooks compute it)",
    summary: "MeCo summed over every module's output, as the official code does: BN, ReLU, pooling and cell outputs too.",
};

/// One forward of one sample capturing every module output; a tensor several modules return is
/// read once and counted as often.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let out = forward_one_sample(s, Capture { module_outputs: true, ..Default::default() })?;
    let mut first: HashMap<usize, usize> = HashMap::new();
    let mut values: Vec<(Value, usize)> = Vec::new();
    for (&slot, value) in s.program.module_outputs.iter().zip(out.module_outputs) {
        match first.get(&slot) {
            Some(&k) => values[k].1 += 1,
            None => {
                first.insert(slot, values.len());
                values.push((value, 1));
            }
        }
    }
    if values.is_empty() {
        return Err(ProxyError::Undefined("the network records no module outputs".into()));
    }
    lambda_min_sum(&values).await
}
