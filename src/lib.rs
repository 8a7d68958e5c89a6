//! Zero-Shot NAS Explorer: training-free proxies for neural architecture search.
//!
//! Data flows one way: genotype ([`space`]) → network ([`net`]) → score (`proxy`) → joined with
//! ground truth ([`bench`]) → statistics ([`stats`]) → plot (`app`) or table (`cli`).

pub mod rng; // seeded RNG shared by init, batch choice and sampling
pub mod space; // search spaces: genotypes, parsing, canonical forms, sampling
pub mod net; // genotype → program → burn network; analytic cost
pub mod compute; // device choice: WebGPU when an adapter answers, else the CPU

#[cfg(not(target_arch = "wasm32"))]
pub mod cli; // the `zsnas` command-line front end
