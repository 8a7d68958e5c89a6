//! Helpers that append parameters and steps to a [`Program`]; search spaces build with these.

use crate::net::program::{ParamId, ParamKind, ParamSpec, Program, Slot, Step};

/// Accumulates a program; each method appends one step and returns the slot it writes.
#[derive(Debug)]
pub struct ProgramBuilder {
    params: Vec<ParamSpec>,
    steps: Vec<Step>,
    n_slots: usize,
    input_chw: [usize; 3],
    cuts: Vec<Slot>,
    module_outputs: Vec<Slot>,
}

impl ProgramBuilder {
    /// A builder whose input (slot 0) is `[channels, height, width]`.
    pub fn new(input_chw: [usize; 3]) -> Self {
        Self {
            params: Vec::new(),
            steps: Vec::new(),
            n_slots: 1,
            input_chw,
            cuts: Vec::new(),
            module_outputs: Vec::new(),
        }
    }

    /// The input slot.
    pub fn input(&self) -> Slot {
        0
    }

    fn push(&mut self, make: impl FnOnce(Slot) -> Step) -> Slot {
        let out = self.n_slots;
        self.n_slots += 1;
        self.steps.push(make(out));
        out
    }

    fn param(&mut self, name: String, kind: ParamKind, shape: Vec<usize>, fan_in: usize, fan_out: usize) -> ParamId {
        self.params.push(ParamSpec { name, kind, shape, fan_in, fan_out });
        self.params.len() - 1
    }

    /// Convolution without bias, `k×k`, "same"-style padding given explicitly.
    #[allow(clippy::too_many_arguments)]
    pub fn conv(
        &mut self,
        x: Slot,
        name: &str,
        c_in: usize,
        c_out: usize,
        kernel: usize,
        stride: usize,
        padding: usize,
    ) -> Slot {
        self.grouped_conv(x, name, c_in, c_out, kernel, stride, padding, 1)
    }

    /// Grouped convolution without bias: kernel `[c_out, c_in / groups, k, k]`, fan-in
    /// `c_in / groups · k²` and fan-out `c_out · k²` as PyTorch computes them. `groups = c_in =
    /// c_out` is a depthwise conv. Both channel counts must be divisible by `groups`.
    #[allow(clippy::too_many_arguments)]
    pub fn grouped_conv(
        &mut self,
        x: Slot,
        name: &str,
        c_in: usize,
        c_out: usize,
        kernel: usize,
        stride: usize,
        padding: usize,
        groups: usize,
    ) -> Slot {
        assert!(
            groups > 0 && c_in.is_multiple_of(groups) && c_out.is_multiple_of(groups),
            "{name}: {c_in} → {c_out} channels do not split into {groups} groups"
        );
        let per_group = c_in / groups;
        let weight = self.param(
            format!("{name}.weight"),
            ParamKind::ConvWeight,
            vec![c_out, per_group, kernel, kernel],
            per_group * kernel * kernel,
            c_out * kernel * kernel,
        );
        let out = self.push(|out| Step::Conv { x, out, weight, stride, padding, dilation: 1, groups });
        self.module_output(out)
    }

    /// Affine BatchNorm over `channels`.
    pub fn batch_norm(&mut self, x: Slot, name: &str, channels: usize) -> Slot {
        let gamma = self.param(format!("{name}.gamma"), ParamKind::BnGamma, vec![channels], channels, channels);
        let beta = self.param(format!("{name}.beta"), ParamKind::BnBeta, vec![channels], channels, channels);
        let out = self.push(|out| Step::BatchNorm { x, out, gamma, beta });
        self.module_output(out)
    }

    /// ReLU.
    pub fn relu(&mut self, x: Slot) -> Slot {
        let out = self.push(|out| Step::Relu { x, out });
        self.module_output(out)
    }

    /// ReLU → conv (no bias) → BN, the NB201 / DARTS building block.
    #[allow(clippy::too_many_arguments)]
    pub fn relu_conv_bn(
        &mut self,
        x: Slot,
        name: &str,
        c_in: usize,
        c_out: usize,
        kernel: usize,
        stride: usize,
        padding: usize,
    ) -> Slot {
        let r = self.relu(x);
        let c = self.conv(r, &format!("{name}.conv"), c_in, c_out, kernel, stride, padding);
        let y = self.batch_norm(c, &format!("{name}.bn"), c_out);
        // Its `nn.Sequential` and the ReLUConvBN module itself return the BN output again.
        self.module_output(y);
        self.module_output(y)
    }

    /// Average pool.
    pub fn avg_pool(&mut self, x: Slot, kernel: usize, stride: usize, padding: usize, count_include_pad: bool) -> Slot {
        let out = self.push(|out| Step::AvgPool { x, out, kernel, stride, padding, count_include_pad });
        self.module_output(out)
    }

    /// Sum of slots; a single slot is returned as is.
    pub fn add(&mut self, xs: Vec<Slot>) -> Slot {
        if xs.len() == 1 {
            return xs[0];
        }
        self.push(|out| Step::Add { xs, out })
    }

    /// Zeros shaped like `like`.
    pub fn zeros_like(&mut self, like: Slot) -> Slot {
        self.push(|out| Step::Zeros { like, out })
    }

    /// Global average pool `[b, c, h, w] → [b, c]`.
    pub fn global_avg_pool(&mut self, x: Slot) -> Slot {
        let out = self.push(|out| Step::GlobalAvgPool { x, out });
        self.module_output(out)
    }

    /// Linear layer with bias.
    pub fn linear(&mut self, x: Slot, name: &str, n_in: usize, n_out: usize) -> Slot {
        let weight = self.param(format!("{name}.weight"), ParamKind::LinearWeight, vec![n_out, n_in], n_in, n_out);
        let bias = self.param(format!("{name}.bias"), ParamKind::LinearBias, vec![n_out], n_in, n_out);
        let out = self.push(|out| Step::Linear { x, out, weight, bias: Some(bias) });
        self.module_output(out)
    }

    /// Records that a module of the reference PyTorch implementation returns `slot` (see
    /// [`Program::module_outputs`]); the layer methods above record their own outputs, so a
    /// space calls this only for wrapper modules (an `nn.Sequential`, a cell). Returns `slot`.
    pub fn module_output(&mut self, slot: Slot) -> Slot {
        self.module_outputs.push(slot);
        slot
    }

    /// Declares `slot` an articulation point of the network (see [`Program::cuts`]).
    pub fn mark_cut(&mut self, slot: Slot) {
        self.cuts.push(slot);
    }

    /// Finish: `features` is the pre-pool feature map, `output` the logits.
    pub fn finish(self, features: Slot, output: Slot) -> Program {
        Program {
            params: self.params,
            steps: self.steps,
            n_slots: self.n_slots,
            input_chw: self.input_chw,
            output,
            features,
            cuts: self.cuts,
            module_outputs: self.module_outputs,
        }
    }
}
