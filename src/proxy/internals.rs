//! What three proxies look at, for one cell: NWOT's kernel matrix, jacob_cov's Jacobian
//! correlation matrix and synflow's per-layer contributions. The Learn page draws them; they come
//! from the very functions the proxies score (`nwot::kernel`, `jacob_cov::correlation`,
//! `synflow::log10_per_layer`), so what is shown is what is scored.

use burn::tensor::Device;
use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

use crate::proxy::batch::{ImagePool, draw_batches};
use crate::proxy::error::ProxyError;
use crate::proxy::protocol::Protocol;
use crate::proxy::session::Session;
use crate::proxy::{jacob_cov, nwot, synflow};
use crate::space::Arch;

/// A square matrix, row-major (plain data, so it crosses the worker boundary as JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Square {
    /// Rows (= columns).
    pub n: usize,
    /// `n × n` values, row after row.
    pub values: Vec<f64>,
}

impl Square {
    /// From an nalgebra matrix.
    pub fn of(m: &DMatrix<f64>) -> Square {
        let n = m.nrows();
        Square { n, values: (0..n).flat_map(|i| (0..n).map(move |j| m[(i, j)])).collect() }
    }

    /// Entry (i, j).
    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.values[i * self.n + j]
    }
}

/// NWOT's kernel K (B×B; K(i, j) = ReLU units on which samples i and j agree) and its score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NwotView {
    /// K.
    pub kernel: Square,
    /// ln |det K| (the nwot score), or why it is undefined (a singular K).
    pub score: Result<f64, String>,
}

/// jacob_cov's correlation matrix of the input-Jacobian rows (B×B) and its score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JacobView {
    /// C, entries in [−1, 1], diagonal 1.
    pub correlation: Square,
    /// The jacob_cov score.
    pub score: f64,
}

/// One conv/linear layer's share of synflow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SynflowLayer {
    /// The layer's parameter name without `.weight`, e.g. `cells.0.edge_0_1.conv`.
    pub name: String,
    /// log10 Σ |W ⊙ ∂R/∂W| over its weights; `None` when it contributes nothing.
    pub log10: Option<f64>,
}

/// Synflow's per-layer contributions and their total (the synflow score, as log10).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SynflowView {
    /// Every conv/linear layer, in network order.
    pub layers: Vec<SynflowLayer>,
    /// log10 of the synflow score; `None` for a network whose output ignores its input.
    pub log10_total: Option<f64>,
}

/// The three views; each may fail on its own (e.g. jacob_cov on a cell that ignores its input).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Internals {
    /// NWOT's kernel.
    pub nwot: Result<NwotView, String>,
    /// jacob_cov's correlation matrix.
    pub jacob_cov: Result<JacobView, String>,
    /// Synflow's per-layer contributions.
    pub synflow: Result<SynflowView, String>,
}

/// The internals of `arch` under `protocol` (its first seed, as the first repeat of a score) on
/// `device`; real input needs the dataset's `pool`.
pub async fn internals(
    arch: Arch,
    protocol: &Protocol,
    device: &Device,
    pool: Option<&ImagePool>,
) -> Result<Internals, ProxyError> {
    let batches = draw_batches(protocol, protocol.seed, pool)?;
    let s = Session::new(arch, protocol.clone(), protocol.seed, device.clone(), batches)?;
    Ok(internals_of(&s).await)
}

/// The internals of a session's network.
pub async fn internals_of(s: &Session) -> Internals {
    let text = |e: ProxyError| e.to_string();
    Internals {
        nwot: nwot_view(s).await.map_err(text),
        jacob_cov: jacob_view(s).await.map_err(text),
        synflow: synflow_view(s).await.map_err(text),
    }
}

/// NWOT's kernel and score.
pub async fn nwot_view(s: &Session) -> Result<NwotView, ProxyError> {
    let k = nwot::kernel(s).await?;
    Ok(NwotView { kernel: Square::of(&k), score: nwot::score_of_kernel(&k).map_err(|e| e.to_string()) })
}

/// jacob_cov's correlation matrix and score.
pub async fn jacob_view(s: &Session) -> Result<JacobView, ProxyError> {
    let c = jacob_cov::correlation(s).await?;
    let score = jacob_cov::score_of_correlation(&c);
    if !score.is_finite() {
        return Err(ProxyError::NonFinite(score));
    }
    Ok(JacobView { correlation: Square::of(&c), score })
}

/// Synflow's per-layer contributions, named after the program's parameters.
pub async fn synflow_view(s: &Session) -> Result<SynflowView, ProxyError> {
    let lin = s.linearized().await?;
    let per_layer = synflow::log10_per_layer(&lin);
    let log10_total = synflow::log10_total(&per_layer);
    if let Some(bad) = log10_total.filter(|l| !l.is_finite()) {
        return Err(ProxyError::NonFinite(bad));
    }
    let layers = lin
        .layers
        .ids
        .iter()
        .zip(per_layer)
        .map(|(&id, log10)| {
            let name = &s.program.params[id].name;
            SynflowLayer { name: name.strip_suffix(".weight").unwrap_or(name).to_string(), log10 }
        })
        .collect();
    Ok(SynflowView { layers, log10_total })
}

#[cfg(all(test, not(target_arch = "wasm32")))] // pollster is native-only
mod tests {
    use super::*;
    use crate::net::forward::{Capture, ForwardOptions};
    use crate::proxy::{InputKind, ProxyKind};
    use crate::space::nb201::Cell;

    fn session(batch: usize) -> Session {
        let protocol = Protocol { batch_size: batch, input: InputKind::Gaussian, ..Protocol::default() };
        let batches = draw_batches(&protocol, protocol.seed, None).expect("batches");
        Session::new(Arch::Nb201(Cell::example()), protocol, 0, Device::flex(), batches).expect("session")
    }

    fn score(kind: ProxyKind, s: &Session) -> f64 {
        pollster::block_on(kind.compute(s)).expect("score").value
    }

    #[test]
    fn nwot_kernel_is_symmetric_counts_relu_units_and_gives_the_score() {
        let s = session(8);
        let view = pollster::block_on(nwot_view(&s)).expect("nwot view");
        let net = s.network(&s.device);
        let capture = Capture { relu_inputs: true, ..Default::default() };
        let out =
            net.forward(s.input(0, &s.device), &ForwardOptions { bn: s.protocol.bn, capture, ..Default::default() });
        let units: usize = out.expect("forward").relu_inputs.iter().map(|v| v.per_sample()).sum();
        let k = &view.kernel;
        assert_eq!(k.n, 8);
        for i in 0..k.n {
            assert_eq!(k.at(i, i), units as f64, "every unit agrees with itself");
            for j in 0..k.n {
                assert_eq!(k.at(i, j), k.at(j, i));
            }
        }
        assert_eq!(view.score, Ok(score(ProxyKind::Nwot, &s)));
    }

    #[test]
    fn jacob_correlation_has_unit_diagonal_and_gives_the_score() {
        let s = session(8);
        let view = pollster::block_on(jacob_view(&s)).expect("jacob view");
        let c = &view.correlation;
        assert_eq!(c.n, 8);
        for i in 0..c.n {
            assert!((c.at(i, i) - 1.0).abs() < 1e-12);
            for j in 0..c.n {
                assert!(c.at(i, j).abs() <= 1.0 + 1e-12 && (c.at(i, j) - c.at(j, i)).abs() < 1e-12);
            }
        }
        assert_eq!(view.score, score(ProxyKind::JacobCov, &s));
    }

    #[test]
    fn synflow_layers_sum_to_the_score() {
        let s = session(8);
        let view = pollster::block_on(synflow_view(&s)).expect("synflow view");
        assert_eq!(view.layers.len(), s.program.weight_ids().len());
        assert!(view.layers.iter().all(|l| !l.name.ends_with(".weight") && l.log10.is_some_and(f64::is_finite)));
        let total: f64 = view.layers.iter().map(|l| 10f64.powf(l.log10.expect("finite"))).sum();
        let proxy = pollster::block_on(ProxyKind::Synflow.compute(&s)).expect("synflow");
        assert_eq!(view.log10_total, proxy.log10);
        assert!((total.log10() - proxy.log10.expect("log10")).abs() < 1e-9, "Σ 10^layer = the score");
    }

    #[test]
    fn internals_round_trip_through_json() {
        let all = pollster::block_on(internals(
            Arch::Nb201(Cell::example()),
            &Protocol { batch_size: 4, input: InputKind::Gaussian, ..Protocol::default() },
            &Device::flex(),
            None,
        ))
        .expect("internals");
        assert!(all.nwot.is_ok() && all.jacob_cov.is_ok() && all.synflow.is_ok());
        let text = serde_json::to_string(&all).expect("json");
        let back: Internals = serde_json::from_str(&text).expect("parse");
        // JSON keeps f64 to the last bit or one ulp; compare the structure and the values closely.
        let close = |a: &Square, b: &Square| {
            a.n == b.n && a.values.iter().zip(&b.values).all(|(x, y)| (x - y).abs() <= 1e-12 * x.abs().max(1.0))
        };
        assert!(close(&all.nwot.as_ref().unwrap().kernel, &back.nwot.as_ref().unwrap().kernel));
        assert!(close(&all.jacob_cov.as_ref().unwrap().correlation, &back.jacob_cov.as_ref().unwrap().correlation));
        assert_eq!(all.synflow.as_ref().unwrap().layers.len(), back.synflow.as_ref().unwrap().layers.len());
    }
}
