//! `zsnas score` end to end with a population-relative proxy: the te_nas column is ranked over
//! every cell of the output, again after a resumed run, and `zsnas correlate` reads it.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{scratch, zsnas};

const SCORE: &[&str] = &["score", "--proxies", "swap,te_nas", "--input", "gaussian", "--batch-size", "2"];

/// The te_nas column (index 3: index, arch, swap, te_nas, …) of a score CSV.
fn te_nas(csv: &str) -> Vec<f64> {
    csv.lines().skip(2).map(|l| l.split(',').nth(3).expect("field").parse().expect("ranked")).collect()
}

#[test]
fn te_nas_is_ranked_over_the_whole_output_and_again_after_resuming() {
    let (dir, out) = scratch("cli-score");
    let out_arg = out.to_str().expect("utf-8 path");
    let run = |indices: &str| {
        let args: Vec<&str> = SCORE.iter().copied().chain(["--indices", indices, "--out", out_arg]).collect();
        let (ok, _, stderr) = zsnas(&args);
        assert!(ok, "zsnas score failed: {stderr}");
        std::fs::read_to_string(&out).expect("output")
    };
    let first = run("0,1,2");
    assert!(first.lines().nth(1) == Some("index,arch,swap,te_nas,te_nas.kappa,te_nas.regions"), "{first}");
    // Three cells: the two ranks per cell sum to 2 · (1 + 2 + 3).
    assert_eq!(te_nas(&first).iter().sum::<f64>(), 12.0, "{first}");
    // Resume with one more cell: four rows, ranked together.
    let second = run("0,1,2,3");
    assert_eq!(te_nas(&second).len(), 4);
    assert_eq!(te_nas(&second).iter().sum::<f64>(), 20.0, "{second}");
    let (ok, stdout, stderr) = zsnas(&["correlate", "--scores", out_arg, "--resamples", "10", "--format", "csv"]);
    assert!(ok, "zsnas correlate failed: {stderr}");
    for column in ["swap", "te_nas", "te_nas.kappa", "te_nas.regions"] {
        assert!(stdout.lines().any(|l| l.starts_with(&format!("{column},4,"))), "{column} missing:\n{stdout}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A run stopped before its first cell leaves only the header: resuming it adds rows under that
/// header, not a second header. An empty file is written as new.
#[test]
fn resuming_a_header_only_or_empty_file_writes_one_header() {
    let (dir, out) = scratch("cli-score-header");
    let out_arg = out.to_str().expect("utf-8 path");
    let run = |indices: &str| {
        let (ok, _, stderr) = zsnas(&["score", "--proxies", "params", "--indices", indices, "--out", out_arg]);
        assert!(ok, "zsnas score failed: {stderr}");
        std::fs::read_to_string(&out).expect("output")
    };
    let whole = run("0,1");
    let header: String = whole.lines().take(2).map(|l| format!("{l}\n")).collect();
    for start in [header.as_str(), ""] {
        std::fs::write(&out, start).expect("write the stopped run's file");
        assert_eq!(run("0,1"), whole, "resumed from {start:?}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn standard_output_is_ranked_too() {
    let args: Vec<&str> = SCORE.iter().copied().chain(["--indices", "0,1"]).collect();
    let (ok, stdout, stderr) = zsnas(&args);
    assert!(ok, "zsnas score failed: {stderr}");
    assert_eq!(te_nas(&stdout).iter().sum::<f64>(), 6.0, "{stdout}");
}

#[test]
fn stratified_sample_spreads_over_the_accuracy_range() {
    let (ok, stdout, stderr) = zsnas(&["score", "--proxies", "params", "--stratified", "4", "--dataset", "cifar100"]);
    assert!(ok, "zsnas score failed: {stderr}");
    let indices: Vec<usize> =
        stdout.lines().skip(2).map(|l| l.split(',').next().expect("index").parse().expect("an index")).collect();
    assert_eq!(indices.len(), 4, "{stdout}");
    let (again_ok, again, _) = zsnas(&["score", "--proxies", "params", "--stratified", "4", "--dataset", "cifar100"]);
    assert!(again_ok && again == stdout, "the seed fixes the sample");
    // One cell per accuracy quartile: `zsnas cell` puts the first in the worst quarter of the
    // space on CIFAR-100 and the last in the best.
    let percentile = |index: usize| -> f64 {
        let (ok, text, stderr) = zsnas(&["cell", &index.to_string()]);
        assert!(ok, "zsnas cell failed: {stderr}");
        let line = text.lines().find(|l| l.starts_with("NB201 test accuracy, 200 epochs, CIFAR-100 ")).expect("line");
        line.split_whitespace().last().expect("percentile").parse().expect("a number")
    };
    let (worst, best) = (percentile(indices[0]), percentile(indices[3]));
    assert!(worst <= 25.5 && best >= 74.5, "percentiles {worst} and {best}");
}

#[test]
fn correlate_against_a_reference_compares_the_same_proxy_cell_by_cell() {
    let (dir, out) = scratch("cli-against");
    let out_arg = out.to_str().expect("utf-8 path");
    let (ok, _, stderr) = zsnas(&["score", "--proxies", "params,flops", "--indices", "0,1,2,3,4,5", "--out", out_arg]);
    assert!(ok, "zsnas score failed: {stderr}");
    // FreeREA has params (in millions: the same ranking as our counts) but not flops.
    let (ok, stdout, stderr) = zsnas(&["correlate", "--scores", out_arg, "--against", "freerea", "--format", "csv"]);
    assert!(ok, "zsnas correlate failed: {stderr}");
    assert_eq!(stdout, "proxy,n,spearman_vs_freerea\nparams,6,1\n");
    // The reference's own correlation with accuracy on just these six cells.
    let (ok, stdout, stderr) =
        zsnas(&["correlate", "--reference", "freerea", "--cells-of", out_arg, "--format", "csv", "--resamples", "10"]);
    assert!(ok, "zsnas correlate --cells-of failed: {stderr}");
    assert!(stdout.lines().any(|l| l.starts_with("params,6,0,")), "{stdout}");
    let (ok, _, stderr) = zsnas(&["correlate", "--scores", out_arg, "--against", "nobody"]);
    assert!(!ok && stderr.contains("unknown reference"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn correlate_against_another_score_file_matches_cells_and_proxies_and_checks_the_dataset() {
    let (dir, first) = scratch("cli-against-file");
    let (first_arg, second, other) = (first.to_str().expect("utf-8"), dir.join("b.csv"), dir.join("c.csv"));
    let score = |extra: &[&str]| {
        let args: Vec<&str> = ["score", "--indices"].iter().copied().chain(extra.iter().copied()).collect();
        let (ok, _, stderr) = zsnas(&args);
        assert!(ok, "zsnas score failed: {stderr}");
    };
    score(&["0,1,2,3,4,5", "--proxies", "params,flops", "--out", first_arg]);
    // Three cells in common (3, 4, 5 plus two of its own) and only params in common.
    score(&["3,4,5,6,7", "--proxies", "params", "--seed", "1", "--out", second.to_str().expect("utf-8")]);
    let (ok, stdout, stderr) =
        zsnas(&["correlate", "--scores", first_arg, "--against", second.to_str().expect("utf-8"), "--format", "csv"]);
    assert!(ok, "zsnas correlate failed: {stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(lines[0], "proxy,n,spearman_vs_b.csv");
    let rho: f64 = lines[1].strip_prefix("params,3,").expect("params over three cells").parse().expect("ρ");
    assert!((rho - 1.0).abs() < 1e-12, "params do not depend on the seed: {stdout}");
    score(&["3,4,5", "--proxies", "params", "--dataset", "cifar100", "--out", other.to_str().expect("utf-8")]);
    let (ok, _, stderr) = zsnas(&["correlate", "--scores", first_arg, "--against", other.to_str().expect("utf-8")]);
    assert!(!ok && stderr.contains("compare the same dataset"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}
