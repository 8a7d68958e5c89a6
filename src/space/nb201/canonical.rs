//! The benchmark's isomorphism classes: NB201's `Structure.to_unique_str(consider_zero=True)`,
//! reproduced exactly so that the classes (6,466 of them) match the published count.
//!
//! The rule, node by node (node 0 is the string `0`), for each input edge `op~j` of node i:
//! - `none`, or a source node whose whole expression is the zero mark `#`, gives the term `#`;
//! - `skip_connect` gives the source's expression unchanged (a sum is spliced in without brackets);
//! - any other op gives `(src)@op` (op of zero is zero: pools of zeros are zeros, and
//!   ReLU→conv→BN of zeros is β = 0 at init, so such a source already gave `#` above).
//!
//! Node i's expression is its terms sorted as strings and joined with `+`; the class key is the
//! expression of node 3. Two quirks of the benchmark are kept because the count depends on them:
//! `#` terms stay in sums (`x+#` ≠ `x`), and only an expression that is exactly `#` counts as
//! zero, so only node 1 can be zero (node 2 with two zero inputs is `#+#`). Hence the classes
//! refine true functional equivalence (same key ⇒ same function) but do not merge every pair of
//! equal functions — e.g. the (0→1,1→3)↔(0→2,2→3) swap when (1→2) is none; see
//! [`Cell::functional_form`] for a coarser key that respects it.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use super::{Cell, EDGE_NODES, Op, SPACE_SIZE};

/// Number of benchmark isomorphism classes in the space (NB201's published count).
pub const CANONICAL_CLASSES: usize = 6_466;

/// A cell's benchmark isomorphism-class key (the `to_unique_str` string); hashable and ordered.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Canonical(String);

impl Canonical {
    /// The key as the benchmark writes it, e.g. `(0)@nor_conv_3x3+0`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Canonical {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The zero mark of `to_unique_str`.
const ZERO: &str = "#";

/// Class membership of every cell, built once on first use (a few milliseconds).
struct Classes {
    /// Class index of each code; classes are numbered in order of their smallest code.
    class_of: Vec<u16>,
    /// All codes, grouped by class, ascending within a class.
    members: Vec<u16>,
    /// `members[start[k]..start[k + 1]]` are the codes of class k.
    start: Vec<usize>,
}

fn classes() -> &'static Classes {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let mut index: HashMap<Canonical, u16> = HashMap::new();
        let class_of: Vec<u16> = Cell::all()
            .map(|cell| {
                let next = index.len() as u16;
                *index.entry(cell.canonical()).or_insert(next)
            })
            .collect();
        let n = index.len();
        let mut start = vec![0usize; n + 1];
        for &k in &class_of {
            start[usize::from(k) + 1] += 1;
        }
        for k in 0..n {
            start[k + 1] += start[k];
        }
        let mut fill = start.clone();
        let mut members = vec![0u16; SPACE_SIZE];
        for (code, &k) in class_of.iter().enumerate() {
            members[fill[usize::from(k)]] = code as u16;
            fill[usize::from(k)] += 1;
        }
        Classes { class_of, members, start }
    })
}

impl Cell {
    /// The benchmark isomorphism-class key of this cell (see the module doc for the exact rule).
    pub fn canonical(&self) -> Canonical {
        let mut nodes: [String; 4] = ["0".to_string(), String::new(), String::new(), String::new()];
        for to in 1..=3 {
            let mut terms: Vec<String> = EDGE_NODES
                .iter()
                .zip(self.ops)
                .filter(|((_, t), _)| *t == to)
                .map(|(&(from, _), op)| {
                    let src = &nodes[from];
                    match op {
                        _ if op == Op::None || src == ZERO => ZERO.to_string(),
                        Op::SkipConnect => src.clone(),
                        _ => format!("({src})@{}", op.name()),
                    }
                })
                .collect();
            terms.sort(); // byte order = Python's code-point order for these ASCII strings
            nodes[to] = terms.join("+");
        }
        let [_, _, _, out] = nodes;
        Canonical(out)
    }

    /// Dense index of this cell's class, 0..[`CANONICAL_CLASSES`], numbered in order of the
    /// classes' representatives' codes.
    pub fn class_index(&self) -> usize {
        usize::from(classes().class_of[usize::from(self.code())])
    }

    /// The member of this cell's class with the smallest [`Cell::code`] (table lookup).
    pub fn canonical_representative(&self) -> Cell {
        let c = classes();
        Cell::decode(c.members[c.start[self.class_index()]])
    }

    /// Every cell in this cell's class (itself included), sorted by code.
    pub fn isomorphs(&self) -> Vec<Cell> {
        let c = classes();
        let k = self.class_index();
        c.members[c.start[k]..c.start[k + 1]].iter().map(|&code| Cell::decode(code)).collect()
    }

    /// One representative per class ([`Cell::canonical_representative`]), in code order:
    /// the space without benchmark-isomorphic duplicates.
    pub fn representatives() -> impl Iterator<Item = Cell> {
        let c = classes();
        c.start[..c.start.len() - 1].iter().map(|&s| Cell::decode(c.members[s]))
    }

    /// [`Cell::from_code`] for codes known to be in range.
    fn decode(code: u16) -> Cell {
        Cell::from_code(code).unwrap_or(Cell { ops: [Op::None; super::EDGES] })
    }
}
