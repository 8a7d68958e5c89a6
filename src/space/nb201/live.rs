//! Which nodes are zero and which edges influence the output; the network builder skips dead
//! edges, and a zero cell makes the whole network output a constant.
//!
//! A node is non-zero iff a path of non-`none` edges leads to it from node 0 (op(0) = 0 for
//! every op, see `function`). An edge (i→j) is live iff its op is not `none`, node i is
//! non-zero, and j = 3 or a path of non-`none` edges leads from j to node 3. Every other edge
//! is dead: replacing its op by `none` leaves the cell's function unchanged.

use super::{Cell, EDGE_NODES, EDGES, Op};

impl Cell {
    /// Per node 0..=3: whether it can be non-zero (reached from node 0 by non-`none` edges).
    pub fn nonzero_nodes(&self) -> [bool; 4] {
        let mut nonzero = [true, false, false, false];
        for (&(from, to), op) in EDGE_NODES.iter().zip(self.ops) {
            // EDGE_NODES is sorted by target, so every source is final before it is read.
            nonzero[to] |= op != Op::None && nonzero[from];
        }
        nonzero
    }

    /// The output (node 3) is identically zero, so the network's output is a constant.
    pub fn is_zero(&self) -> bool {
        !self.nonzero_nodes()[3]
    }

    /// Same as [`Cell::is_zero`]: no path of non-`none` edges joins input and output.
    pub fn is_dead(&self) -> bool {
        self.is_zero()
    }

    /// Edges whose op influences the output (see the module doc); all false iff the cell is zero.
    pub fn live_edges(&self) -> [bool; EDGES] {
        let nonzero = self.nonzero_nodes();
        let mut reaches_out = [false, false, false, true];
        for (&(from, to), op) in EDGE_NODES.iter().zip(self.ops).rev() {
            // Reverse order visits edges by descending target, so each target is final first.
            reaches_out[from] |= op != Op::None && reaches_out[to];
        }
        let mut live = [false; EDGES];
        for (e, (&(from, to), op)) in EDGE_NODES.iter().zip(self.ops).enumerate() {
            live[e] = op != Op::None && nonzero[from] && reaches_out[to];
        }
        live
    }
}
