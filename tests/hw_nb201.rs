//! NB201 hardware cost against the bundled tables: the HW-NAS-Bench test vectors, the per-op
//! estimate's measured accuracy, metric keys, analytic columns, Pareto front and selection.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use zsnas::bench::{
    ArchTable, AssetName, BenchDataset, FreeReaReference, GroundTruth, HwTestVectors, Nb201Accuracy, Nb201Latency,
    OpLatencyModel,
};
use zsnas::hw::metric::{CostMetric, Nb201Hardware, analytic_column};
use zsnas::hw::op_estimate::estimate_accuracy;
use zsnas::hw::pareto::pareto_front;
use zsnas::hw::selection::{budget_quantiles, budget_sweep};
use zsnas::space::Dataset;

fn asset(name: AssetName) -> Vec<u8> {
    common::read_asset(&name.file_name())
}

fn hardware() -> (Nb201Hardware, ArchTable) {
    let latency = Nb201Latency::from_bytes(&asset(AssetName::Nb201Latency)).expect("latency");
    let op_model = OpLatencyModel::from_bytes(&asset(AssetName::Nb201OpLatency)).expect("op model");
    let archs = ArchTable::from_bytes(&asset(AssetName::Nb201Archs)).expect("archs");
    (Nb201Hardware { latency, op_model }, archs)
}

/// Rounds to the 6 significant digits the latency CSV stores.
fn six_digits(x: f64) -> f64 {
    let scale = 10f64.powi(5 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

#[test]
fn tables_reproduce_every_hwnasbench_test_vector_they_share() {
    let (hw, archs) = hardware();
    let vectors = HwTestVectors::from_bytes(&asset(AssetName::HwnasbenchTestVectors)).expect("vectors");
    let mut checked = 0;
    for v in vectors.nb201.iter().filter(|v| v.dataset == "cifar10") {
        for (metric, expected) in &v.metrics {
            let Some(device) = metric.strip_suffix("_latency") else { continue };
            let Ok(m) = hw.metric(device) else { continue };
            let ours = hw.table_values(&m, &archs).expect("values")[v.index];
            let rel = (ours - six_digits(*expected)).abs() / expected;
            assert!(rel < 1e-6, "arch {} {metric}: table {ours} vs vector {expected}", v.index);
            checked += 1;
        }
    }
    // raspi4, pixel3, eyeriss, fpga × archs 0, 1, 2 (edge GPU and Edge TPU have no table).
    assert_eq!(checked, 12);
}

#[test]
fn per_op_estimates_are_measured_against_every_matching_table() {
    let (hw, archs) = hardware();
    let rows = estimate_accuracy(&hw.op_model, &hw.latency, &archs);
    // Every table column has exactly one op-model device; the Jetson TX2 estimate has no table.
    assert_eq!(rows.len(), hw.latency.columns.len());
    assert!(rows.iter().all(|r| r.device != "edgegpu"));
    let get = |col: &str| rows.iter().find(|r| r.column == col).unwrap_or_else(|| panic!("{col}"));
    // The data README quotes ρ 0.996 (eyeriss), 0.998 (fpga), ≈0.91 (raspi4, pixel3).
    assert!(get("eyeriss").spearman > 0.99, "{:?}", get("eyeriss"));
    assert!(get("fpga").spearman > 0.99, "{:?}", get("fpga"));
    for col in ["raspi4", "pixel3"] {
        assert!((get(col).spearman - 0.91).abs() < 0.03, "{:?}", get(col));
    }
    for r in &rows {
        assert_eq!(r.n, 15_625, "{}", r.column);
        assert!(r.mean_rel_error.is_finite() && r.median_rel_error <= r.max_rel_error, "{r:?}");
    }
}

#[test]
fn every_metric_key_round_trips_and_is_described() {
    let (hw, _) = hardware();
    let metrics = hw.metrics();
    assert_eq!(metrics.len(), 27 + 18 + 3);
    for m in &metrics {
        assert_eq!(&hw.metric(&m.key()).expect("known key"), m);
        let info = hw.info(m);
        assert!(!info.name.is_empty() && !info.source.is_empty() && !info.input.is_empty(), "{info:?}");
    }
    assert_eq!(hw.info(&hw.metric("raspi4").unwrap()).batch_size, Some(1));
    assert_eq!(hw.info(&hw.metric("titan_rtx_256").unwrap()).batch_size, Some(256));
    assert_eq!(hw.info(&hw.metric("est:edgegpu").unwrap()).kind, "estimate");
    assert!(hw.metric("est:nope").is_err() && hw.metric("").is_err() && hw.metric("raspi5").is_err());
}

#[test]
fn analytic_params_equal_the_benchmark_and_memory_is_positive() {
    let (_, archs) = hardware();
    let freerea = FreeReaReference::from_bytes(&asset(AssetName::Nb201ReferenceFreerea)).expect("freerea");
    let params = analytic_column(&CostMetric::ParamsM, &archs, Dataset::Cifar100).expect("analytic");
    let published = freerea.scores(BenchDataset::Cifar100, "params_m").expect("params_m");
    let worst = params.iter().zip(published).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    assert!(worst < 1e-6, "max |ours − benchmark| = {worst} M");
    let memory = analytic_column(&CostMetric::ActivationMib, &archs, Dataset::ImageNet16_120).expect("memory");
    assert!(memory.iter().all(|&m| m > 0.0 && m < 10.0));
}

#[test]
fn true_front_and_selection_on_a_measured_device() {
    let (hw, archs) = hardware();
    let accuracy = Nb201Accuracy::from_bytes(&asset(AssetName::Nb201Accuracy)).expect("accuracy");
    let acc: Vec<f64> =
        accuracy.column_pct(GroundTruth::Test200(BenchDataset::Cifar10)).iter().map(|&a| f64::from(a)).collect();
    let cost = hw.table_values(&hw.metric("eyeriss").unwrap(), &archs).expect("eyeriss");
    let front = pareto_front(&cost, &acc);
    let best = (0..acc.len()).max_by(|&a, &b| acc[a].total_cmp(&acc[b])).unwrap();
    assert_eq!(acc[*front.last().unwrap()], acc[best]);
    assert!(front.windows(2).all(|w| cost[w[0]] < cost[w[1]] && acc[w[0]] < acc[w[1]]));

    // The true best at each budget lies on the front; a proxy never beats it.
    let freerea = FreeReaReference::from_bytes(&asset(AssetName::Nb201ReferenceFreerea)).expect("freerea");
    let synflow = freerea.scores(BenchDataset::Cifar10, "synflow").expect("synflow");
    let budgets = budget_quantiles(&cost, &acc, synflow, &[0.1, 0.5, 1.0]);
    for row in budget_sweep(&cost, &acc, synflow, &budgets) {
        let best = row.best.expect("feasible");
        assert!(front.iter().any(|&i| cost[i] <= row.budget && acc[i] == best.accuracy), "{row:?}");
        assert!(row.gap() >= 0.0 && row.proxy.expect("pick").cost <= row.budget);
    }
}
