//! `zsnas bench` end to end, on a tiny setting: the output is well-formed and every time is
//! positive. Never asserts a speed.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::zsnas;

const TINY: &[&str] = &["bench", "--runs", "1", "--warmup", "0", "--batch-size", "4"];

#[test]
fn json_rows_per_proxy_and_cell_with_positive_times() {
    let args: Vec<&str> = TINY
        .iter()
        .copied()
        .chain(["--proxies", "params,grad_norm", "--cells", "0,1462", "--split", "--format", "json"])
        .collect();
    let (ok, stdout, stderr) = zsnas(&args);
    assert!(ok, "zsnas bench failed: {stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    let rows = v.as_array().expect("array of rows");
    // Per cell: two proxies, the suite and the four phases of one loss gradient.
    assert_eq!(rows.len(), 2 * 7, "{stdout}");
    for r in rows {
        let (median, min) = (r["median_ms"].as_f64().expect("median"), r["min_ms"].as_f64().expect("min"));
        assert!(median >= 0.0 && min >= 0.0 && min <= median, "{r}");
        assert_eq!(r["runs"], 1);
        assert!(r["fwd_macs"].as_u64().expect("MACs") > 0);
        let (fwd, both) = (r["fwd_gflop"].as_f64().unwrap(), r["fwd_bwd_gflop"].as_f64().unwrap());
        assert!((both - 3.0 * fwd).abs() < 1e-9 * both, "{r}");
    }
    let grad = rows.iter().find(|r| r["proxy"] == "grad_norm" && r["index"] == 1462).expect("grad_norm row");
    assert!(grad["median_ms"].as_f64().unwrap() > 0.0);
    assert!(grad["gflop_s"].as_f64().unwrap() > 0.0);
    assert_eq!(grad["proxy_gflop"], grad["fwd_bwd_gflop"]);
    let params = rows.iter().find(|r| r["proxy"] == "params").expect("params row");
    assert!(params["gflop_s"].is_null(), "static proxies have no FLOPs");
    assert!(rows.iter().any(|r| r["proxy"].as_str().is_some_and(|p| p.starts_with("suite:"))));
}

#[test]
fn peak_csv_and_bad_input() {
    let args: Vec<&str> = TINY.iter().copied().chain(["--proxies", "none", "--peak", "--format", "csv"]).collect();
    let (ok, stdout, stderr) = zsnas(&args);
    assert!(ok, "zsnas bench --peak failed: {stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("cell,index,proxy,runs,median_ms"), "{stdout}");
    // The matmul, the 64-channel forward, then forward, input and weight gradient per stage.
    assert_eq!(lines.len(), 1 + 2 + 3 * 3, "{stdout}");
    for (stage, passes) in lines[3..].chunks(3).zip(["16→16", "32→32", "64→64"]) {
        let names: Vec<&str> = stage.iter().map(|l| l.split(',').nth(2).unwrap_or("")).collect();
        assert!(names[0].starts_with(&format!("peak: conv2d 3×3 {passes}")), "{stdout}");
        assert!(names[1].starts_with(&format!("peak: conv2d input grad 3×3 {passes}")), "{stdout}");
        assert!(names[2].starts_with(&format!("peak: conv2d weight grad 3×3 {passes}")), "{stdout}");
    }
    for line in &lines[1..] {
        let fields: Vec<&str> = line.split(',').collect();
        assert!(fields[2].starts_with("peak: "), "{line}");
        let gflops: f64 = fields.last().unwrap().parse().expect("GFLOP/s");
        assert!(gflops > 0.0, "{line}");
    }
    for bad in [["--cells", "not a cell"], ["--proxies", "nope"], ["--format", "xml"]] {
        let bad: Vec<&str> =
            if bad[0] == "--proxies" { bad.to_vec() } else { vec![bad[0], bad[1], "--proxies", "params"] };
        let args: Vec<&str> = TINY.iter().copied().chain(bad.iter().copied()).collect();
        let (ok, _, stderr) = zsnas(&args);
        assert!(!ok && !stderr.is_empty(), "{bad:?}");
    }
}
