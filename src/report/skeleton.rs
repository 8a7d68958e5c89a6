//! The macro skeleton of a cell's NB201 network — stem, three stages of N cells with a residual
//! reduction block between stages, and the head — with each part's output shape, parameters and
//! multiply-accumulates, split along the network's articulation points (`Program::cuts`).

use serde::Serialize;

use crate::hw::analytic::analytic_cost;
use crate::net::nb201::{Nb201Config, nb201_program};
use crate::space::Dataset;
use crate::space::nb201::Cell;

/// One part of the macro network.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Part {
    /// "stem", "stage 1", "reduction 1", …, "head".
    pub name: String,
    /// How many blocks it holds (cells per stage; 1 otherwise).
    pub blocks: usize,
    /// Output shape of one image: `[c, h, w]`, or `[classes]` for the head.
    pub output_shape: Vec<usize>,
    /// Trainable parameters (BN γ/β included).
    pub params: usize,
    /// Multiply-accumulates of one image.
    pub macs: u64,
}

/// Which part a parameter belongs to, from its dotted name (`stem.conv`, `cells.7.edge_0_1.conv`,
/// `reduce1.a.conv`, `lastact.bn`, `classifier`).
fn part_of_param(name: &str, cells_per_stage: usize) -> usize {
    let head = name.split('.').next().unwrap_or("");
    match head {
        "stem" => 0,
        "reduce1" => 2,
        "reduce2" => 4,
        "cells" => {
            let k: usize = name.split('.').nth(1).and_then(|k| k.parse().ok()).unwrap_or(0);
            1 + 2 * (k / cells_per_stage.max(1)).min(2)
        }
        _ => 6,
    }
}

/// The seven parts of `cell`'s network on `dataset`.
pub fn nb201_skeleton(cell: &Cell, dataset: Dataset) -> Vec<Part> {
    let config = Nb201Config::for_dataset(dataset.classes(), dataset.resolution());
    let n = config.cells_per_stage;
    let program = nb201_program(cell, &config);
    let cost = analytic_cost(&program, 1);
    let shapes = program.shapes(1);
    // The step writing each cut (a cut that is an earlier slot, e.g. a skip-only cell, maps to
    // that slot's writer: the cell then holds no step of its own).
    let writer = |slot: usize| program.steps.iter().position(|s| s.out() == slot);
    let cut_steps: Vec<Option<usize>> = program.cuts.iter().map(|&slot| writer(slot)).collect();
    // Cut k closes segment k: 0 stem, 1..=n stage 1, n+1 reduction 1, …; after the last, the head.
    let segment_to_part = |seg: usize| match seg {
        0 => 0,
        s if s <= n => 1,
        s if s == n + 1 => 2,
        s if s <= 2 * n + 1 => 3,
        s if s == 2 * n + 2 => 4,
        s if s <= 3 * n + 2 => 5,
        _ => 6,
    };
    let names = ["stem", "stage 1", "reduction 1", "stage 2", "reduction 2", "stage 3", "head"];
    let mut parts: Vec<Part> = names
        .iter()
        .enumerate()
        .map(|(k, name)| Part {
            name: name.to_string(),
            blocks: if k % 2 == 1 { n } else { 1 },
            output_shape: Vec::new(),
            params: 0,
            macs: 0,
        })
        .collect();
    for op in &cost.ops {
        let seg = cut_steps.iter().position(|c| c.is_some_and(|c| op.step <= c)).unwrap_or(cut_steps.len());
        parts[segment_to_part(seg)].macs += op.macs;
    }
    for p in &program.params {
        parts[part_of_param(&p.name, n)].params += p.shape.iter().product::<usize>();
    }
    for (seg, &slot) in program.cuts.iter().enumerate() {
        if let Some(shape) = shapes.get(slot) {
            parts[segment_to_part(seg)].output_shape = shape[1..].to_vec();
        }
    }
    parts[6].output_shape = vec![config.classes];
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_add_up_to_the_network() {
        for dataset in Dataset::ALL {
            let cell = Cell::example();
            let parts = nb201_skeleton(&cell, dataset);
            let program = nb201_program(&cell, &Nb201Config::for_dataset(dataset.classes(), dataset.resolution()));
            let cost = analytic_cost(&program, 1);
            assert_eq!(parts.len(), 7);
            assert_eq!(parts.iter().map(|p| p.params).sum::<usize>(), cost.params);
            assert_eq!(parts.iter().map(|p| p.macs).sum::<u64>(), cost.macs);
            let r = dataset.resolution();
            assert_eq!(parts[0].output_shape, vec![16, r, r]);
            assert_eq!(parts[3].output_shape, vec![32, r / 2, r / 2]);
            assert_eq!(parts[5].output_shape, vec![64, r / 4, r / 4]);
            assert_eq!(parts[6].output_shape, vec![dataset.classes()]);
            assert!(parts.iter().all(|p| p.params > 0 || p.name.starts_with("stage")), "{parts:?}");
        }
    }

    #[test]
    fn a_cell_without_weights_leaves_its_stages_empty() {
        use crate::space::nb201::Op;
        let skip = Cell { ops: [Op::SkipConnect; 6] };
        let parts = nb201_skeleton(&skip, Dataset::Cifar10);
        for stage in [1, 3, 5] {
            assert_eq!(parts[stage].params, 0);
        }
        assert!(parts[2].params > 0 && parts[2].macs > 0, "the reduction blocks always compute");
    }
}
