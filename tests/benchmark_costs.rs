//! Analytic params and FLOPs against the benchmark, on the bundled reference tables:
//! params for all 15,625 cells × 3 datasets (FreeREA's `params_m`), params and FLOPs for
//! NASLib's 2,174 NB201 rows.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use zsnas::bench::{ArchTable, BenchDataset, FreeReaReference, NaslibReference};
use zsnas::net::cost::benchmark_flops;
use zsnas::net::program_for;
use zsnas::space::nb201::Cell;
use zsnas::space::{Arch, Dataset};

fn asset(name: &str) -> Vec<u8> {
    common::read_asset(name)
}

fn bench_dataset(d: Dataset) -> BenchDataset {
    BenchDataset::from_name(d.name()).expect("same names")
}

#[test]
fn params_match_freerea_for_every_cell_and_dataset() {
    let archs = ArchTable::from_bytes(&asset("nb201_archs.zsa")).expect("archs");
    let freerea = FreeReaReference::from_bytes(&asset("nb201_reference_freerea.zsa")).expect("freerea");
    for dataset in Dataset::ALL {
        let params_m = freerea.scores(bench_dataset(dataset), "params_m").expect("params_m");
        let mut mismatches = Vec::new();
        for (index, &expected_m) in params_m.iter().enumerate() {
            let cell = Cell::from_code(archs.code_of(index).expect("index")).expect("code");
            let ours = program_for(&Arch::Nb201(cell), dataset).param_count();
            if ours != (expected_m * 1e6).round() as usize {
                mismatches.push((index, ours, expected_m));
            }
        }
        assert_eq!(params_m.len(), 15_625);
        assert!(
            mismatches.is_empty(),
            "{}: {} mismatches, first {:?}",
            dataset.name(),
            mismatches.len(),
            &mismatches[..mismatches.len().min(5)]
        );
    }
}

#[test]
fn params_and_flops_match_naslib_exactly() {
    let archs = ArchTable::from_bytes(&asset("nb201_archs.zsa")).expect("archs");
    let naslib = NaslibReference::from_bytes(&asset("nb201_reference_naslib.zsa")).expect("naslib");
    let mut rows = 0;
    for dataset in Dataset::ALL {
        let set = naslib.set(bench_dataset(dataset)).expect("set");
        let (params, flops) = (set.proxy("params").expect("params"), set.proxy("flops").expect("flops"));
        for (row, &index) in set.index.iter().enumerate() {
            let cell = Cell::from_code(archs.code_of(index).expect("index")).expect("code");
            let program = program_for(&Arch::Nb201(cell), dataset);
            assert_eq!(program.param_count(), (params[row] * 1e6).round() as usize, "params of {index} on {dataset:?}");
            if flops[row].is_finite() {
                assert_eq!(benchmark_flops(&program), (flops[row] * 1e6).round(), "FLOPs of {index} on {dataset:?}");
            }
            rows += 1;
        }
    }
    assert_eq!(rows, 725 + 725 + 724);
}
