//! Weight initialisation schemes (PROXIES.md §1), drawn on the CPU from the project's seeded
//! RNG so the same seed gives bit-identical weights on every device and target.

use serde::{Deserialize, Serialize};

use crate::net::program::{ParamKind, ParamSpec, Program};
use crate::rng::Rng;

/// How conv and linear weights are drawn. Biases follow PyTorch (uniform ±1/√fan_in), BN γ = 1, β = 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InitScheme {
    /// PyTorch's default: kaiming-uniform with a = √5, i.e. U(±1/√fan_in).
    #[default]
    PytorchDefault,
    /// Kaiming-normal, fan-in mode, ReLU gain: N(0, 2/fan_in).
    KaimingNormalFanIn,
    /// Kaiming-normal, fan-out mode, ReLU gain: N(0, 2/fan_out).
    KaimingNormalFanOut,
    /// Xavier (Glorot) uniform: U(±√(6/(fan_in+fan_out))).
    XavierUniform,
    /// Standard normal N(0, 1) for weights (Zen-NAS re-initialises this way).
    Gaussian,
}

impl InitScheme {
    /// Every scheme, for menus and CLI help.
    pub const ALL: [InitScheme; 5] = [
        InitScheme::PytorchDefault,
        InitScheme::KaimingNormalFanIn,
        InitScheme::KaimingNormalFanOut,
        InitScheme::XavierUniform,
        InitScheme::Gaussian,
    ];

    /// Stable name used in URLs, CSV headers and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            InitScheme::PytorchDefault => "pytorch_default",
            InitScheme::KaimingNormalFanIn => "kaiming_normal_fan_in",
            InitScheme::KaimingNormalFanOut => "kaiming_normal_fan_out",
            InitScheme::XavierUniform => "xavier_uniform",
            InitScheme::Gaussian => "gaussian",
        }
    }

    /// Inverse of [`InitScheme::name`].
    pub fn from_name(name: &str) -> Option<InitScheme> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    fn draw_weight(self, spec: &ParamSpec, rng: &mut Rng) -> f32 {
        let fan_in = spec.fan_in.max(1) as f64;
        let fan_out = spec.fan_out.max(1) as f64;
        let x = match self {
            InitScheme::PytorchDefault => {
                let bound = 1.0 / fan_in.sqrt();
                rng.uniform(-bound, bound)
            }
            InitScheme::KaimingNormalFanIn => rng.normal() * (2.0 / fan_in).sqrt(),
            InitScheme::KaimingNormalFanOut => rng.normal() * (2.0 / fan_out).sqrt(),
            InitScheme::XavierUniform => {
                let bound = (6.0 / (fan_in + fan_out)).sqrt();
                rng.uniform(-bound, bound)
            }
            InitScheme::Gaussian => rng.normal(),
        };
        x as f32
    }
}

/// Initial values of every parameter of `program`, flattened, in parameter order.
pub fn init_values(program: &Program, scheme: InitScheme, seed: u64) -> Vec<Vec<f32>> {
    let mut rng = Rng::derive(seed, "init");
    program
        .params
        .iter()
        .map(|spec| {
            let n = spec.numel();
            match spec.kind {
                ParamKind::ConvWeight | ParamKind::LinearWeight => {
                    (0..n).map(|_| scheme.draw_weight(spec, &mut rng)).collect()
                }
                ParamKind::LinearBias => {
                    let bound = 1.0 / (spec.fan_in.max(1) as f64).sqrt();
                    (0..n).map(|_| rng.uniform(-bound, bound) as f32).collect()
                }
                ParamKind::BnGamma => vec![1.0; n],
                ParamKind::BnBeta => vec![0.0; n],
            }
        })
        .collect()
}
