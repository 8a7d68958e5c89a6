//! The FBNet space of HW-NAS-Bench: a fixed macro network (stem, 22 searchable layers in 7
//! stages, 1×1 header conv, average pool, classifier) where each searchable layer picks one of 9
//! blocks. 9²² ≈ 9.8·10²⁰ architectures, so there is no table of them: hardware cost comes from
//! summing a per-op lookup table (`hw::fbnet`).
//!
//! An architecture is written as HW-NAS-Bench's `op_idx_list`, the 22 block ids 0..8 in layer
//! order, e.g. `7 8 1 8 4 8 8 8 7 4 1 4 7 3 2 7 3 2 4 2 4 5` (HELP's CSV form) or
//! `[7, 8, 1, …]` (the benchmark's Python list form).
//!
//! Submodules, one concept each: `parse` (both string forms), `layers` (the per-input layer
//! configuration and each layer's lookup-table key).

mod layers;
mod parse;

use std::fmt;

use crate::rng::Rng;

pub use layers::{
    FbnetInput, FbnetLayer, FbnetPart, LutOp, STAGE_CHANNELS, STAGE_LAYERS, STEM_CHANNELS, stage_strides,
};
pub use parse::ParseError;

/// Number of searchable layers.
pub const FBNET_LAYERS: usize = 22;

/// One of the 9 candidate blocks, in HW-NAS-Bench's `PRIMITIVES` order (position = block id).
///
/// Every block except [`Block::Skip`] is an inverted residual: 1×1 conv (C_in → e·C_in, `g`
/// groups) → BN → ReLU → [channel shuffle when g = 2] → k×k depthwise conv (the layer's stride)
/// → BN → ReLU → 1×1 conv (→ C_out, `g` groups) → BN, plus the input when C_in = C_out and the
/// stride is 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Block {
    /// Kernel 3, expansion 1.
    K3E1,
    /// Kernel 3, expansion 1, grouped 1×1 convs (2 groups).
    K3E1G2,
    /// Kernel 3, expansion 3.
    K3E3,
    /// Kernel 3, expansion 6.
    K3E6,
    /// Kernel 5, expansion 1.
    K5E1,
    /// Kernel 5, expansion 1, grouped 1×1 convs (2 groups).
    K5E1G2,
    /// Kernel 5, expansion 3.
    K5E3,
    /// Kernel 5, expansion 6.
    K5E6,
    /// Identity when the layer keeps shape; otherwise 1×1 conv (the layer's stride) → BN → ReLU.
    Skip,
}

impl Block {
    /// All blocks in benchmark order; a block's position here is its id.
    pub const ALL: [Block; 9] = [
        Block::K3E1,
        Block::K3E1G2,
        Block::K3E3,
        Block::K3E6,
        Block::K5E1,
        Block::K5E1G2,
        Block::K5E3,
        Block::K5E6,
        Block::Skip,
    ];

    /// HW-NAS-Bench's name (`k3_e1`, `k3_e1_g2`, …, `skip`).
    pub fn name(self) -> &'static str {
        match self {
            Block::K3E1 => "k3_e1",
            Block::K3E1G2 => "k3_e1_g2",
            Block::K3E3 => "k3_e3",
            Block::K3E6 => "k3_e6",
            Block::K5E1 => "k5_e1",
            Block::K5E1G2 => "k5_e1_g2",
            Block::K5E3 => "k5_e3",
            Block::K5E6 => "k5_e6",
            Block::Skip => "skip",
        }
    }

    /// Position in [`Block::ALL`] (HW-NAS-Bench's op index).
    pub fn id(self) -> u8 {
        self as u8
    }

    /// The block with id `id`; `None` for 9 and above.
    pub fn from_id(id: u8) -> Option<Block> {
        Block::ALL.get(usize::from(id)).copied()
    }

    /// The block with benchmark name `name` (exact, case-sensitive).
    pub fn from_name(name: &str) -> Option<Block> {
        Block::ALL.into_iter().find(|b| b.name() == name)
    }

    /// `(expansion, kernel, groups)` of an inverted-residual block; `None` for [`Block::Skip`].
    pub fn conv(self) -> Option<(usize, usize, usize)> {
        match self {
            Block::K3E1 => Some((1, 3, 1)),
            Block::K3E1G2 => Some((1, 3, 2)),
            Block::K3E3 => Some((3, 3, 1)),
            Block::K3E6 => Some((6, 3, 1)),
            Block::K5E1 => Some((1, 5, 1)),
            Block::K5E1G2 => Some((1, 5, 2)),
            Block::K5E3 => Some((3, 5, 1)),
            Block::K5E6 => Some((6, 5, 1)),
            Block::Skip => None,
        }
    }
}

/// An FBNet architecture: the block of each searchable layer, in layer order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FbnetArch {
    /// Blocks of layers 1..=22.
    pub blocks: [Block; FBNET_LAYERS],
}

impl FbnetArch {
    /// The architecture with block ids `ids`; `None` if any id is 9 or above.
    pub fn from_ids(ids: &[u8; FBNET_LAYERS]) -> Option<FbnetArch> {
        let mut blocks = [Block::K3E1; FBNET_LAYERS];
        for (b, &id) in blocks.iter_mut().zip(ids) {
            *b = Block::from_id(id)?;
        }
        Some(FbnetArch { blocks })
    }

    /// Block ids in layer order (HW-NAS-Bench's `op_idx_list`).
    pub fn ids(&self) -> [u8; FBNET_LAYERS] {
        self.blocks.map(Block::id)
    }

    /// An architecture drawn uniformly: one `below(9)` draw per layer, layer 1 first.
    pub fn random(rng: &mut Rng) -> FbnetArch {
        let mut blocks = [Block::K3E1; FBNET_LAYERS];
        for b in &mut blocks {
            *b = Block::ALL[rng.below(Block::ALL.len() as u64) as usize];
        }
        FbnetArch { blocks }
    }

    /// The benchmark's list form, `[7, 8, 1, …]`.
    pub fn list_string(&self) -> String {
        let ids: Vec<String> = self.blocks.iter().map(|b| b.id().to_string()).collect();
        format!("[{}]", ids.join(", "))
    }
}

/// Space-separated block ids (HELP's CSV form), e.g. `0 0 … 0 1`.
impl fmt::Display for FbnetArch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{}", b.id())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_follow_primitives_order() {
        let names: Vec<&str> = Block::ALL.iter().map(|b| b.name()).collect();
        assert_eq!(names, ["k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"]);
        for (i, b) in Block::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(b.id()), i);
            assert_eq!(Block::from_id(b.id()), Some(b));
            assert_eq!(Block::from_name(b.name()), Some(b));
        }
        assert_eq!(Block::from_id(9), None);
        assert_eq!(Block::from_name("K3_E1"), None);
    }

    #[test]
    fn random_is_seeded_and_uses_every_block() {
        let a: Vec<FbnetArch> = (0..50).map(|_| FbnetArch::random(&mut Rng::new(3))).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut rng = Rng::new(3);
        let many: Vec<FbnetArch> = (0..200).map(|_| FbnetArch::random(&mut rng)).collect();
        assert_eq!(many[0], a[0]);
        for b in Block::ALL {
            assert!(many.iter().any(|x| x.blocks.contains(&b)), "{b:?} never drawn");
        }
    }

    #[test]
    fn display_and_list_forms() {
        let mut ids = [0u8; FBNET_LAYERS];
        ids[21] = 8;
        let a = FbnetArch::from_ids(&ids).unwrap();
        assert_eq!(a.to_string(), "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 8");
        assert!(a.list_string().starts_with("[0, 0, ") && a.list_string().ends_with(", 0, 8]"));
        assert_eq!(a.ids(), ids);
        ids[0] = 9;
        assert_eq!(FbnetArch::from_ids(&ids), None);
    }
}
