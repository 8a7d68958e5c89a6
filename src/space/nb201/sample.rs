//! Seeded sampling and single-edge moves, all driven by the project's [`Rng`] so that a seed
//! fixes the result on every target.

use super::{Cell, EDGES, Op, SPACE_SIZE};
use crate::rng::Rng;

/// Name of the [`Rng::derive`] stream used by [`sample_distinct`].
const SAMPLE_STREAM: &str = "space.nb201.sample";

impl Cell {
    /// A cell drawn uniformly from the whole space (one `below(15625)` draw).
    pub fn random(rng: &mut Rng) -> Cell {
        Cell::from_code(rng.below(SPACE_SIZE as u64) as u16).unwrap_or(Cell { ops: [Op::None; EDGES] })
    }

    /// A copy with exactly one edge (uniform) changed to a different op (uniform among the four).
    pub fn mutate(&self, rng: &mut Rng) -> Cell {
        let edge = rng.below(EDGES as u64) as usize;
        let shift = 1 + rng.below(Op::ALL.len() as u64 - 1) as usize;
        let mut ops = self.ops;
        ops[edge] = Op::ALL[(usize::from(ops[edge].id()) + shift) % Op::ALL.len()];
        Cell { ops }
    }

    /// All 24 single-edge mutants, edge by edge, ops in [`Op::ALL`] order.
    pub fn neighbors(&self) -> [Cell; 24] {
        let mut out = [*self; 24];
        let mut k = 0;
        for edge in 0..EDGES {
            for op in Op::ALL {
                if op != self.ops[edge] {
                    out[k].ops[edge] = op;
                    k += 1;
                }
            }
        }
        out
    }
}

/// `n` distinct cells drawn uniformly without replacement, from the stream
/// `Rng::derive(seed, "space.nb201.sample")`. `n` is clamped to 15,625 (so `usize::MAX` gives a
/// random permutation of the space); the order is the draw order.
pub fn sample_distinct(n: usize, seed: u64) -> Vec<Cell> {
    sample_distinct_with(n, &mut Rng::derive(seed, SAMPLE_STREAM))
}

/// [`sample_distinct`] drawing from a caller's generator (partial Fisher–Yates over all codes).
pub fn sample_distinct_with(n: usize, rng: &mut Rng) -> Vec<Cell> {
    let n = n.min(SPACE_SIZE);
    let mut codes: Vec<u16> = (0..SPACE_SIZE as u16).collect();
    for i in 0..n {
        let j = i + rng.below((SPACE_SIZE - i) as u64) as usize;
        codes.swap(i, j);
    }
    codes[..n].iter().filter_map(|&c| Cell::from_code(c)).collect()
}
