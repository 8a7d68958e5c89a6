//! Runs a [`Program`] on a burn [`Device`], optionally recording what proxies look at
//! (ReLU inputs, BN batch variances, conv/linear outputs, the pre-pool feature map).

use burn::tensor::activation::relu;
use burn::tensor::module::{avg_pool2d, batch_norm, batch_norm_train, conv2d, max_pool2d};
use burn::tensor::ops::{AvgPoolOptions, ConvOptions, MaxPoolOptions};
use burn::tensor::{Bool, DType, Device, Tensor, TensorData};

use crate::net::init::{InitScheme, init_values};
use crate::net::program::{ParamId, Program, Slot, Step};

/// BatchNorm's numerical epsilon (PyTorch's default).
pub const BN_EPS: f64 = 1e-5;

/// How BatchNorm normalises during a proxy's forward pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BnMode {
    /// Train mode: batch statistics, affine (the protocol default).
    #[default]
    Batch,
    /// Running statistics as initialised (mean 0, variance 1): eval mode of a fresh network.
    Running,
    /// BatchNorm removed (identity), as synflow requires.
    Identity,
}

/// A value flowing through the network: a feature map or a flat vector per sample.
#[derive(Clone, Debug)]
pub enum Value {
    /// `[batch, channels, height, width]`.
    Map(Tensor<4>),
    /// `[batch, features]`.
    Flat(Tensor<2>),
}

impl Value {
    /// Number of elements per sample.
    pub fn per_sample(&self) -> usize {
        match self {
            Value::Map(t) => t.dims()[1..].iter().product(),
            Value::Flat(t) => t.dims()[1],
        }
    }

    /// As `[batch, per-sample elements]`.
    pub fn flatten(&self) -> Tensor<2> {
        match self {
            Value::Map(t) => {
                let [b, c, h, w] = t.dims();
                t.clone().reshape([b, c * h * w])
            }
            Value::Flat(t) => t.clone(),
        }
    }
}

/// What a forward pass records besides the logits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capture {
    /// The input of every ReLU (NWOT, linear regions, SWAP).
    pub relu_inputs: bool,
    /// The batch variance of every BatchNorm (Zen-NAS).
    pub bn_variances: bool,
    /// The output of every conv and linear layer (fisher, MeCo).
    pub layer_outputs: bool,
    /// The value of every cut ([`Program::cuts`]: stem, cell and block outputs; AZ-NAS).
    pub cuts: bool,
    /// Where every ReLU's input is ≤ 0 (its "off" pattern, to freeze in a later pass: grasp).
    pub relu_off: bool,
    /// Every module output of the reference implementation ([`Program::module_outputs`]: MeCo
    /// as its official code hooks it).
    pub module_outputs: bool,
}

/// Where one ReLU's input was ≤ 0 (true = the unit is off), shaped like that input.
#[derive(Clone, Debug)]
pub enum ReluOff {
    /// Of a feature map.
    Map(Tensor<4, Bool>),
    /// Of a flat vector per sample.
    Flat(Tensor<2, Bool>),
}

/// Options of one forward pass.
#[derive(Clone, Debug, Default)]
pub struct ForwardOptions {
    /// BatchNorm behaviour.
    pub bn: BnMode,
    /// What to record.
    pub capture: Capture,
    /// Tensors added to the output of the conv/linear layer with the given weight id. A zero
    /// leaf added here makes `∂L/∂output` readable as that leaf's gradient (fisher).
    pub probes: Vec<(ParamId, Value)>,
    /// Divide every cut ([`Program::cuts`]) by its own (detached) maximum, recording the
    /// factors in [`Forward::cut_scales`]: keeps synflow's products inside f32.
    pub rescale_cuts: bool,
    /// Continue from every cut with a detached copy that keeps its gradient (recorded in
    /// [`Forward::cut_leaves`]): a backward then gives, at each cut, the vector-Jacobian product
    /// of the next cell or block alone (AZ-NAS's trainability). Needs an autodiff device.
    pub isolate_cuts: bool,
    /// If not empty, the k-th ReLU zeroes exactly where the k-th pattern (from an earlier pass,
    /// [`Forward::relu_off`]) says, whatever its input now: the network with its ReLU pattern
    /// frozen, smooth in the weights, whose derivatives are what PyTorch's autograd gives at the
    /// earlier point (ReLU'' = 0). Finite differences of gradients then never see a kink.
    pub frozen_relu: Vec<ReluOff>,
}

/// Everything one forward pass produced.
#[derive(Clone, Debug)]
pub struct Forward {
    /// `[batch, classes]`.
    pub logits: Tensor<2>,
    /// Pre-pool feature map `[batch, c, h, w]`.
    pub features: Tensor<4>,
    /// ReLU inputs in execution order (if captured).
    pub relu_inputs: Vec<Value>,
    /// ReLU "off" patterns in execution order (if captured).
    pub relu_off: Vec<ReluOff>,
    /// BatchNorm batch variances `[c]` in execution order (if captured, [`BnMode::Batch`] only).
    pub bn_variances: Vec<Tensor<1>>,
    /// Conv/linear outputs with their weight id (if captured).
    pub layer_outputs: Vec<(ParamId, Value)>,
    /// The factor each cut was divided by (one-element tensors), if `rescale_cuts`.
    pub cut_scales: Vec<Tensor<1>>,
    /// (slot, value) of every cut as computed, in execution order (if captured). A cell that is
    /// the identity adds no step, so its cut shares the slot, and the entry, of the one before.
    pub cuts: Vec<(Slot, Tensor<4>)>,
    /// (slot, leaf) of every cut the rest of the network continued from, if `isolate_cuts`.
    pub cut_leaves: Vec<(Slot, Tensor<4>)>,
    /// The value of every [`Program::module_outputs`] entry, in its order (if captured).
    pub module_outputs: Vec<Value>,
}

/// A malformed program or input reached the interpreter.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum NetError {
    /// Input shape differs from the program's.
    #[error("input must be [batch, {0}, {1}, {2}], got {3:?}")]
    InputShape(usize, usize, usize, Vec<usize>),
    /// A step read a slot nobody wrote, or of the wrong rank.
    #[error("step {0} reads slot {1}, which is missing or has the wrong rank")]
    BadSlot(usize, Slot),
    /// A frozen ReLU pattern's shape differs from the ReLU's input (patterns of another network).
    #[error("step {0}: the frozen ReLU pattern does not match its input")]
    FrozenRelu(usize),
}

/// A program with parameter tensors on a device.
#[derive(Clone, Debug)]
pub struct Network {
    /// The architecture.
    pub program: Program,
    /// Parameters, flattened, in [`Program::params`] order.
    pub params: Vec<Tensor<1>>,
}

impl Network {
    /// Fresh weights drawn by `scheme` from `seed` (identical on every device).
    pub fn new(program: Program, scheme: InitScheme, seed: u64, device: &Device) -> Self {
        let values = init_values(&program, scheme, seed);
        Self::from_values(program, values, device)
    }

    /// Parameters given as flat host vectors in [`Program::params`] order.
    pub fn from_values(program: Program, values: Vec<Vec<f32>>, device: &Device) -> Self {
        Self::from_values_as(program, values, device, DType::F32)
    }

    /// As [`Network::from_values`], stored as `dtype` (f64 where the device supports it).
    pub fn from_values_as(program: Program, values: Vec<Vec<f32>>, device: &Device, dtype: DType) -> Self {
        let params = values
            .into_iter()
            .map(|v| {
                let n = v.len();
                Tensor::<1>::from_data(TensorData::new(v, [n]), (device, dtype))
            })
            .collect();
        Self { program, params }
    }

    /// The same network whose parameters are fresh autodiff leaves that keep gradients.
    /// `device` must be an autodiff device (`Device::autodiff()`).
    pub fn tracked(&self, device: &Device) -> Self {
        let params = self.params.iter().map(|p| p.clone().to_device(device).detach().require_grad()).collect();
        Self { program: self.program.clone(), params }
    }

    /// Run the network on `input` (`[batch, c, h, w]`, already normalised).
    pub fn forward(&self, input: Tensor<4>, options: &ForwardOptions) -> Result<Forward, NetError> {
        let [c, h, w] = self.program.input_chw;
        let dims = input.dims();
        if dims[1..] != [c, h, w] {
            return Err(NetError::InputShape(c, h, w, dims.to_vec()));
        }
        let mut slots: Vec<Option<Value>> = vec![None; self.program.n_slots];
        slots[0] = Some(Value::Map(input));
        let mut out = Forward {
            logits: Tensor::zeros([1, 1], &self.params[0].device()),
            features: Tensor::zeros([1, 1, 1, 1], &self.params[0].device()),
            relu_inputs: Vec::new(),
            relu_off: Vec::new(),
            bn_variances: Vec::new(),
            layer_outputs: Vec::new(),
            cut_scales: Vec::new(),
            cuts: Vec::new(),
            cut_leaves: Vec::new(),
            module_outputs: Vec::new(),
        };
        let mut relu_count = 0;
        for (i, step) in self.program.steps.iter().enumerate() {
            let map = |slot: Slot| match slots.get(slot) {
                Some(Some(Value::Map(t))) => Ok(t.clone()),
                _ => Err(NetError::BadSlot(i, slot)),
            };
            let value = match step {
                Step::Conv { x, weight, stride, padding, dilation, groups, .. } => {
                    let shape: [usize; 4] = shape4(&self.program.params[*weight].shape);
                    let w = self.params[*weight].clone().reshape(shape);
                    let opts = ConvOptions::new([*stride; 2], [*padding; 2], [*dilation; 2], *groups);
                    let y = Value::Map(conv2d(map(*x)?, w, None, opts));
                    self.layer_output(*weight, y, options, &mut out)
                }
                Step::BatchNorm { x, gamma, beta, .. } => {
                    let x = map(*x)?;
                    let (g, b) = (self.params[*gamma].clone(), self.params[*beta].clone());
                    Value::Map(match options.bn {
                        BnMode::Batch => {
                            let r = batch_norm_train(x, g, b, BN_EPS);
                            if options.capture.bn_variances {
                                out.bn_variances.push(r.variance);
                            }
                            r.output
                        }
                        BnMode::Running => {
                            let (mean, var) = (g.zeros_like(), g.ones_like());
                            batch_norm(x, g, b, mean.detach(), var.detach(), BN_EPS)
                        }
                        BnMode::Identity => x,
                    })
                }
                Step::Relu { x, .. } => {
                    let v = slots.get(*x).cloned().flatten().ok_or(NetError::BadSlot(i, *x))?;
                    if options.capture.relu_inputs {
                        out.relu_inputs.push(v.clone());
                    }
                    if options.capture.relu_off {
                        out.relu_off.push(match &v {
                            Value::Map(t) => ReluOff::Map(t.clone().lower_equal_elem(0.0)),
                            Value::Flat(t) => ReluOff::Flat(t.clone().lower_equal_elem(0.0)),
                        });
                    }
                    let k = relu_count;
                    relu_count += 1;
                    match (v, options.frozen_relu.get(k)) {
                        (Value::Map(t), None) => Value::Map(relu(t)),
                        (Value::Flat(t), None) => Value::Flat(relu(t)),
                        (Value::Map(t), Some(ReluOff::Map(off))) if off.dims() == t.dims() => {
                            Value::Map(t.mask_fill(off.clone(), 0.0))
                        }
                        (Value::Flat(t), Some(ReluOff::Flat(off))) if off.dims() == t.dims() => {
                            Value::Flat(t.mask_fill(off.clone(), 0.0))
                        }
                        _ => return Err(NetError::FrozenRelu(i)),
                    }
                }
                Step::AvgPool { x, kernel, stride, padding, count_include_pad, .. } => {
                    let opts = AvgPoolOptions::new([*kernel; 2])
                        .with_stride([*stride; 2])
                        .with_padding([*padding; 2])
                        .with_count_include_pad(*count_include_pad);
                    Value::Map(avg_pool2d(map(*x)?, opts))
                }
                Step::MaxPool { x, kernel, stride, padding, .. } => {
                    let opts = MaxPoolOptions::new([*kernel; 2]).with_stride([*stride; 2]).with_padding([*padding; 2]);
                    Value::Map(max_pool2d(map(*x)?, opts))
                }
                Step::Add { xs, .. } => {
                    let mut values = xs.iter().map(|&s| slots.get(s).cloned().flatten().ok_or(NetError::BadSlot(i, s)));
                    let first = values.next().ok_or(NetError::BadSlot(i, 0))??;
                    values.try_fold(first, |acc, v| {
                        Ok(match (acc, v?) {
                            (Value::Map(a), Value::Map(b)) => Value::Map(a + b),
                            (Value::Flat(a), Value::Flat(b)) => Value::Flat(a + b),
                            _ => return Err(NetError::BadSlot(i, xs[0])),
                        })
                    })?
                }
                Step::Zeros { like, .. } => Value::Map(map(*like)?.zeros_like().detach()),
                Step::GlobalAvgPool { x, .. } => {
                    let t = map(*x)?;
                    let [b, c, _, _] = t.dims();
                    Value::Flat(t.mean_dims(&[2, 3]).reshape([b, c]))
                }
                Step::Linear { x, weight, bias, .. } => {
                    let t = match slots.get(*x) {
                        Some(Some(Value::Flat(t))) => t.clone(),
                        _ => return Err(NetError::BadSlot(i, *x)),
                    };
                    let shape = &self.program.params[*weight].shape;
                    let w = self.params[*weight].clone().reshape([shape[0], shape[1]]);
                    let mut y = t.matmul(w.transpose());
                    if let Some(bias) = bias {
                        y = y + self.params[*bias].clone().reshape([1, shape[0]]);
                    }
                    self.layer_output(*weight, Value::Flat(y), options, &mut out)
                }
            };
            let value = match value {
                Value::Map(mut t) if self.program.cuts.contains(&step.out()) => {
                    if options.capture.cuts {
                        out.cuts.push((step.out(), t.clone()));
                    }
                    if options.rescale_cuts {
                        // Tiny floor: an all-zero cut stays zero instead of becoming NaN.
                        let scale = t.clone().abs().max().detach().clamp_min(1e-30);
                        out.cut_scales.push(scale.clone());
                        t = t / scale.reshape([1, 1, 1, 1]);
                    }
                    if options.isolate_cuts {
                        t = t.detach().require_grad();
                        out.cut_leaves.push((step.out(), t.clone()));
                    }
                    Value::Map(t)
                }
                other => other,
            };
            slots[step.out()] = Some(value);
        }
        if options.capture.module_outputs {
            for &slot in &self.program.module_outputs {
                let value = slots.get(slot).cloned().flatten();
                out.module_outputs.push(value.ok_or(NetError::BadSlot(self.program.steps.len(), slot))?);
            }
        }
        out.logits = match slots[self.program.output].take() {
            Some(Value::Flat(t)) => t,
            _ => return Err(NetError::BadSlot(self.program.steps.len(), self.program.output)),
        };
        out.features = match slots[self.program.features].take() {
            Some(Value::Map(t)) => t,
            _ => return Err(NetError::BadSlot(self.program.steps.len(), self.program.features)),
        };
        Ok(out)
    }

    /// Adds a probe if one targets this layer, and records the output if asked.
    fn layer_output(&self, weight: ParamId, y: Value, options: &ForwardOptions, out: &mut Forward) -> Value {
        let y = match options.probes.iter().find(|(id, _)| *id == weight) {
            Some((_, Value::Map(p))) => match y {
                Value::Map(t) => Value::Map(t + p.clone()),
                other => other,
            },
            Some((_, Value::Flat(p))) => match y {
                Value::Flat(t) => Value::Flat(t + p.clone()),
                other => other,
            },
            None => y,
        };
        if options.capture.layer_outputs {
            out.layer_outputs.push((weight, y.clone()));
        }
        y
    }
}

fn shape4(shape: &[usize]) -> [usize; 4] {
    [shape[0], shape[1], shape[2], shape[3]]
}
