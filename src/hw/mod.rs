//! Hardware cost of architectures: latency and energy from the benchmarks' lookup tables.
//!
//! Pure arithmetic over bundled tables (`bench`) and genotypes (`space`); no device, no network.

pub mod fbnet;
