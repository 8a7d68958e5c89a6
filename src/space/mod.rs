//! Search spaces: genotypes, their string forms, canonical forms, sampling and mutation.

pub mod nb201;
