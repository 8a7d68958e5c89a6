//! `az_nas`: four components ranked within the population and aggregated as Σ_m ln(rank_m / N)
//! (higher is better, at most 0). Lee & Ham, "AZ-NAS: Assembling Zero-Cost Proxies for Network
//! Architecture Search", CVPR 2024.
//!
//! The components, as the official code computes them on the features f_0 … f_L (for NB201 the
//! stem output and the output of each of the 17 cells and reduction blocks — the network's
//! cuts):
//! - **expressivity** E = Σ_l H_l, H_l the entropy of the normalised eigenvalues of f_l's channel
//!   covariance (channels × channels over batch × positions, centred);
//! - **progressivity** P = min_l (H_l − H_{l−1});
//! - **trainability** T = mean over l ≥ 1 of 2 − σ_l − 1/(σ_l + 10⁻⁶), σ_l the largest singular
//!   value of M_l = g_inᵀ g_out / (B·h·w), where g_out is a random ±1 tensor shaped like f_l and
//!   g_in = (∂f_l/∂f_{l−1})ᵀ g_out the vector-Jacobian product of block l alone; g_in is
//!   pixel-unshuffled to g_out's resolution where the block strides (which permutes rows of M_l
//!   and so leaves σ_l unchanged). A block that is exactly the identity (g_in = g_out) makes T
//!   −∞;
//! - **complexity** = the benchmark FLOPs ([`benchmark_flops`]).
//!
//! Choices: one forward of batch 0 on the autodiff device, BN per the protocol (train mode, as
//! the official `model.train()`), the protocol's init (AZ-NAS re-initialises with kaiming-normal
//! fan-in: `--init kaiming_normal_fan_in` gives that); every block's VJP from one backward, the
//! cuts being detached copies (see [`ForwardOptions::isolate_cuts`]); g_out drawn from the seed's
//! own stream. The official code's −∞ (an identity block; NaN for a feature map with no spread,
//! where AZ-NAS maps NaN to −∞) is stored as the finite [`RANKS_LAST`], which ranks last.
//! Negative covariance eigenvalues (rounding) count as 0.
//!
//! The per-network [`Score::value`] is the aggregate within a population of this one network
//! (always 0): the score means something only over a set of networks, which `zsnas score` ranks
//! when every cell is done (the components are stored per network for that).

use burn::tensor::{Tensor, TensorData};
use nalgebra::DMatrix;

use crate::net::cost::benchmark_flops;
use crate::net::forward::{Capture, ForwardOptions};
use crate::proxy::prelude::*;
use crate::proxy::shared::linalg::symmetric_eigenvalues;
use crate::proxy::shared::population::{Aggregate, RANKS_LAST, population_scores as aggregate};
use crate::proxy::shared::read::read_f64;
use crate::rng::Rng;

/// The components, in storage order, each with its orientation (all larger-is-better).
pub const COMPONENTS: &[(&str, Orientation)] = &[
    ("expressivity", Orientation::HigherIsBetter),
    ("progressivity", Orientation::HigherIsBetter),
    ("trainability", Orientation::HigherIsBetter),
    ("complexity", Orientation::HigherIsBetter),
];

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "az_nas",
    kind: 'G',
    orientation: Orientation::HigherIsBetter,
    needs: Needs { data: true, gradients: true, population: true, ..Needs::NONE },
    paper: "Lee & Ham, AZ-NAS: Assembling Zero-Cost Proxies for Network Architecture Search, CVPR 2024",
    summary: "Population-relative: ranks of expressivity, progressivity, trainability and FLOPs within the scored set, combined as Σ log(rank/N).",
};

/// The population score of every row of components (see [`COMPONENTS`]); NaN for a row with a
/// missing or non-finite component.
pub fn population_scores(rows: &[Vec<f64>]) -> Vec<f64> {
    let signs: Vec<f64> = COMPONENTS.iter().map(|(_, o)| o.sign()).collect();
    aggregate(rows, &signs, Aggregate::LogRankSum)
}

/// The four components of this network; the value is its score in a population of one.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let (entropies, trainability) = features_and_vjps(s).await?;
    let (expressivity, progressivity) = if entropies.iter().all(|h| h.is_finite()) {
        let progressivity = entropies.windows(2).map(|w| w[1] - w[0]).fold(f64::INFINITY, f64::min);
        (entropies.iter().sum(), if progressivity.is_finite() { progressivity } else { RANKS_LAST })
    } else {
        (RANKS_LAST, RANKS_LAST)
    };
    let components = vec![expressivity, progressivity, trainability, benchmark_flops(&s.program)];
    Score::with_components(population_scores(std::slice::from_ref(&components))[0], components)
}

/// Entropy of the normalised eigenvalues of a covariance; NaN when it has no spread.
pub fn spectral_entropy(eigenvalues: &[f64]) -> f64 {
    let total: f64 = eigenvalues.iter().map(|&e| e.max(0.0)).sum();
    if total.is_nan() || total <= 0.0 {
        return f64::NAN;
    }
    eigenvalues
        .iter()
        .map(|&e| {
            let p = e.max(0.0) / total;
            -p * (p + 1e-8).ln()
        })
        .sum()
}

/// One block's trainability term from its M_l's largest singular value.
pub fn trainability_term(sigma_max: f64) -> f64 {
    2.0 - sigma_max - 1.0 / (sigma_max + 1e-6)
}

/// (H_l for every cut, T) from one forward and one backward.
async fn features_and_vjps(s: &Session) -> Result<(Vec<f64>, f64), ProxyError> {
    let device = s.autodiff_device();
    let net = s.network(&device);
    let options = ForwardOptions {
        bn: s.protocol.bn,
        capture: Capture { cuts: true, ..Default::default() },
        isolate_cuts: true,
        ..Default::default()
    };
    let out = net.forward(s.input(0, &device), &options)?;
    // Cut entries in network order; an identity cell repeats the slot before it.
    let by_slot = |slot| out.cuts.iter().position(|(s, _)| *s == slot);
    let order: Vec<usize> = s.program.cuts.iter().filter_map(|&slot| by_slot(slot)).collect();
    if order.len() != s.program.cuts.len() || order.len() < 2 {
        return Err(ProxyError::Undefined("the network has fewer than two cuts".into()));
    }

    // Random ±1 output gradients and the loss Σ_l ⟨f_l, g_l⟩ whose backward gives every VJP.
    let mut rng = Rng::derive(s.seed, "az_nas");
    let mut g_outs: Vec<Tensor<4>> = Vec::with_capacity(order.len());
    let mut loss: Option<Tensor<1>> = None;
    for (l, &k) in order.iter().enumerate() {
        let f = &out.cuts[k].1;
        let dims = f.dims();
        let n: usize = dims.iter().product();
        let mut signs = Vec::with_capacity(n);
        while signs.len() < n {
            let bits = rng.next_u64();
            signs.extend((0..64.min(n - signs.len())).map(|i| if bits >> i & 1 == 1 { 1.0f32 } else { -1.0 }));
        }
        let g = Tensor::<4>::from_data(TensorData::new(signs, dims), &device);
        // An identity cell repeats the cut before it: its term would add a second g_out to the
        // previous block's product, so only a cut's first occurrence enters the loss.
        if l > 0 && order[l] != order[l - 1] && f.is_tracked() {
            let term = (f.clone() * g.clone()).sum();
            loss = Some(match loss {
                Some(acc) => acc + term,
                None => term,
            });
        }
        g_outs.push(g);
    }
    let grads = loss.map(|l| l.backward());

    // Device-side: every covariance, every M_l and every identity test, read back at once.
    let mut parts: Vec<Tensor<1>> = Vec::new();
    let mut covariances = Vec::with_capacity(order.len());
    for &k in &order {
        let f = out.cuts[k].1.clone().inner();
        let [b, c, h, w] = f.dims();
        let x = f.permute([0, 2, 3, 1]).reshape([b * h * w, c]);
        let x = x.clone() - x.mean_dim(0);
        parts.push(x.clone().transpose().matmul(x).mul_scalar(1.0 / (b * h * w) as f64).reshape([c * c]));
        covariances.push(c);
    }
    enum Pair {
        Identity,
        Matrix(usize, usize, bool),
    }
    let mut pairs = Vec::with_capacity(order.len() - 1);
    for l in 1..order.len() {
        let (slot_in, slot_out) = (out.cuts[order[l - 1]].0, out.cuts[order[l]].0);
        if slot_in == slot_out {
            pairs.push(Pair::Identity);
            continue;
        }
        let g_out = g_outs[l].clone();
        let [b, co, ho, wo] = g_out.dims();
        let leaf = out.cut_leaves.iter().find(|(s, _)| *s == slot_in).map(|(_, t)| t);
        let leaf = leaf.ok_or_else(|| ProxyError::Undefined("a cut has no leaf".into()))?;
        let [_, ci, hi, wi] = leaf.dims();
        let g_in =
            grads.as_ref().and_then(|g| leaf.grad(g)).unwrap_or_else(|| Tensor::zeros([b, ci, hi, wi], &s.device));
        let same_shape = [ci, hi, wi] == [co, ho, wo];
        if same_shape {
            parts.push((g_in.clone() - g_out.clone().inner()).abs().max().reshape([1]));
        }
        let stride = hi / ho.max(1);
        let rows = ci * stride * stride;
        let g_in: Tensor<2> = if stride > 1 {
            g_in.reshape([b, ci, ho, stride, wo, stride]).permute([0, 2, 4, 1, 3, 5]).reshape([b * ho * wo, rows])
        } else {
            g_in.permute([0, 2, 3, 1]).reshape([b * ho * wo, rows])
        };
        let g_out = g_out.inner().permute([0, 2, 3, 1]).reshape([b * ho * wo, co]);
        parts.push(g_in.transpose().matmul(g_out).mul_scalar(1.0 / (b * ho * wo) as f64).reshape([rows * co]));
        pairs.push(Pair::Matrix(rows, co, same_shape));
    }
    let values = read_f64(Tensor::cat(parts, 0)).await?;

    let mut at = 0;
    let mut entropies = Vec::with_capacity(covariances.len());
    for c in covariances {
        let cov = DMatrix::from_row_slice(c, c, &values[at..at + c * c]);
        entropies.push(spectral_entropy(&symmetric_eigenvalues(&cov)));
        at += c * c;
    }
    let mut terms = Vec::with_capacity(pairs.len());
    let mut identity = false;
    for pair in pairs {
        match pair {
            Pair::Identity => identity = true,
            Pair::Matrix(rows, cols, same_shape) => {
                if same_shape {
                    identity |= values[at] == 0.0;
                    at += 1;
                }
                let m = DMatrix::from_row_slice(rows, cols, &values[at..at + rows * cols]);
                at += rows * cols;
                let sigma = m.singular_values().iter().copied().fold(0.0, f64::max);
                terms.push(trainability_term(sigma));
            }
        }
    }
    let trainability =
        if identity || terms.is_empty() { RANKS_LAST } else { terms.iter().sum::<f64>() / terms.len() as f64 };
    Ok((entropies, trainability))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn entropy_and_trainability_terms_on_known_values() {
        // Four equal eigenvalues: ln 4 (up to the 1e-8 inside the log).
        assert!((spectral_entropy(&[2.0; 4]) - 4f64.ln()).abs() < 1e-7);
        // One eigenvalue carries everything: 0; negative rounding counts as 0.
        assert!(spectral_entropy(&[-1e-12, 0.0, 3.0]).abs() < 1e-7);
        assert!(spectral_entropy(&[0.0, 0.0]).is_nan());
        // σ = 1 is the best a block can do (0); 0 and large σ are penalised.
        assert!(trainability_term(1.0).abs() < 1e-5);
        assert!(trainability_term(0.0) < -1e5 && trainability_term(10.0) < -8.0);
    }

    #[test]
    fn population_of_fixed_rows() {
        let rows = vec![vec![1.0, 0.1, -2.0, 5.0], vec![2.0, 0.2, -1.0, 6.0], vec![2.0, RANKS_LAST, -3.0, 4.0]];
        let s = population_scores(&rows);
        // Ranks: E (1, 2.5, 2.5), P (2, 3, 1), T (2, 3, 1), C (2, 3, 1).
        let l = |r: f64| (r / 3.0).ln();
        let want = [l(1.0) + 3.0 * l(2.0), l(2.5) + 0.0, l(2.5) + 3.0 * l(1.0)];
        for (a, b) in s.iter().zip(want) {
            assert!((a - b).abs() < 1e-12, "{s:?} vs {want:?}");
        }
    }
}
