//! Everything proxies share while scoring one network under one protocol and seed: the program,
//! the device, the input batches, and results several proxies need (one forward + backward of
//! the loss feeds grad_norm, plain, snip, nasi and GraSP's first gradient).

use std::rc::Rc;

use burn::tensor::{Device, Tensor, TensorData};

use crate::net::forward::{ForwardOptions, Network};
use crate::net::program::Program;
use crate::proxy::batch::InputBatch;
use crate::proxy::error::ProxyError;
use crate::proxy::protocol::Protocol;
use crate::proxy::shared::input_jacobian::{InputJacobian, input_jacobian};
use crate::proxy::shared::layers::{LayerVectors, collect};
use crate::proxy::shared::linearized::{Linearized, linearized};
use crate::proxy::shared::loss::{cross_entropy, one_hot};
use crate::proxy::shared::memo::Memo;
use crate::proxy::shared::per_sample::{Forward, PerSampleLossSums, per_sample_loss_sums};
use crate::proxy::{linear_regions, ntk_cond};
use crate::space::Arch;

/// One network under one protocol and seed, on one device.
pub struct Session {
    /// The genotype (static proxies read its graph).
    pub arch: Arch,
    /// The compiled network.
    pub program: Program,
    /// The protocol.
    pub protocol: Protocol,
    /// The seed of this repeat (fixes init; batches were drawn with it).
    pub seed: u64,
    /// The device (without autodiff).
    pub device: Device,
    /// Host-side input batches (`protocol.batches` of them; at least one).
    pub batches: Vec<InputBatch>,
    loss_grads: Memo<LayerVectors>,
    linearized: Memo<Linearized>,
    input_jacobian: Memo<InputJacobian>,
    ntk_kappa: Memo<f64>,
    per_sample_loss_sums: Memo<PerSampleLossSums>,
    linear_regions: Memo<f64>,
}

impl Session {
    /// A session; `batches` must hold at least one batch of the dataset's resolution.
    pub fn new(
        arch: Arch,
        protocol: Protocol,
        seed: u64,
        device: Device,
        batches: Vec<InputBatch>,
    ) -> Result<Self, ProxyError> {
        protocol.validate()?;
        let program = crate::net::program_for(&arch, protocol.dataset);
        let res = program.input_chw[1];
        if batches.is_empty() || batches.iter().any(|b| b.resolution != res || b.is_empty()) {
            return Err(ProxyError::Protocol(format!("need at least one non-empty {res}×{res} batch")));
        }
        Ok(Self {
            arch,
            program,
            protocol,
            seed,
            device,
            batches,
            loss_grads: Memo::default(),
            linearized: Memo::default(),
            input_jacobian: Memo::default(),
            ntk_kappa: Memo::default(),
            per_sample_loss_sums: Memo::default(),
            linear_regions: Memo::default(),
        })
    }

    /// The autodiff version of the session's device.
    pub fn autodiff_device(&self) -> Device {
        self.device.clone().autodiff()
    }

    /// The network with the protocol's initialisation for this seed, on `device`.
    pub fn network(&self, device: &Device) -> Network {
        Network::new(self.program.clone(), self.protocol.init, self.seed, device)
    }

    /// The same network with every parameter a gradient-keeping leaf on the autodiff device.
    pub fn tracked_network(&self) -> (Network, Device) {
        let device = self.autodiff_device();
        (self.network(&device).tracked(&device), device)
    }

    /// Batch `b` as a `[n, 3, res, res]` tensor on `device`.
    pub fn input(&self, b: usize, device: &Device) -> Tensor<4> {
        let batch = &self.batches[b.min(self.batches.len() - 1)];
        input_tensor(batch, device)
    }

    /// One forward pass of `input` under the protocol's BatchNorm mode keeping every ReLU input:
    /// nwot, swap and linear_regions all read the binary codes of these.
    pub fn forward_with_relu_inputs(&self, input: Tensor<4>) -> Result<crate::net::forward::Forward, ProxyError> {
        let options = ForwardOptions {
            bn: self.protocol.bn,
            capture: crate::net::forward::Capture { relu_inputs: true, ..Default::default() },
            ..Default::default()
        };
        Ok(self.network(&self.device).forward(input, &options)?)
    }

    /// One-hot labels of batch `b` on `device`.
    pub fn targets(&self, b: usize, device: &Device) -> Tensor<2> {
        let batch = &self.batches[b.min(self.batches.len() - 1)];
        one_hot(&batch.labels, self.protocol.dataset.classes(), device)
    }

    /// Conv/linear weights and their cross-entropy gradients on batch 0, BN per the protocol.
    /// Computed once per session and shared.
    pub async fn loss_grads(&self) -> Result<Rc<LayerVectors>, ProxyError> {
        self.loss_grads.get_or_try(self.compute_loss_grads()).await
    }

    /// Synflow's linearised gradients (see [`Linearized`]), computed once per session.
    pub async fn linearized(&self) -> Result<Rc<Linearized>, ProxyError> {
        self.linearized.get_or_try(linearized(self)).await
    }

    /// The input Jacobian of Σ logits on batch 0 (jacob_cov, epe_nas), computed once per session.
    pub async fn input_jacobian(&self) -> Result<Rc<InputJacobian>, ProxyError> {
        self.input_jacobian.get_or_try(input_jacobian(self)).await
    }

    /// κ of the NTK under TE-NAS's protocol (ntk_cond, te_nas), computed once per session.
    pub async fn ntk_kappa(&self) -> Result<f64, ProxyError> {
        Ok(*self.ntk_kappa.get_or_try(ntk_cond::kappa(self, Forward::Batch)).await?)
    }

    /// Sums of the per-sample loss gradients and their signs (gradsign, knas), once per session.
    pub async fn per_sample_loss_sums(&self) -> Result<Rc<PerSampleLossSums>, ProxyError> {
        self.per_sample_loss_sums.get_or_try(per_sample_loss_sums(self)).await
    }

    /// The number of linear regions (linear_regions, te_nas), computed once per session.
    pub async fn linear_regions(&self) -> Result<f64, ProxyError> {
        Ok(*self.linear_regions.get_or_try(linear_regions::count(self)).await?)
    }

    async fn compute_loss_grads(&self) -> Result<LayerVectors, ProxyError> {
        self.loss_grads_of_batch(0).await
    }

    /// Conv/linear weights and their cross-entropy gradients on batch `b` (not cached; batch 0
    /// is cached by [`Session::loss_grads`]).
    pub async fn loss_grads_of_batch(&self, b: usize) -> Result<LayerVectors, ProxyError> {
        let (net, device) = self.tracked_network();
        let options = ForwardOptions { bn: self.protocol.bn, ..Default::default() };
        let out = net.forward(self.input(b, &device), &options)?;
        let grads = cross_entropy(out.logits, self.targets(b, &device)).backward();
        collect(&net, &self.program.weight_ids(), |id| net.params[id].grad(&grads)).await
    }
}

/// A host batch as a tensor on `device`.
pub fn input_tensor(batch: &InputBatch, device: &Device) -> Tensor<4> {
    let r = batch.resolution;
    Tensor::from_data(TensorData::new(batch.pixels.clone(), [batch.len(), 3, r, r]), device)
}
