//! A network as plain data: parameters plus a list of steps over numbered value slots.
//!
//! Every search space compiles its genotype into a [`Program`]; one interpreter runs it on any
//! burn device, and shape inference gives exact parameter counts, FLOPs and activation sizes
//! without touching a tensor.

/// Index of a value slot (slot 0 is the network input).
pub type Slot = usize;
/// Index into [`Program::params`].
pub type ParamId = usize;

/// What a parameter is; proxies select "conv and linear weights" by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamKind {
    /// Convolution kernel `[c_out, c_in / groups, k, k]`.
    ConvWeight,
    /// Linear weight `[out, in]`.
    LinearWeight,
    /// Linear bias `[out]`.
    LinearBias,
    /// BatchNorm scale γ `[c]`.
    BnGamma,
    /// BatchNorm shift β `[c]`.
    BnBeta,
}

impl ParamKind {
    /// Conv and linear weights: the default set proxies score (no biases, no BN parameters).
    pub fn is_weight(self) -> bool {
        matches!(self, ParamKind::ConvWeight | ParamKind::LinearWeight)
    }
}

/// Declaration of one parameter tensor.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamSpec {
    /// Dotted name, e.g. `cells.3.edge_1_2.conv`.
    pub name: String,
    /// What it is.
    pub kind: ParamKind,
    /// Tensor shape.
    pub shape: Vec<usize>,
    /// Fan-in as PyTorch computes it (`c_in/groups · k · k`, or `in`).
    pub fan_in: usize,
    /// Fan-out as PyTorch computes it (`c_out · k · k`, or `out`).
    pub fan_out: usize,
}

impl ParamSpec {
    /// Number of scalars.
    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }
}

/// One operation of a program. `x`/`xs` are read, `out` is written (each slot written once).
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// 2-D convolution without bias.
    Conv { x: Slot, out: Slot, weight: ParamId, stride: usize, padding: usize, dilation: usize, groups: usize },
    /// Affine BatchNorm over channels.
    BatchNorm { x: Slot, out: Slot, gamma: ParamId, beta: ParamId },
    /// ReLU.
    Relu { x: Slot, out: Slot },
    /// Average pool; `count_include_pad = false` divides by the number of real inputs.
    AvgPool { x: Slot, out: Slot, kernel: usize, stride: usize, padding: usize, count_include_pad: bool },
    /// Max pool.
    MaxPool { x: Slot, out: Slot, kernel: usize, stride: usize, padding: usize },
    /// Element-wise sum of two or more slots of equal shape.
    Add { xs: Vec<Slot>, out: Slot },
    /// All zeros with the shape of `like` (an edge or node that carries nothing).
    Zeros { like: Slot, out: Slot },
    /// Mean over the spatial dimensions: `[b, c, h, w] → [b, c]`.
    GlobalAvgPool { x: Slot, out: Slot },
    /// Fully connected layer.
    Linear { x: Slot, out: Slot, weight: ParamId, bias: Option<ParamId> },
}

impl Step {
    /// The slot this step writes.
    pub fn out(&self) -> Slot {
        match self {
            Step::Conv { out, .. }
            | Step::BatchNorm { out, .. }
            | Step::Relu { out, .. }
            | Step::AvgPool { out, .. }
            | Step::MaxPool { out, .. }
            | Step::Add { out, .. }
            | Step::Zeros { out, .. }
            | Step::GlobalAvgPool { out, .. }
            | Step::Linear { out, .. } => *out,
        }
    }

    /// The slots this step reads.
    pub fn inputs(&self) -> Vec<Slot> {
        match self {
            Step::Conv { x, .. }
            | Step::BatchNorm { x, .. }
            | Step::Relu { x, .. }
            | Step::AvgPool { x, .. }
            | Step::MaxPool { x, .. }
            | Step::GlobalAvgPool { x, .. }
            | Step::Linear { x, .. } => vec![*x],
            Step::Zeros { like, .. } => vec![*like],
            Step::Add { xs, .. } => xs.clone(),
        }
    }
}

/// A whole network: parameters, steps in execution order, input shape and named outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// Every parameter, in creation order (which is also the init order).
    pub params: Vec<ParamSpec>,
    /// Steps in execution order.
    pub steps: Vec<Step>,
    /// Number of slots (slot 0 is the input).
    pub n_slots: usize,
    /// Input `[channels, height, width]`.
    pub input_chw: [usize; 3],
    /// Logits slot `[b, classes]`.
    pub output: Slot,
    /// Feature map before global pooling (Zen-NAS scores it).
    pub features: Slot,
    /// Articulation points of the macro graph (stem, cell and block outputs): every path from
    /// input to output passes through each. Rescaling a cut by a constant scales every weight's
    /// gradient of a positively homogeneous network by the same factor (synflow relies on it).
    pub cuts: Vec<Slot>,
    /// What forward hooks on every module of the reference PyTorch implementation would see, in
    /// execution order: each layer's output, repeated once per wrapper module (`nn.Sequential`,
    /// ReLUConvBN, a cell) that returns the same tensor. MeCo's official code sums over these.
    pub module_outputs: Vec<Slot>,
}

/// Shape of a slot for batch size `b`: `[b, c, h, w]` or `[b, n]`.
pub type Shape = Vec<usize>;

/// Output side of a convolution or pool.
pub fn conv_out(size: usize, kernel: usize, stride: usize, padding: usize, dilation: usize) -> usize {
    (size + 2 * padding).saturating_sub(dilation * (kernel - 1) + 1) / stride + 1
}

impl Program {
    /// Shape of every slot for batch size `batch`.
    pub fn shapes(&self, batch: usize) -> Vec<Shape> {
        let [c, h, w] = self.input_chw;
        let mut shapes = vec![Vec::new(); self.n_slots];
        shapes[0] = vec![batch, c, h, w];
        for step in &self.steps {
            let shape = match step {
                Step::Conv { x, weight, stride, padding, dilation, .. } => {
                    let s = &shapes[*x];
                    let p = &self.params[*weight].shape;
                    vec![
                        s[0],
                        p[0],
                        conv_out(s[2], p[2], *stride, *padding, *dilation),
                        conv_out(s[3], p[3], *stride, *padding, *dilation),
                    ]
                }
                Step::AvgPool { x, kernel, stride, padding, .. } | Step::MaxPool { x, kernel, stride, padding, .. } => {
                    let s = &shapes[*x];
                    vec![
                        s[0],
                        s[1],
                        conv_out(s[2], *kernel, *stride, *padding, 1),
                        conv_out(s[3], *kernel, *stride, *padding, 1),
                    ]
                }
                Step::BatchNorm { x, .. } | Step::Relu { x, .. } | Step::Zeros { like: x, .. } => shapes[*x].clone(),
                Step::Add { xs, .. } => shapes[xs[0]].clone(),
                Step::GlobalAvgPool { x, .. } => shapes[*x][..2].to_vec(),
                Step::Linear { x, weight, .. } => vec![shapes[*x][0], self.params[*weight].shape[0]],
            };
            shapes[step.out()] = shape;
        }
        shapes
    }

    /// Number of trainable scalars: conv and linear weights, linear biases, BN γ and β.
    pub fn param_count(&self) -> usize {
        self.params.iter().map(ParamSpec::numel).sum()
    }

    /// Indices of the conv and linear weights, the default set proxies score.
    pub fn weight_ids(&self) -> Vec<ParamId> {
        (0..self.params.len()).filter(|&i| self.params[i].kind.is_weight()).collect()
    }

    /// Number of classes (width of the logits).
    pub fn classes(&self) -> usize {
        self.shapes(1)[self.output][1]
    }
}
