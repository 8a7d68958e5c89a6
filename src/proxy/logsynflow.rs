//! `logsynflow`: Σ |W ⊙ log(∂R/∂W + 1)| on synflow's linearised network, which tames the
//! gradient's dynamic range. Cavagnero et al., "FreeREA: Training-Free Evolution-based
//! Architecture Search", WACV 2023.

use crate::proxy::prelude::*;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "logsynflow",
    kind: 'G',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::DATA_FREE_GRADIENT,
    paper: "Cavagnero et al., FreeREA: Training-Free Evolution-based Architecture Search, WACV 2023",
    summary: "Synflow with the log of each gradient, so a few huge paths do not dominate.",
};

/// From the session's shared linearised gradients (true gradients rebuilt in f64).
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let lin = s.linearized().await?;
    Score::new(lin.sum_true(|w, g| (w * g.ln_1p()).abs()))
}
