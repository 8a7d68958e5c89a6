//! Search spaces: genotypes, their string forms, canonical forms, sampling and mutation.

pub mod dataset;
pub mod fbnet;
pub mod nb201;

pub use dataset::Dataset;

/// An architecture of any supported space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arch {
    /// A NAS-Bench-201 cell.
    Nb201(nb201::Cell),
}
