//! `nn_mass`: Σ_cells density × width × depth of the cell graph (topology only).
//! Bhardwaj et al., "How does topology influence gradient propagation and model performance of
//! deep networks with DenseNet-type skip connections?", CVPR 2021.
//!
//! Choices for NB201 (see `shared::cell_graph`): edges = live non-`none` ops, skip connections
//! included (they are exactly NN-Mass's long-range links); density = edges / 6 (all possible
//! edges of a 4-node DAG); depth = longest path from the cell input to its output, in edges;
//! width = the cell's channel count (C, 2C, 4C per stage, `Nb201Config`: 16, 32, 64); summed
//! over all 3 × 5 cells (reduction blocks are fixed and omitted). A zero cell scores 0.

use crate::net::nb201::Nb201Config;
use crate::proxy::prelude::*;
use crate::proxy::shared::cell_graph::{MAX_EDGES, depth, edges};
use crate::space::Arch;

/// Registry entry.
pub const INFO: ProxyInfo = ProxyInfo {
    name: "nn_mass",
    kind: 'S',
    orientation: Orientation::HigherIsBetter,
    needs: Needs::NONE,
    paper: "Bhardwaj et al., How does topology influence gradient propagation and model performance of deep networks with DenseNet-type skip connections?, CVPR 2021",
    summary: "Cell density × width × depth, summed over cells: how densely connected the network is.",
};

/// From the genotype alone.
pub async fn compute(s: &Session) -> Result<Score, ProxyError> {
    let Arch::Nb201(cell) = s.arch;
    let config = Nb201Config::default();
    let density = edges(&cell).len() as f64 / MAX_EDGES as f64;
    let per_cell = density * depth(&cell) as f64;
    let widths: usize = (0..3).map(|stage| config.channels << stage).sum();
    Score::new(per_cell * (config.cells_per_stage * widths) as f64)
}
