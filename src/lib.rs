//! Zero-Shot NAS Explorer: training-free proxies for neural architecture search.
//!
//! Data flows one way: genotype ([`space`]) → network ([`net`]) → score ([`proxy`]) → joined
//! with ground truth ([`bench`]) → statistics (`stats`) → plot (`app`) or table (`cli`).

pub mod bench; // bundled benchmark tables: the asset format and typed views
pub mod chart; // plots as data: axes, scatter, heat map; drawn on canvas or written as SVG
pub mod compute; // device choice: WebGPU when an adapter answers, else the CPU
pub mod explorer; // the explorer's browser-free logic: URL view state, populations, compare tables
pub mod hw; // hardware cost: latency tables, per-op estimates, analytic counts, selection
pub mod net; // genotype → program → burn network; analytic cost
pub mod proxy; // zero-shot proxies: registry, protocol, shared machinery, one file each
pub mod report; // facts joined from space, net and bench: what the faces display
pub mod rng; // seeded RNG shared by init, batch choice and sampling
pub mod space; // search spaces: genotypes, parsing, canonical forms, sampling
pub mod stats; // ρ, τ-b, Pearson, top-k, nDCG, bootstrap intervals

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli; // the `zsnas` command-line front end (native only) // the Leptos page (wasm32 only)
