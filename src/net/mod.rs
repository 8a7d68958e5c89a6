//! Networks: genotypes compiled into a plain-data [`program::Program`] and run on a burn device.

pub mod builder;
pub mod cost;
pub mod forward;
pub mod init;
pub mod nb201;
pub mod program;
