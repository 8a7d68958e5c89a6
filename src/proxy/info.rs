//! What the UI, the CLI and the tests need to know about a proxy besides its value.

/// Which way a proxy ranks networks. Correlations are reported with this sign, never as |ρ|.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    /// A larger score predicts a better network.
    HigherIsBetter,
    /// A smaller score predicts a better network (e.g. the NTK condition number).
    LowerIsBetter,
}

impl Orientation {
    /// +1 or −1: multiply a score by this to get "higher is better".
    pub fn sign(self) -> f64 {
        match self {
            Orientation::HigherIsBetter => 1.0,
            Orientation::LowerIsBetter => -1.0,
        }
    }
}

/// What computing a proxy requires.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    /// An input batch (real images or noise).
    pub data: bool,
    /// The batch's labels.
    pub labels: bool,
    /// One or a few backward passes.
    pub gradients: bool,
    /// One backward pass per sample.
    pub per_sample: bool,
    /// A Hessian-vector product.
    pub hessian: bool,
    /// Scores of the rest of the population (ranks within the evaluated set).
    pub population: bool,
}

impl Needs {
    /// Nothing: static proxies computed from the architecture alone.
    pub const NONE: Needs =
        Needs { data: false, labels: false, gradients: false, per_sample: false, hessian: false, population: false };
    /// An input batch, forward only.
    pub const DATA: Needs = Needs { data: true, ..Needs::NONE };
    /// The cross-entropy gradient on a labelled batch.
    pub const LOSS_GRADIENT: Needs = Needs { data: true, labels: true, gradients: true, ..Needs::NONE };
    /// A gradient that needs no data (synflow's all-ones input).
    pub const DATA_FREE_GRADIENT: Needs = Needs { gradients: true, ..Needs::NONE };
    /// One backward pass per sample of a labelled batch (gradsign, knas).
    pub const PER_SAMPLE_LOSS: Needs = Needs { per_sample: true, ..Needs::LOSS_GRADIENT };
    /// One backward pass per sample, labels unused (the NTK of the logits).
    pub const PER_SAMPLE: Needs = Needs { data: true, gradients: true, per_sample: true, ..Needs::NONE };
}

/// Static description of a proxy: one per file in `proxy/`.
#[derive(Clone, Copy, Debug)]
pub struct ProxyInfo {
    /// Stable name: CLI flag, CSV column, URL key.
    pub name: &'static str,
    /// PROXIES.md kind letter: S static, F forward, G gradient, P per-sample, H Hessian.
    pub kind: char,
    /// Which way it ranks.
    pub orientation: Orientation,
    /// What it needs.
    pub needs: Needs,
    /// The paper that introduced it.
    pub paper: &'static str,
    /// One sentence: what it measures.
    pub summary: &'static str,
}
