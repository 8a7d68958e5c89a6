//! How fast proxies run (`zsnas bench`): per-proxy wall time on a fresh [`Session`] per run,
//! the whole suite on one shared session (what `zsnas score` does), the work a proxy does in
//! FLOPs, the split of one loss gradient into forward, backward and read-back, and the device's
//! achieved peak on a large matmul and a large conv2d. Time comes from a caller-supplied clock
//! in milliseconds, as in [`crate::proxy::run`].
//!
//! FLOPs convention: one multiply-accumulate = 2 FLOPs, counting conv and linear layers only
//! (BN, ReLU, pooling and additions are memory-bound and left out); a backward pass costs about
//! 2× its forward (gradients of the input and of the weights), so forward + backward ≈ 3× forward.

use burn::tensor::module::{conv_transpose2d, conv2d};
use burn::tensor::ops::{ConvOptions, ConvTransposeOptions};
use burn::tensor::{Device, Tensor, TensorData};

use crate::net::forward::ForwardOptions;
use crate::net::program::Program;
use crate::proxy::batch::{ImagePool, draw_batches};
use crate::proxy::error::ProxyError;
use crate::proxy::kind::ProxyKind;
use crate::proxy::protocol::Protocol;
use crate::proxy::run::score_cell;
use crate::proxy::session::Session;
use crate::proxy::shared::layers::collect;
use crate::proxy::shared::loss::cross_entropy;
use crate::proxy::shared::read::read_f64;
use crate::rng::Rng;
use crate::space::Arch;
use crate::stats::median;

/// Untimed runs, then timed runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BenchPlan {
    /// Untimed runs first (allocator, caches, shader compilation on a GPU).
    pub warmup: usize,
    /// Timed runs (at least 1).
    pub runs: usize,
}

/// The timed runs of one measurement, in milliseconds.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Runs {
    /// Every timed run, in order.
    pub ms: Vec<f64>,
}

impl Runs {
    /// Median of the runs.
    pub fn median(&self) -> f64 {
        median(&self.ms)
    }

    /// Fastest run.
    pub fn min(&self) -> f64 {
        self.ms.iter().copied().fold(f64::INFINITY, f64::min)
    }
}

/// Runs `body` `plan.warmup + plan.runs` times and keeps the timed ones.
async fn repeat<F, Fut>(plan: BenchPlan, mut body: F) -> Result<Runs, ProxyError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<f64, ProxyError>>,
{
    if plan.runs == 0 {
        return Err(ProxyError::Protocol("a benchmark needs at least one timed run".into()));
    }
    let mut ms = Vec::with_capacity(plan.runs);
    for run in 0..plan.warmup + plan.runs {
        let elapsed = body().await?;
        if run >= plan.warmup {
            ms.push(elapsed);
        }
    }
    Ok(Runs { ms })
}

/// A session for `arch` under `protocol` (repeat 0), as [`score_cell`] builds it.
pub fn fresh_session(
    arch: Arch,
    protocol: &Protocol,
    device: &Device,
    pool: Option<&ImagePool>,
) -> Result<Session, ProxyError> {
    let batches = draw_batches(protocol, protocol.seed, pool)?;
    Session::new(arch, protocol.clone(), protocol.seed, device.clone(), batches)
}

/// Times one proxy: each run computes it on a fresh session, so nothing another run (or another
/// proxy) computed is reused. Building the session (drawing the batch, compiling the program) is
/// not timed; everything the proxy does, initialising the network included, is.
pub async fn time_proxy(
    arch: Arch,
    protocol: &Protocol,
    device: &Device,
    pool: Option<&ImagePool>,
    kind: ProxyKind,
    plan: BenchPlan,
    clock: &dyn Fn() -> f64,
) -> Result<Runs, ProxyError> {
    repeat(plan, move || async move {
        let session = fresh_session(arch, protocol, device, pool)?;
        let start = clock();
        kind.compute(&session).await?;
        Ok(clock() - start)
    })
    .await
}

/// Times the whole list of proxies on one shared session per run, exactly as `zsnas score`
/// scores one cell ([`score_cell`], session construction included). A failing proxy fails the
/// measurement.
pub async fn time_suite(
    arch: Arch,
    protocol: &Protocol,
    device: &Device,
    pool: Option<&ImagePool>,
    proxies: &[ProxyKind],
    plan: BenchPlan,
    clock: &dyn Fn() -> f64,
) -> Result<Runs, ProxyError> {
    repeat(plan, move || async move {
        let start = clock();
        let results = score_cell(arch, protocol, device, pool, proxies, clock, |_, _| {}).await?;
        let elapsed = clock() - start;
        match results.into_iter().find_map(|(_, r)| r.err()) {
            Some(e) => Err(e),
            None => Ok(elapsed),
        }
    })
    .await
}

/// Analytic work of one network at one batch size (conv + linear only; see the module doc).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Work {
    /// Multiply-accumulates of one forward pass over the batch.
    pub forward_macs: u64,
}

impl Work {
    /// The work of `program` at `batch` images.
    pub fn of(program: &Program, batch: usize) -> Work {
        Work { forward_macs: crate::net::cost::macs(program) * batch as u64 }
    }

    /// FLOPs of one forward pass (2 × MACs).
    pub fn forward_flops(&self) -> f64 {
        2.0 * self.forward_macs as f64
    }

    /// FLOPs of one forward + backward pass (3 × forward).
    pub fn forward_backward_flops(&self) -> f64 {
        3.0 * self.forward_flops()
    }
}

/// The FLOPs a proxy's passes amount to, for proxies dominated by forward + backward passes of
/// the whole network; `None` for the others (static proxies, host-side linear algebra, or pass
/// counts that depend on the network). `batch_work` is the work at the protocol's batch size.
///
/// - one loss gradient on the batch: grad_norm, plain, snip, nasi, fisher;
/// - one input-Jacobian pass on the batch: jacob_cov, epe_nas;
/// - one pass with a backward through every cell: az_nas;
/// - one pass per batch: zico (`protocol.batches` passes);
/// - one pass of a single all-ones image: synflow, logsynflow (in f64 where the device has it);
/// - one full-batch forward and one full-batch backward per sample (the graph kept between
///   them): ntk_cond and te_nas (te_nas adds one forward, for its linear regions).
pub fn proxy_flops(kind: ProxyKind, protocol: &Protocol, batch_work: &Work) -> Option<f64> {
    let pass = batch_work.forward_backward_flops();
    let b = protocol.batch_size.max(1) as f64;
    let forward = batch_work.forward_flops();
    let ntk = forward + b * (pass - forward);
    match kind {
        ProxyKind::GradNorm
        | ProxyKind::Plain
        | ProxyKind::Snip
        | ProxyKind::Nasi
        | ProxyKind::Fisher
        | ProxyKind::JacobCov
        | ProxyKind::EpeNas
        | ProxyKind::AzNas => Some(pass),
        ProxyKind::Zico => Some(pass * protocol.batches as f64),
        ProxyKind::Synflow | ProxyKind::LogSynflow => Some(pass / b),
        ProxyKind::NtkCond => Some(ntk),
        ProxyKind::TeNas => Some(ntk + forward),
        _ => None,
    }
}

/// One loss gradient (what grad_norm, snip, … share) split into its phases, milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct GradientSplit {
    /// Building the tracked network: initialising the weights on the device.
    pub init_ms: f64,
    /// The forward pass through the loss, including reading the loss back (which waits for it).
    pub forward_ms: f64,
    /// The backward pass.
    pub backward_ms: f64,
    /// Reading every conv/linear weight and gradient back to the host as f64.
    pub read_ms: f64,
}

/// Times the phases of [`Session::loss_grads_of_batch`] on batch 0 (same code path, with clock
/// reads between the phases). On an eager backend (Flex) each phase runs when it is called; the
/// forward is closed by reading the scalar loss back so that a lazy device (wgpu) finishes it.
pub async fn gradient_split(s: &Session, clock: &dyn Fn() -> f64) -> Result<GradientSplit, ProxyError> {
    let t0 = clock();
    let (net, device) = s.tracked_network();
    let input = s.input(0, &device);
    let targets = s.targets(0, &device);
    let t1 = clock();
    let out = net.forward(input, &ForwardOptions { bn: s.protocol.bn, ..Default::default() })?;
    let loss = cross_entropy(out.logits, targets);
    read_f64(loss.clone()).await?;
    let t2 = clock();
    let grads = loss.backward();
    let t3 = clock();
    collect(&net, &s.program.weight_ids(), |id| net.params[id].grad(&grads)).await?;
    let t4 = clock();
    Ok(GradientSplit { init_ms: t1 - t0, forward_ms: t2 - t1, backward_ms: t3 - t2, read_ms: t4 - t3 })
}

/// A peak-throughput measurement: what was run, its FLOPs and its timed runs.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Peak {
    /// E.g. `matmul 1024×1024×1024`.
    pub what: String,
    /// FLOPs of one run (2 × MACs).
    pub flops: f64,
    /// Timed runs.
    pub runs: Runs,
}

impl Peak {
    /// Achieved GFLOP/s at the median run.
    pub fn gflops(&self) -> f64 {
        self.flops / (self.runs.median() * 1e6)
    }
}

fn random_tensor<const D: usize>(shape: [usize; D], rng: &mut Rng, device: &Device) -> Tensor<D> {
    let n = shape.iter().product();
    let values: Vec<f32> = (0..n).map(|_| rng.normal() as f32).collect();
    Tensor::from_data(TensorData::new(values, shape), device)
}

/// Achieved throughput of an `n×n` by `n×n` f32 matmul; each run ends by reading back one
/// scalar (the sum, n² extra additions) so that a lazy device finishes.
pub async fn peak_matmul(
    device: &Device,
    n: usize,
    plan: BenchPlan,
    clock: &dyn Fn() -> f64,
) -> Result<Peak, ProxyError> {
    let mut rng = Rng::new(0);
    let (a, b) = (random_tensor([n, n], &mut rng, device), random_tensor([n, n], &mut rng, device));
    let (a, b) = (&a, &b);
    let runs = repeat(plan, move || async move {
        let start = clock();
        read_f64(a.clone().matmul(b.clone()).sum()).await?;
        Ok(clock() - start)
    })
    .await?;
    Ok(Peak { what: format!("matmul {n}×{n}×{n}"), flops: 2.0 * (n as f64).powi(3), runs })
}

/// Which of a 3×3 convolution's three products a conv peak times (each the same MACs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConvPass {
    /// y = conv(x, w).
    Forward,
    /// dx: a transposed convolution of dy (burn's `conv2d_x_backward`).
    InputGrad,
    /// dw: the convolution of the swapped input and output gradient that burn's
    /// `conv2d_weight_backward` builds.
    WeightGrad,
}

impl ConvPass {
    /// All three, in the order a forward + backward meets them.
    pub const ALL: [ConvPass; 3] = [ConvPass::Forward, ConvPass::InputGrad, ConvPass::WeightGrad];

    fn name(self) -> &'static str {
        match self {
            ConvPass::Forward => "conv2d",
            ConvPass::InputGrad => "conv2d input grad",
            ConvPass::WeightGrad => "conv2d weight grad",
        }
    }
}

/// Achieved throughput of one f32 3×3 convolution product (`pass`), stride 1, padding 1,
/// `channels` → `channels`, on a batch of `batch` `channels`×`size`×`size` maps (NB201's stages:
/// 16 channels at 32×32, 32 at 16×16, 64 at 8×8). Timed as burn's autodiff would call it.
pub async fn peak_conv2d(
    device: &Device,
    pass: ConvPass,
    [batch, channels, size]: [usize; 3],
    plan: BenchPlan,
    clock: &dyn Fn() -> f64,
) -> Result<Peak, ProxyError> {
    let mut rng = Rng::new(1);
    let x = random_tensor([batch, channels, size, size], &mut rng, device);
    let w = random_tensor([channels, channels, 3, 3], &mut rng, device);
    let (x, w) = (&x, &w);
    let runs = repeat(plan, move || async move {
        let start = clock();
        let y = match pass {
            ConvPass::Forward => conv2d(x.clone(), w.clone(), None, ConvOptions::new([1, 1], [1, 1], [1, 1], 1)),
            // x stands in for dy: the same shape.
            ConvPass::InputGrad => conv_transpose2d(
                x.clone(),
                w.clone(),
                None,
                ConvTransposeOptions::new([1, 1], [1, 1], [0, 0], [1, 1], 1),
            ),
            ConvPass::WeightGrad => conv2d(
                x.clone().swap_dims(0, 1),
                x.clone().swap_dims(0, 1),
                None,
                ConvOptions::new([1, 1], [1, 1], [1, 1], 1),
            )
            .swap_dims(0, 1),
        };
        read_f64(y.sum()).await?;
        Ok(clock() - start)
    })
    .await?;
    let macs = (batch * channels * size * size) as f64 * (channels * 9) as f64;
    Ok(Peak {
        what: format!("{} 3×3 {channels}→{channels} on {batch}×{channels}×{size}×{size}", pass.name()),
        flops: 2.0 * macs,
        runs,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::net::nb201::{Nb201Config, nb201_program};
    use crate::space::nb201::Cell;

    #[test]
    fn work_follows_the_stated_convention() {
        let cell: Cell = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|".parse().unwrap();
        let p = nb201_program(&cell, &Nb201Config::default());
        let w = Work::of(&p, 64);
        assert_eq!(w.forward_macs, 64 * crate::net::cost::macs(&p));
        assert_eq!(w.forward_backward_flops(), 6.0 * w.forward_macs as f64);
        let protocol = Protocol::default();
        let pass = w.forward_backward_flops();
        assert_eq!(proxy_flops(ProxyKind::Snip, &protocol, &w), Some(pass));
        assert_eq!(proxy_flops(ProxyKind::Zico, &protocol, &w), Some(pass * protocol.batches as f64));
        assert_eq!(proxy_flops(ProxyKind::Params, &protocol, &w), None);
        // One forward, then a backward (twice the forward) per sample.
        let f = w.forward_flops();
        let b = protocol.batch_size as f64;
        assert_eq!(proxy_flops(ProxyKind::NtkCond, &protocol, &w), Some(f + b * 2.0 * f));
        assert_eq!(proxy_flops(ProxyKind::TeNas, &protocol, &w), Some(2.0 * f + b * 2.0 * f));
    }

    #[test]
    fn runs_and_peaks_are_timed_on_the_cpu() {
        let ticks = std::cell::Cell::new(0.0);
        let clock = || {
            ticks.set(ticks.get() + 1.0);
            ticks.get()
        };
        let plan = BenchPlan { warmup: 1, runs: 3 };
        let device = Device::flex();
        let peak = pollster::block_on(peak_matmul(&device, 8, plan, &clock)).unwrap();
        assert_eq!(peak.runs.ms, vec![1.0; 3]);
        assert_eq!(peak.flops, 1024.0);
        assert!((peak.gflops() - 1024.0 / 1e6).abs() < 1e-12);
        for pass in ConvPass::ALL {
            let conv = pollster::block_on(peak_conv2d(&device, pass, [1, 2, 4], plan, &clock)).unwrap();
            assert_eq!(conv.flops, 2.0 * 32.0 * 18.0);
            assert!(conv.what.starts_with(pass.name()), "{}", conv.what);
        }
        assert!(pollster::block_on(peak_matmul(&device, 8, BenchPlan { warmup: 0, runs: 0 }, &clock)).is_err());
    }
}
