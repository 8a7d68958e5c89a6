//! `nwot` (NASWOT): log|det K| with K = Σ_ReLUs [c cᵀ + (1−c)(1−c)ᵀ], c the binary codes of each
//! ReLU's input over the batch: networks whose samples produce distinct codes score higher.
//! Mellor et al., "Neural Architecture Search without Training", ICML 2021.

use crate::net::forward::{Capture, ForwardOptions};
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
    let net = s.network(&s.device);
    let options = ForwardOptions {
        bn: s.protocol.bn,
        capture: Capture { relu_inputs: true, ..Default::default() },
        ..Default::default()
    };
    let out = net.forward(s.input(0, &s.device), &options)?;
    let (k, b) = agreement_kernel(&out.relu_inputs).await?;
    Score::new(log_abs_det(&square(&k, b)?)?)
}
