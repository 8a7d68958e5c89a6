//! The FBNet macro network per input (HW-NAS-Bench's `FBNet_Infer`, FBNet-v1 settings) and the
//! lookup-table key of every op in it.
//!
//! Stages have 1, 4, 4, 4, 4, 4, 1 layers with 16, 24, 32, 64, 112, 184, 352 output channels;
//! only a stage's first layer changes channels or strides. The stem is a 3×3 ConvNorm 3 → 16.
//!
//! | input | resolution | stem stride | stage strides | header channels | classes | last map |
//! |---|---|---|---|---|---|---|
//! | CIFAR-100 | 32 | 1 | 1 1 2 2 1 2 1 | 1504 | 100 | 4×4 |
//! | ImageNet | 224 | 2 | 1 2 2 2 1 2 1 | 1984 | 1000 | 7×7 |
//!
//! Keys follow HW-NAS-Bench's lookup table (`op_lut.json`), with H/W the op's *input* size:
//! `ConvNorm_H32_W32_Cin3_Cout16_kernel3_stride1_group1` (stem),
//! `ConvBlock_H32_W32_Cin16_Cout24_exp3_kernel5_stride1_group1`, `Skip_H32_W32_Cin24_Cout32_stride2`,
//! `ConvNorm_H4_W4_Cin352_Cout1504_kernel1_stride1_group1` (header),
//! `AvgP_H4_W4_Cin1504_Cout1504_kernel4_stride1`, `FC_Cin1504_Cout100`.

use super::{Block, FBNET_LAYERS, FbnetArch};

/// Layers per stage (FBNet-v1); they sum to [`FBNET_LAYERS`].
pub const STAGE_LAYERS: [usize; 7] = [1, 4, 4, 4, 4, 4, 1];
/// Output channels per stage (FBNet-v1).
pub const STAGE_CHANNELS: [usize; 7] = [16, 24, 32, 64, 112, 184, 352];
/// Output channels of the stem.
pub const STEM_CHANNELS: usize = 16;

/// The input the network is built for: it fixes resolution, strides, header width and classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FbnetInput {
    /// CIFAR-100: 32×32, 100 classes (HW-NAS-Bench's unofficial CIFAR setting).
    Cifar100,
    /// ImageNet: 224×224, 1000 classes (the official FBNet setting).
    ImageNet,
}

impl FbnetInput {
    /// Both inputs.
    pub const ALL: [FbnetInput; 2] = [FbnetInput::Cifar100, FbnetInput::ImageNet];

    /// HW-NAS-Bench's dataset name (`cifar100`, `ImageNet`).
    pub fn name(self) -> &'static str {
        match self {
            FbnetInput::Cifar100 => "cifar100",
            FbnetInput::ImageNet => "ImageNet",
        }
    }

    /// The input called `name` by HW-NAS-Bench (exact).
    pub fn from_name(name: &str) -> Option<FbnetInput> {
        FbnetInput::ALL.into_iter().find(|i| i.name() == name)
    }

    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            FbnetInput::Cifar100 => "CIFAR-100",
            FbnetInput::ImageNet => "ImageNet",
        }
    }

    /// Input height = width, pixels.
    pub fn resolution(self) -> usize {
        match self {
            FbnetInput::Cifar100 => 32,
            FbnetInput::ImageNet => 224,
        }
    }

    /// Number of classes (classifier outputs).
    pub fn classes(self) -> usize {
        match self {
            FbnetInput::Cifar100 => 100,
            FbnetInput::ImageNet => 1000,
        }
    }

    /// Stride of the stem conv.
    pub fn stem_stride(self) -> usize {
        match self {
            FbnetInput::Cifar100 => 1,
            FbnetInput::ImageNet => 2,
        }
    }

    /// Output channels of the 1×1 header conv.
    pub fn header_channels(self) -> usize {
        match self {
            FbnetInput::Cifar100 => 1504,
            FbnetInput::ImageNet => 1984,
        }
    }

    /// The 22 searchable layers' shapes, in order.
    pub fn layers(self) -> [FbnetLayer; FBNET_LAYERS] {
        let mut out = [FbnetLayer { index: 0, stage: 0, size_in: 0, c_in: 0, c_out: 0, stride: 1 }; FBNET_LAYERS];
        let strides = stage_strides(self);
        let (mut size, mut c_in, mut index) = (self.resolution() / self.stem_stride(), STEM_CHANNELS, 0);
        for (stage, &n) in STAGE_LAYERS.iter().enumerate() {
            for i in 0..n {
                let stride = if i == 0 { strides[stage] } else { 1 };
                let c_out = STAGE_CHANNELS[stage];
                if let Some(slot) = out.get_mut(index) {
                    *slot = FbnetLayer { index, stage, size_in: size, c_in, c_out, stride };
                }
                (size, c_in, index) = (size / stride, c_out, index + 1);
            }
        }
        out
    }

    /// Height = width of the last feature map (input of header, pool and classifier).
    pub fn final_size(self) -> usize {
        let last = self.layers()[FBNET_LAYERS - 1];
        last.size_in / last.stride
    }
}

/// Stride of each stage's first layer for `input` (CIFAR keeps stage 2 at stride 1).
pub fn stage_strides(input: FbnetInput) -> [usize; 7] {
    match input {
        FbnetInput::Cifar100 => [1, 1, 2, 2, 1, 2, 1],
        FbnetInput::ImageNet => [1, 2, 2, 2, 1, 2, 1],
    }
}

/// Shape of one searchable layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FbnetLayer {
    /// 0-based layer index (layer `index + 1` of 22).
    pub index: usize,
    /// 0-based stage (0..7).
    pub stage: usize,
    /// Input height = width.
    pub size_in: usize,
    /// Input channels.
    pub c_in: usize,
    /// Output channels.
    pub c_out: usize,
    /// Stride (of the depthwise conv; of the 1×1 conv for a reshaping skip).
    pub stride: usize,
}

impl FbnetLayer {
    /// Lookup-table key of `block` placed in this layer.
    pub fn lut_key(&self, block: Block) -> String {
        let (h, ci, co, s) = (self.size_in, self.c_in, self.c_out, self.stride);
        match block.conv() {
            Some((e, k, g)) => format!("ConvBlock_H{h}_W{h}_Cin{ci}_Cout{co}_exp{e}_kernel{k}_stride{s}_group{g}"),
            None => format!("Skip_H{h}_W{h}_Cin{ci}_Cout{co}_stride{s}"),
        }
    }

    /// Whether a skip here is the identity (same shape); otherwise it is a 1×1 ConvNorm.
    pub fn skip_is_identity(&self) -> bool {
        self.c_in == self.c_out && self.stride == 1
    }
}

/// A part of the network that has its own lookup-table entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FbnetPart {
    /// 3×3 ConvNorm, 3 → 16 channels.
    Stem,
    /// Searchable layer `index` (0-based) holding `block`.
    Layer {
        /// 0-based layer index.
        index: usize,
        /// The block chosen there.
        block: Block,
    },
    /// 1×1 ConvNorm, 352 → header channels.
    Header,
    /// Global average pool.
    AvgPool,
    /// Linear classifier.
    Classifier,
}

/// One op of the network with its lookup-table key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LutOp {
    /// Which part of the network.
    pub part: FbnetPart,
    /// Its key in the lookup table.
    pub key: String,
}

impl FbnetArch {
    /// All 26 ops in network order — stem, layers 1..22, header, pool, classifier — which is the
    /// order HW-NAS-Bench sums them in (summing in this order reproduces its values bit for bit).
    pub fn lut_ops(&self, input: FbnetInput) -> Vec<LutOp> {
        let (r, s) = (input.resolution(), input.stem_stride());
        let (f, hc) = (input.final_size(), input.header_channels());
        let last_c = STAGE_CHANNELS[STAGE_CHANNELS.len() - 1];
        let mut ops = Vec::with_capacity(FBNET_LAYERS + 4);
        ops.push(LutOp {
            part: FbnetPart::Stem,
            key: format!("ConvNorm_H{r}_W{r}_Cin3_Cout{STEM_CHANNELS}_kernel3_stride{s}_group1"),
        });
        for (layer, &block) in input.layers().iter().zip(&self.blocks) {
            ops.push(LutOp { part: FbnetPart::Layer { index: layer.index, block }, key: layer.lut_key(block) });
        }
        ops.push(LutOp {
            part: FbnetPart::Header,
            key: format!("ConvNorm_H{f}_W{f}_Cin{last_c}_Cout{hc}_kernel1_stride1_group1"),
        });
        ops.push(LutOp { part: FbnetPart::AvgPool, key: format!("AvgP_H{f}_W{f}_Cin{hc}_Cout{hc}_kernel{f}_stride1") });
        ops.push(LutOp { part: FbnetPart::Classifier, key: format!("FC_Cin{hc}_Cout{}", input.classes()) });
        ops
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_sum_to_22_layers() {
        assert_eq!(STAGE_LAYERS.iter().sum::<usize>(), FBNET_LAYERS);
    }

    #[test]
    fn cifar_layer_table() {
        let l = FbnetInput::Cifar100.layers();
        let shape = |i: usize| (l[i].size_in, l[i].c_in, l[i].c_out, l[i].stride);
        assert_eq!(shape(0), (32, 16, 16, 1));
        assert_eq!(shape(1), (32, 16, 24, 1));
        assert_eq!(shape(5), (32, 24, 32, 2));
        assert_eq!(shape(6), (16, 32, 32, 1));
        assert_eq!(shape(9), (16, 32, 64, 2));
        assert_eq!(shape(13), (8, 64, 112, 1));
        assert_eq!(shape(17), (8, 112, 184, 2));
        assert_eq!(shape(21), (4, 184, 352, 1));
        assert_eq!(FbnetInput::Cifar100.final_size(), 4);
        assert!(l.iter().enumerate().all(|(i, x)| x.index == i));
    }

    #[test]
    fn imagenet_layer_table() {
        let l = FbnetInput::ImageNet.layers();
        let shape = |i: usize| (l[i].size_in, l[i].c_in, l[i].c_out, l[i].stride);
        assert_eq!(shape(0), (112, 16, 16, 1));
        assert_eq!(shape(1), (112, 16, 24, 2));
        assert_eq!(shape(2), (56, 24, 24, 1));
        assert_eq!(shape(5), (56, 24, 32, 2));
        assert_eq!(shape(9), (28, 32, 64, 2));
        assert_eq!(shape(13), (14, 64, 112, 1));
        assert_eq!(shape(17), (14, 112, 184, 2));
        assert_eq!(shape(21), (7, 184, 352, 1));
        assert_eq!(FbnetInput::ImageNet.final_size(), 7);
    }

    #[test]
    fn keys_of_fixed_ops_and_blocks() {
        let a = FbnetArch { blocks: [Block::Skip; FBNET_LAYERS] };
        let ops = a.lut_ops(FbnetInput::ImageNet);
        assert_eq!(ops.len(), 26);
        assert_eq!(ops[0].key, "ConvNorm_H224_W224_Cin3_Cout16_kernel3_stride2_group1");
        assert_eq!(ops[2].key, "Skip_H112_W112_Cin16_Cout24_stride2");
        assert_eq!(ops[23].key, "ConvNorm_H7_W7_Cin352_Cout1984_kernel1_stride1_group1");
        assert_eq!(ops[24].key, "AvgP_H7_W7_Cin1984_Cout1984_kernel7_stride1");
        assert_eq!(ops[25].key, "FC_Cin1984_Cout1000");
        let l = FbnetInput::Cifar100.layers()[1];
        assert_eq!(l.lut_key(Block::K5E1G2), "ConvBlock_H32_W32_Cin16_Cout24_exp1_kernel5_stride1_group2");
        assert!(!l.skip_is_identity() && FbnetInput::Cifar100.layers()[2].skip_is_identity());
    }
}
