//! What the Compare view computes from one score source and one ground truth over a population:
//! the correlation table (every metric of PROXIES.md §4 with the published ρ beside ours), the
//! proxy × proxy Spearman matrix, and their CSV / JSON exports.

use serde::Serialize;

use crate::report::correlation::{CorrelationRow, FailedScores, TOP_K_PERCENT, correlate};
use crate::report::published::published_spearman;
use crate::report::score_columns::orientation_sign;
use crate::space::Dataset;
use crate::stats::spearman;

/// One proxy's row: our metrics and the published ρ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompareRow {
    /// Every metric (oriented: higher is better after applying the proxy's sign).
    pub metrics: CorrelationRow,
    /// Published ρ on this dataset, as text ("0.75", "0.73–0.80"), if any.
    pub published: Option<String>,
}

/// The correlation table of `columns` (name, score per row) against `truth` (per row) over
/// `rows`, failed scores treated as `failed` says. A column that cannot be correlated (too few
/// finite pairs, constant) is left out and named in the second list with the reason.
pub fn correlation_table(
    columns: &[(String, Vec<f64>)],
    truth: &[f64],
    rows: &[usize],
    dataset: Dataset,
    resamples: usize,
    seed: u64,
    failed: FailedScores,
) -> (Vec<CompareRow>, Vec<(String, String)>) {
    let t: Vec<f64> = rows.iter().map(|&r| truth.get(r).copied().unwrap_or(f64::NAN)).collect();
    let mut table = Vec::new();
    let mut skipped = Vec::new();
    for (name, values) in columns {
        let s: Vec<f64> = rows.iter().map(|&r| values.get(r).copied().unwrap_or(f64::NAN)).collect();
        match correlate(name, &s, &t, orientation_sign(name), resamples, seed, failed) {
            Ok(metrics) if !metrics.spearman.estimate.is_finite() => {
                skipped.push((name.clone(), "ρ is undefined (constant scores or truth)".into()))
            }
            Ok(metrics) => {
                table.push(CompareRow { metrics, published: published_spearman(name, dataset).map(|p| p.text()) })
            }
            Err(e) => skipped.push((name.clone(), e)),
        }
    }
    (table, skipped)
}

/// Spearman ρ between every pair of columns over `rows`, oriented so that agreeing proxies
/// correlate positively; n × n row-major, NaN where too few finite pairs.
pub fn proxy_matrix(columns: &[(String, Vec<f64>)], rows: &[usize]) -> Vec<f64> {
    let oriented: Vec<Vec<f64>> = columns
        .iter()
        .map(|(name, v)| {
            let sign = orientation_sign(name);
            rows.iter().map(|&r| v.get(r).copied().unwrap_or(f64::NAN) * sign).collect()
        })
        .collect();
    let n = oriented.len();
    let mut m = vec![f64::NAN; n * n];
    for i in 0..n {
        for j in i..n {
            let rho = if i == j { 1.0 } else { spearman(&oriented[i], &oriented[j]).map_or(f64::NAN, |s| s.value) };
            m[i * n + j] = rho;
            m[j * n + i] = rho;
        }
    }
    m
}

fn num(x: f64) -> String {
    if x.is_finite() { format!("{x:.4}") } else { String::new() }
}

/// The table as CSV, one row per proxy, with the population and ground truth in a comment line.
pub fn table_csv(rows: &[CompareRow], context: &str) -> String {
    let mut out = format!("# {}\n", context.replace('\n', " "));
    out.push_str("proxy,n,failed,spearman,spearman_low,spearman_high,kendall,kendall_low,kendall_high,pearson");
    for k in TOP_K_PERCENT {
        out.push_str(&format!(",spearman_top{k}pct"));
    }
    out.push_str(",ndcg_top1pct,best_pick_truth,published_spearman\n");
    for r in rows {
        let m = &r.metrics;
        let mut fields = vec![
            m.proxy.clone(),
            m.n.to_string(),
            m.failed.to_string(),
            num(m.spearman.estimate),
            num(m.spearman.low),
            num(m.spearman.high),
            num(m.kendall.estimate),
            num(m.kendall.low),
            num(m.kendall.high),
            num(m.pearson),
        ];
        fields.extend(m.top_k_spearman.iter().map(|(_, v)| num(*v)));
        fields.extend([num(m.ndcg_top1pct), num(m.best_pick_truth), r.published.clone().unwrap_or_default()]);
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// The table as JSON: `{ "context": …, "rows": [ … ] }`.
pub fn table_json(rows: &[CompareRow], context: &str) -> String {
    serde_json::to_string_pretty(&serde_json::json!({ "context": context, "rows": rows })).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> Vec<(String, Vec<f64>)> {
        let truth_like: Vec<f64> = (0..40).map(f64::from).collect();
        vec![
            ("nwot".into(), truth_like.clone()),
            ("ntk_cond".into(), truth_like.iter().map(|v| 100.0 - v).collect()), // lower is better
            ("constant".into(), vec![1.0; 40]),
        ]
    }

    #[test]
    fn orientation_is_applied_and_bad_columns_are_named() {
        let truth: Vec<f64> = (0..40).map(|i| f64::from(i) * 2.0).collect();
        let rows: Vec<usize> = (0..40).collect();
        let (table, skipped) =
            correlation_table(&columns(), &truth, &rows, Dataset::Cifar10, 50, 0, FailedScores::Omit);
        assert_eq!(table.len(), 2);
        assert!((table[0].metrics.spearman.estimate - 1.0).abs() < 1e-12);
        assert!((table[1].metrics.spearman.estimate - 1.0).abs() < 1e-12, "ntk_cond is oriented");
        assert_eq!(table[0].published.as_deref(), Some("0.79"));
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].0, "constant");
        let csv = table_csv(&table, "CIFAR-10");
        assert_eq!(csv.lines().count(), 4);
        assert!(csv.lines().nth(2).unwrap().starts_with("nwot,40,0,1.0000,"));
        assert!(table_json(&table, "x").contains("\"proxy\": \"ntk_cond\""));
    }

    #[test]
    fn matrix_is_symmetric_with_a_unit_diagonal() {
        let rows: Vec<usize> = (0..40).collect();
        let m = proxy_matrix(&columns(), &rows);
        assert_eq!(m.len(), 9);
        assert_eq!((m[0], m[4], m[8]), (1.0, 1.0, 1.0));
        assert!((m[1] - 1.0).abs() < 1e-12 && m[1] == m[3]);
        assert!(m[2].is_nan() && m[6].is_nan());
    }
}
