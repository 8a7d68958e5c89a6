//! Networks: genotypes compiled into a plain-data [`program::Program`] and run on a burn device.

pub mod builder;
pub mod cost;
pub mod fbnet;
pub mod forward;
pub mod init;
pub mod nb201;
pub mod program;

use crate::space::{Arch, Dataset};

/// The benchmark network of `arch` for `dataset` (head and resolution).
pub fn program_for(arch: &Arch, dataset: Dataset) -> program::Program {
    match arch {
        Arch::Nb201(cell) => {
            nb201::nb201_program(cell, &nb201::Nb201Config::for_dataset(dataset.classes(), dataset.resolution()))
        }
    }
}
