//! The NB201 cell as a graph for topology-only proxies (nn_mass, nn_degree): 4 nodes, an edge
//! for every *live* non-`none` op (skip and pooling included), so functionally identical cells
//! (dead edges, see `space::nb201::live`) get identical scores.

use crate::space::nb201::{Cell, EDGE_NODES, EDGES};

/// Nodes of an NB201 cell graph.
pub const NODES: usize = 4;

/// Largest possible number of edges of the cell's DAG (4 nodes, all forward pairs).
pub const MAX_EDGES: usize = EDGES;

/// The live edges `(from, to)` of `cell`.
pub fn edges(cell: &Cell) -> Vec<(usize, usize)> {
    EDGE_NODES.iter().zip(cell.live_edges()).filter(|(_, live)| *live).map(|(&e, _)| e).collect()
}

/// Longest path (in edges) from node 0 to node 3 through live edges; 0 for a zero cell.
pub fn depth(cell: &Cell) -> usize {
    let mut longest: [Option<usize>; NODES] = [Some(0), None, None, None];
    // EDGE_NODES is sorted by target, so every source is final before it is read.
    for (from, to) in edges(cell) {
        if let Some(d) = longest[from] {
            longest[to] = Some(longest[to].map_or(d + 1, |old| old.max(d + 1)));
        }
    }
    longest[NODES - 1].unwrap_or(0)
}
