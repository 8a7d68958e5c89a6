//! A functional form of a cell, coarser than the benchmark's [`Canonical`](super::Canonical):
//! two cells with equal forms compute the same function for every choice of weights.
//!
//! Node 0 is the input `x`; node i is the multiset sum of its edges' terms, where `none` and any
//! op applied to a zero node contribute nothing (op(0) = 0: pooled zeros are zeros, and
//! ReLU→conv→BN of zeros is BN's β = 0 at init), `skip_connect` splices the source's terms into
//! the sum (identity, and + is associative and commutative), and any other op contributes
//! `op(source)`. A node with no terms is zero (`0`). The form is node 3's sum with terms sorted.
//! It respects every symmetry of the cell graph (e.g. swapping the two paths through nodes 1
//! and 2 when (1→2) is none) and gives 4,930 classes. Not used: avg-pool's linearity
//! (pool(a+b) = pool(a)+pool(b)), so a few functionally equal cells still differ.

use std::fmt;

use super::{Cell, EDGE_NODES, Op};

/// Number of distinct [`FunctionalForm`]s over the space.
pub const FUNCTIONAL_CLASSES: usize = 4_930;

/// The functional form of a cell, written as e.g. `nor_conv_3x3(x)+x`; hashable and ordered.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FunctionalForm(String);

impl FunctionalForm {
    /// The form as text: `x` is the input, `op(…)` an op, `+` a sum, `0` the zero function.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FunctionalForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A summand: the input, or a non-identity op applied to a non-zero sum.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Term {
    Input,
    Apply(Op, Vec<Term>),
}

/// Writes a sorted sum; the empty sum is `0`.
fn render(sum: &[Term], out: &mut String) {
    if sum.is_empty() {
        out.push('0');
    }
    for (i, term) in sum.iter().enumerate() {
        if i > 0 {
            out.push('+');
        }
        match term {
            Term::Input => out.push('x'),
            Term::Apply(op, arg) => {
                out.push_str(op.name());
                out.push('(');
                render(arg, out);
                out.push(')');
            }
        }
    }
}

impl Cell {
    /// This cell's functional form (see the module doc); symmetric under graph isomorphism.
    pub fn functional_form(&self) -> FunctionalForm {
        let mut nodes: [Vec<Term>; 4] = [vec![Term::Input], Vec::new(), Vec::new(), Vec::new()];
        for to in 1..=3 {
            let mut sum = Vec::new();
            for (&(from, t), op) in EDGE_NODES.iter().zip(self.ops) {
                let src = &nodes[from];
                if t != to || op == Op::None || src.is_empty() {
                    continue;
                }
                match op {
                    Op::SkipConnect => sum.extend(src.iter().cloned()),
                    _ => sum.push(Term::Apply(op, src.clone())),
                }
            }
            sum.sort();
            nodes[to] = sum;
        }
        let mut out = String::new();
        render(&nodes[3], &mut out);
        FunctionalForm(out)
    }
}
