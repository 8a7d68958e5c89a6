//! Hardware cost: the bundled measured latency tables, per-op additive estimates with their
//! measured error, analytic counts (params, FLOPs, activation memory), the FBNet space's lookup
//! table metrics, timing on this device, Pareto fronts and hardware-aware selection.

pub mod analytic; // params, MACs, FLOPs, peak activation memory per op and in total
pub mod device; // names and classes of the devices behind the tables
pub mod fbnet; // the 8 HW-NAS-Bench FBNet metrics by summing the per-op lookup table
pub mod measure; // forward-pass timing on this machine's burn device
pub mod metric; // every NB201 cost metric with its source, input and batch
pub mod op_estimate; // per-op estimate vs measured table: ρ, τ, relative error
pub mod pareto; // accuracy-vs-cost Pareto front
pub mod selection; // the cell each proxy picks under a budget, and the budget sweep
