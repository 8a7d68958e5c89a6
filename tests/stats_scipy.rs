//! src/stats against scipy: every value in tests/data/stats_vectors.json (made by
//! scripts/make_stats_vectors.py with numpy, scipy and scikit-learn) must agree to 1e-9 relative
//! (1e-12 absolute near 0), NaN where scipy's is NaN, and counts and tie-group sizes exactly.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use zsnas::stats::{Method, best_of_top_k, bootstrap_ci, kendall_tau_b, ndcg_at_k, pearson, spearman, top_k_percent};

const VECTORS: &str = include_str!("data/stats_vectors.json");

/// A JSON number, or one of the strings "NaN", "inf", "-inf" the generator writes for non-finite values.
fn num(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().expect("number fits f64"),
        Value::String(s) => s.parse().unwrap_or_else(|_| panic!("bad float string {s:?}")),
        other => panic!("expected a float, got {other}"),
    }
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(num).collect()
}

fn count(v: &Value) -> usize {
    v.as_u64().expect("count") as usize
}

fn assert_close(got: f64, want: f64, what: &str) {
    if want.is_nan() {
        assert!(got.is_nan(), "{what}: got {got}, scipy gives NaN");
        return;
    }
    let err = (got - want).abs();
    assert!(err <= 1e-9 * want.abs() || err <= 1e-12, "{what}: got {got}, scipy gives {want} (diff {err:e})");
}

fn cases() -> Vec<Value> {
    let doc: Value = serde_json::from_str(VECTORS).expect("valid JSON");
    doc["cases"].as_array().expect("cases").clone()
}

#[test]
fn vectors_cover_the_edge_cases() {
    let names: Vec<String> = cases().iter().map(|c| c["name"].as_str().expect("name").to_owned()).collect();
    for want in ["nan_and_inf", "constant_score", "n2", "all_nan", "empty", "seeded_200_ties", "reversed"] {
        assert!(names.iter().any(|n| n == want), "missing case {want}");
    }
}

#[test]
fn correlations_match_scipy() {
    for c in cases() {
        let name = c["name"].as_str().expect("name");
        let (score, truth) = (nums(&c["score"]), nums(&c["truth"]));
        for (key, stat) in [
            ("spearman", spearman(&score, &truth)),
            ("kendall", kendall_tau_b(&score, &truth)),
            ("pearson", pearson(&score, &truth)),
        ] {
            let stat = stat.expect("equal lengths");
            assert_close(stat.value, num(&c[key]), &format!("{name} {key}"));
            assert_eq!(stat.n, count(&c["n"]), "{name} {key} n");
            assert_eq!(stat.dropped, count(&c["dropped"]), "{name} {key} dropped");
        }
    }
}

#[test]
fn top_k_percent_matches_scipy() {
    for c in cases() {
        let name = c["name"].as_str().expect("name");
        let (score, truth) = (nums(&c["score"]), nums(&c["truth"]));
        for t in c["top_k"].as_array().expect("top_k") {
            let k = num(&t["percent"]);
            for (key, method) in
                [("spearman", Method::Spearman), ("kendall", Method::KendallTauB), ("pearson", Method::Pearson)]
            {
                let stat = top_k_percent(&score, &truth, k, method).expect("valid");
                assert_close(stat.value, num(&t[key]), &format!("{name} top {k}% {key}"));
                assert_eq!(stat.n, count(&t["n"]), "{name} top {k}% subset size");
                assert_eq!(stat.dropped, count(&c["dropped"]), "{name} top {k}% dropped");
            }
        }
    }
}

#[test]
fn ndcg_matches_reference() {
    for c in cases() {
        let name = c["name"].as_str().expect("name");
        let (score, truth) = (nums(&c["score"]), nums(&c["truth"]));
        for t in c["ndcg"].as_array().expect("ndcg") {
            let k = count(&t["k"]);
            let stat = ndcg_at_k(&score, &truth, k).expect("valid");
            assert_close(stat.value, num(&t["value"]), &format!("{name} nDCG@{k}"));
        }
    }
}

#[test]
fn picks_match_numpy() {
    for c in cases() {
        let name = c["name"].as_str().expect("name");
        let (score, truth) = (nums(&c["score"]), nums(&c["truth"]));
        for t in c["best_of_top_k"].as_array().expect("best_of_top_k") {
            let k = count(&t["k"]);
            let pick = best_of_top_k(&score, &truth, k).expect("valid");
            assert_close(pick.value, num(&t["value"]), &format!("{name} best of top {k}"));
            assert_eq!(pick.tied, count(&t["tied"]), "{name} best of top {k} tied");
        }
    }
}

#[test]
fn bootstrap_matches_python_port() {
    let mut checked = 0;
    for c in cases() {
        let Some(boots) = c.get("bootstrap").and_then(Value::as_array) else { continue };
        let (score, truth) = (nums(&c["score"]), nums(&c["truth"]));
        for b in boots {
            let method = match b["method"].as_str().expect("method") {
                "spearman" => Method::Spearman,
                "kendall" => Method::KendallTauB,
                other => panic!("unknown method {other}"),
            };
            let seed = b["seed"].as_u64().expect("seed");
            let ci = bootstrap_ci(
                &score,
                &truth,
                |x, y| method.on_finite(x, y),
                count(&b["resamples"]),
                num(&b["confidence"]),
                seed,
            )
            .expect("valid");
            let what = format!("bootstrap {method:?} seed {seed}");
            assert_close(ci.estimate, num(&b["estimate"]), &what);
            assert_close(ci.low, num(&b["low"]), &what);
            assert_close(ci.high, num(&b["high"]), &what);
            assert_eq!(ci.valid, count(&b["valid"]), "{what} valid");
            checked += 1;
        }
    }
    assert!(checked >= 4, "bootstrap vectors missing");
}
