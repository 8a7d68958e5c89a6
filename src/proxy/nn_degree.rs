//! `nn_degree`: the average node degree of the cell graph, 2 |E| / |V|.
//! Li et al., "FLASH: Fast Neural Architecture Search with Hardware Optimization", ACM TECS 2021.
//!
//! Choices for NB201 (see `shared::cell_graph`): |V| = 4 cell nodes, E = live non-`none` ops,
//! skip connections and pooling included (each is an edge of the graph); every cell of the
//! network is the same, so the network's average equals the cell's. Range 0 (zero cell) to 3.

use crate::proxy::prelude::*;
use crate::proxy::shared::cell_graph::{NODES, edges};
use crate::space::Arch;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "nn_degree",
    kind: 'S',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::NONE,
    paper: "Li et al., FLASH: Fast Neural Architecture Search with Hardware Optimization, ACM TECS 2021",
    summary: "The average number of connections per node of the cell graph.",
};

/// From the genotype alone.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let Arch::Nb201(cell) = s.arch;
    Score::new(2.0 * edges(&cell).len() as f64 / NODES as f64)
}
