//! `zsnas hw` end to end: the binary runs against the bundled assets and its JSON holds the
//! facts the library computes.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::zsnas;

fn json(args: &[&str]) -> serde_json::Value {
    let (ok, stdout, stderr) = zsnas(args);
    assert!(ok, "zsnas {args:?} failed: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("zsnas {args:?}: not JSON ({e}): {stdout}"))
}

#[test]
fn lists_all_48_metrics_with_their_source() {
    let v = json(&["hw", "--format", "json"]);
    let rows = v.as_array().expect("array");
    assert_eq!(rows.len(), 48);
    let raspi = rows.iter().find(|r| r["metric"] == "raspi4").expect("raspi4");
    assert_eq!((raspi["source"].as_str(), raspi["batch"].as_u64()), (Some("HW-NAS-Bench"), Some(1)));
    let tx2 = rows.iter().find(|r| r["metric"] == "est:edgegpu").expect("edge GPU estimate");
    assert_eq!(tx2["kind"], "estimate");
}

#[test]
fn cell_costs_match_the_table_and_the_test_vector() {
    let v = json(&["hw", "--cell", "0", "--format", "json"]);
    let value = |key: &str| v.as_array().unwrap().iter().find(|r| r["metric"] == key).unwrap()["value"].as_f64();
    // HW-NAS-Bench's example notebook: arch 0 on CIFAR-10, FPGA latency 2.57296 ms.
    assert!((value("fpga").unwrap() - 2.57296).abs() < 1e-5);
    assert!(value("est:edgegpu").unwrap() > 0.0);
    assert!((value("params_m").unwrap() - 1.0).abs() < 1.0);
}

#[test]
fn selection_never_beats_the_true_best_and_bad_input_is_an_error() {
    let v = json(&["hw", "--metric", "pixel3", "--proxies", "synflow", "--quantiles", "0.1,1", "--format", "json"]);
    let rows = v.as_array().expect("rows");
    assert_eq!(rows.len(), 2);
    for r in rows {
        let gap = r["gap"].as_f64().expect("gap");
        assert!(gap >= 0.0);
        assert!(r["picked_cost"].as_f64().unwrap() <= r["budget"].as_f64().unwrap());
    }
    let (ok, _, stderr) = zsnas(&["hw", "--metric", "raspi5"]);
    assert!(!ok && stderr.contains("unknown hardware metric"), "{stderr}");
    let (ok, _, stderr) = zsnas(&["hw", "--cell", "not a cell"]);
    assert!(!ok && !stderr.is_empty());
}

#[test]
fn fbnet_prints_lut_metrics_and_analytic_costs_for_both_inputs() {
    let arch = "7 8 1 8 4 8 8 8 7 4 1 4 7 3 2 7 3 2 4 2 4 5";
    let (ok, stdout, stderr) = zsnas(&["hw", "--fbnet", arch, "--format", "json"]);
    assert!(ok, "{stderr}");
    // One JSON array per table: the 8 LUT metrics × 2 inputs, then the analytic costs.
    let tables: Vec<serde_json::Value> =
        serde_json::Deserializer::from_str(&stdout).into_iter().collect::<Result<_, _>>().expect("JSON arrays");
    assert_eq!(tables.len(), 2, "{stdout}");
    assert_eq!(tables[0].as_array().map(Vec::len), Some(16));
    let rows = tables[1].as_array().expect("analytic rows");
    assert_eq!(rows.len(), 2);
    let row = |input: &str| rows.iter().find(|r| r["input"] == input).unwrap_or_else(|| panic!("{input}: {stdout}"));
    let (cifar, imagenet) = (row("cifar100"), row("ImageNet"));
    assert_eq!((cifar["resolution"].as_u64(), imagenet["resolution"].as_u64()), (Some(32), Some(224)));
    assert_eq!((cifar["batch"].as_u64(), imagenet["batch"].as_u64()), (Some(1), Some(1)));
    // Same values as tests/net_fbnet.rs pins.
    let close = |v: &serde_json::Value, x: f64| (v.as_f64().expect("number") - x).abs() < 1e-9;
    assert!(close(&cifar["params_m"], 1.7905) && close(&cifar["macs_m"], 67.605376), "{cifar}");
    assert!(close(&imagenet["params_m"], 3.79492) && close(&imagenet["macs_m"], 272.388736), "{imagenet}");
    let peak = |r: &serde_json::Value| r["peak_activation_mib"].as_f64().expect("peak");
    assert!(peak(cifar) > 0.0 && peak(imagenet) > peak(cifar));
    // The text table shows the same columns.
    let (ok, text, _) = zsnas(&["hw", "--fbnet", arch]);
    assert!(ok && text.contains("peak_activation_mib") && text.contains("macs_m"), "{text}");
}
