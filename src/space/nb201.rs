//! NAS-Bench-201 (NATS-Bench TSS) cell: 4 nodes, 6 edges, 5 candidate ops per edge.
//!
//! Edge order is the benchmark's arch-string order: (0→1), (0→2), (1→2), (0→3), (1→3), (2→3).
//!
//! Submodules, one concept each, all adding methods to [`Cell`]: `parse` (arch strings),
//! `canonical` (the benchmark's isomorphism classes), `function` (a coarser, symmetry-respecting
//! functional form), `live` (zero nodes and dead edges), `sample` (sampling, mutation).

mod canonical;
mod function;
mod live;
mod parse;
mod sample;

pub use canonical::{CANONICAL_CLASSES, Canonical};
pub use function::{FUNCTIONAL_CLASSES, FunctionalForm};
pub use parse::ParseError;
pub use sample::{sample_distinct, sample_distinct_with, stratified_indices};

/// One of the five NB201 candidate operations, in the benchmark's op order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Op {
    /// Outputs zeros: the edge does not exist.
    None,
    /// Identity.
    SkipConnect,
    /// ReLU → conv1×1 (no bias) → BN.
    NorConv1x1,
    /// ReLU → conv3×3 (no bias) → BN.
    NorConv3x3,
    /// 3×3 average pool, stride 1, pad 1, padding not counted.
    AvgPool3x3,
}

impl Op {
    /// All ops in benchmark order; an op's position here is its id.
    pub const ALL: [Op; 5] = [Op::None, Op::SkipConnect, Op::NorConv1x1, Op::NorConv3x3, Op::AvgPool3x3];

    /// The benchmark's name of the op.
    pub fn name(self) -> &'static str {
        match self {
            Op::None => "none",
            Op::SkipConnect => "skip_connect",
            Op::NorConv1x1 => "nor_conv_1x1",
            Op::NorConv3x3 => "nor_conv_3x3",
            Op::AvgPool3x3 => "avg_pool_3x3",
        }
    }

    /// Position in [`Op::ALL`].
    pub fn id(self) -> u8 {
        self as u8
    }

    /// The op with benchmark name `name` (exact, case-sensitive); `None` for anything else.
    pub fn from_name(name: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.name() == name)
    }
}

/// Number of edges in a cell.
pub const EDGES: usize = 6;
/// `(from, to)` node pair of each edge, in arch-string order.
pub const EDGE_NODES: [(usize, usize); EDGES] = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)];
/// Number of cells in the space (5⁶).
pub const SPACE_SIZE: usize = 15_625;

/// A cell genotype: the op on each of the six edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell {
    /// Ops in edge order ([`EDGE_NODES`]).
    pub ops: [Op; EDGES],
}

impl Cell {
    /// The explorer's example cell: conv3×3 on every edge but a skip 0→3 (a strong, readable
    /// network; the page opens on it and `zsnas hw --measure` times it by default).
    pub fn example() -> Cell {
        use Op::*;
        Cell { ops: [NorConv3x3, NorConv3x3, NorConv3x3, SkipConnect, NorConv3x3, NorConv3x3] }
    }

    /// Base-5 code: Σ op_id(e) · 5^e over edges e in arch-string order. A bijection onto
    /// 0..15625, used as the compact storage of the benchmark's arch table (NOT the NATS index).
    pub fn code(&self) -> u16 {
        self.ops.iter().rev().fold(0u16, |acc, op| acc * 5 + u16::from(op.id()))
    }

    /// Inverse of [`Cell::code`]; `None` when `code >= 15625`.
    pub fn from_code(code: u16) -> Option<Cell> {
        if usize::from(code) >= SPACE_SIZE {
            return None;
        }
        let mut c = code;
        let mut ops = [Op::None; EDGES];
        for op in ops.iter_mut() {
            *op = Op::ALL[usize::from(c % 5)];
            c /= 5;
        }
        Some(Cell { ops })
    }
}

impl Cell {
    /// Every cell of the space, in [`Cell::code`] order (15,625 items).
    pub fn all() -> impl Iterator<Item = Cell> {
        (0..SPACE_SIZE as u16).filter_map(Cell::from_code)
    }

    /// Edges whose op is not `none` (the cell's graph as drawn; static proxies such as nn_mass and
    /// nn_degree count these). Unlike [`Cell::live_edges`] it ignores whether the edge matters.
    pub fn edges_present(&self) -> [bool; EDGES] {
        self.ops.map(|op| op != Op::None)
    }
}
