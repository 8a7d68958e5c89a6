//! `zsnas correlate`: join proxy scores with ground truth and print every metric of PROXIES.md
//! §4 beside the published value of §5.

use std::path::{Path, PathBuf};

use crate::bench::{AssetName, BenchDataset, FreeReaReference, GroundTruth, NaslibReference};
use crate::cli::data::Assets;
use crate::report::agreement::agreement;
use crate::report::correlation::{CorrelationRow, FailedScores, correlate};
use crate::report::published::published_spearman;
use crate::report::score_columns::{ScoreColumns, freerea_columns, naslib_columns, orientation_sign, parse_score_csv};
use crate::space::Dataset;

/// Arguments of `zsnas correlate`.
#[derive(clap::Args, Debug)]
pub struct CorrelateArgs {
    /// A CSV written by `zsnas score` (its protocol line gives the dataset).
    #[arg(long, conflicts_with = "reference")]
    pub scores: Option<PathBuf>,
    /// Bundled reference scores instead: `freerea` (all cells) or `naslib` (725 cells).
    #[arg(long)]
    pub reference: Option<String>,
    /// Dataset for `--reference` (cifar10, cifar100, imagenet16_120).
    #[arg(long, default_value = "cifar10")]
    pub dataset: String,
    /// Ground truth key (default `test200_<dataset>`), e.g. cifar10_valid_valid200, test12_cifar100.
    #[arg(long)]
    pub truth: Option<String>,
    /// Bootstrap resamples for the ρ and τ intervals.
    #[arg(long, default_value_t = 1000)]
    pub resamples: usize,
    /// Bootstrap seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// table, csv or json.
    #[arg(long, default_value = "table")]
    pub format: String,
    /// With `--scores`: instead of accuracy, rank-correlate each proxy with the same proxy's
    /// scores elsewhere, over the cells both have: a bundled reference (`freerea` or `naslib`)
    /// or another `zsnas score` CSV of the same dataset (e.g. the same cells under another seed).
    #[arg(long, requires = "scores")]
    pub against: Option<String>,
    /// Keep only the cells of this `zsnas score` CSV: e.g. a reference's own correlation on the
    /// cells we scored, to tell a sample's luck from a proxy's behaviour.
    #[arg(long)]
    pub cells_of: Option<PathBuf>,
    /// Failed scores (NaN/∞, empty): `omit` leaves them out; `worst` ranks them below every
    /// other, as scipy ranks the −∞ of a log-of-zero score; `best` above every other, as code
    /// that maps NaN to 0 does for −κ (counted in `failed` in every case).
    #[arg(long, default_value = "omit")]
    pub failed: String,
}

fn load(a: &CorrelateArgs, assets: &Assets) -> Result<ScoreColumns, String> {
    match (&a.scores, &a.reference) {
        (Some(path), None) => load_score_csv(path, assets),
        (None, Some(name)) => load_reference(name, Dataset::from_name(&a.dataset).ok_or("unknown dataset")?, assets),
        _ => Err("give --scores FILE or --reference freerea|naslib".into()),
    }
}

/// Reads a `zsnas score` CSV.
pub fn load_score_csv(path: &Path, assets: &Assets) -> Result<ScoreColumns, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_score_csv(&text, &assets.archs).map(|(columns, _)| columns).map_err(|e| format!("{}: {e}", path.display()))
}

/// Bundled reference scores `freerea` or `naslib` for `dataset`.
pub fn load_reference(name: &str, dataset: Dataset, assets: &Assets) -> Result<ScoreColumns, String> {
    match name {
        "freerea" => {
            let r = FreeReaReference::from_bytes(&assets.bytes(AssetName::Nb201ReferenceFreerea)?)
                .map_err(|e| e.to_string())?;
            Ok(freerea_columns(&r, dataset, assets.archs.len()))
        }
        "naslib" => {
            let r = NaslibReference::from_bytes(&assets.bytes(AssetName::Nb201ReferenceNaslib)?)
                .map_err(|e| e.to_string())?;
            naslib_columns(&r, dataset)
        }
        other => Err(format!("unknown reference '{other}' (freerea or naslib)")),
    }
}

/// The other side of `--against`: a bundled reference by name, or else a `zsnas score` CSV of
/// `dataset` (named in the output by its file name).
fn load_against(target: &str, dataset: Dataset, assets: &Assets) -> Result<(String, ScoreColumns), String> {
    let path = Path::new(target);
    if matches!(target, "freerea" | "naslib") || !path.exists() {
        return load_reference(target, dataset, assets)
            .map(|r| (target.to_string(), r))
            .map_err(|e| format!("{e}, or a zsnas score CSV that exists"));
    }
    let theirs = load_score_csv(path, assets)?;
    if theirs.dataset != dataset {
        return Err(format!(
            "{target} scores {}, the scores {}: compare the same dataset",
            theirs.dataset.name(),
            dataset.name()
        ));
    }
    let label = path.file_name().map_or(target.to_string(), |n| n.to_string_lossy().into_owned());
    Ok((label, theirs))
}

/// Prints `--against`: per proxy, the cells both score and Spearman ρ between the two.
fn run_against(target: &str, ours: &ScoreColumns, assets: &Assets, format: &str) -> Result<(), String> {
    let (reference, theirs) = load_against(target, ours.dataset, assets)?;
    let rows = agreement(ours, &theirs);
    if rows.is_empty() {
        return Err(format!("no proxy of the scores is in the {reference} reference"));
    }
    match format {
        "json" => {
            let out: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| serde_json::json!({ "proxy": r.proxy, "n": r.n, "spearman": r.spearman, "reference": reference }))
                .collect();
            println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        }
        "csv" => {
            println!("proxy,n,spearman_vs_{reference}");
            rows.iter().for_each(|r| println!("{},{},{}", r.proxy, r.n, r.spearman));
        }
        "table" => {
            println!(
                "our scores against {reference}'s, {}: Spearman ρ per proxy over the cells both scored",
                ours.dataset.label()
            );
            println!("{:<12} {:>6}  {:>8}", "proxy", "n", "ρ");
            rows.iter().for_each(|r| println!("{:<12} {:>6}  {:>8.3}", r.proxy, r.n, r.spearman));
        }
        other => return Err(format!("unknown format '{other}' (table, csv or json)")),
    }
    Ok(())
}

/// Runs `zsnas correlate`.
pub fn run(a: &CorrelateArgs, assets: &Assets) -> Result<(), String> {
    let mut data = load(a, assets)?;
    if let Some(path) = &a.cells_of {
        data = data.restricted_to(&load_score_csv(path, assets)?.indices);
    }
    if let Some(reference) = &a.against {
        return run_against(reference, &data, assets, &a.format);
    }
    let bench = BenchDataset::from_name(data.dataset.name()).ok_or("dataset")?;
    let truth_kind = match &a.truth {
        Some(key) => GroundTruth::from_key(key).ok_or_else(|| format!("unknown ground truth '{key}'"))?,
        None => GroundTruth::default_for(bench),
    };
    let column = assets.accuracy.column_pct(truth_kind);
    let truth: Vec<f64> = data.indices.iter().map(|&i| column.get(i).map_or(f64::NAN, |&v| f64::from(v))).collect();
    let failed = FailedScores::from_name(&a.failed)?;
    let mut rows: Vec<CorrelationRow> = Vec::new();
    for (name, scores) in &data.columns {
        rows.push(correlate(name, scores, &truth, orientation_sign(name), a.resamples, a.seed, failed)?);
    }
    let published =
        |row: &CorrelationRow| published_spearman(&row.proxy, data.dataset).map(|p| p.text()).unwrap_or_default();
    match a.format.as_str() {
        "json" => {
            let out: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| serde_json::json!({ "metrics": r, "published_spearman": published(r), "truth": truth_kind.key(), "failed_scores": failed }))
                .collect();
            println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        }
        "csv" => {
            println!(
                "proxy,n,failed,spearman,spearman_low,spearman_high,kendall,kendall_low,kendall_high,pearson,top5_spearman,top10_spearman,top20_spearman,ndcg_top1pct,best_pick_truth,published_spearman"
            );
            for r in &rows {
                println!(
                    "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                    r.proxy,
                    r.n,
                    r.failed,
                    r.spearman.estimate,
                    r.spearman.low,
                    r.spearman.high,
                    r.kendall.estimate,
                    r.kendall.low,
                    r.kendall.high,
                    r.pearson,
                    r.top_k_spearman[0].1,
                    r.top_k_spearman[1].1,
                    r.top_k_spearman[2].1,
                    r.ndcg_top1pct,
                    r.best_pick_truth,
                    published(r)
                );
            }
        }
        "table" => {
            // Component columns (az_nas.progressivity, …) are wider than proxy names.
            let w = rows.iter().map(|r| r.proxy.chars().count()).max().unwrap_or(0).max(12);
            println!(
                "ground truth: {} ({} networks); orientation applied, never |ρ|; failed scores {}",
                truth_kind.label(),
                data.indices.len(),
                failed.label()
            );
            println!(
                "{:<w$} {:>6} {:>6}  {:<22} {:<22} {:>6}  {:>6} {:>6} {:>6}  {:>6} {:>7}  {:>9}",
                "proxy",
                "n",
                "failed",
                "Spearman ρ [95% CI]",
                "Kendall τ-b [95% CI]",
                "r",
                "top5%",
                "top10%",
                "top20%",
                "nDCG",
                "best",
                "published"
            );
            for r in &rows {
                let ci = |i: &crate::stats::Interval| format!("{:.3} [{:.3}, {:.3}]", i.estimate, i.low, i.high);
                println!(
                    "{:<w$} {:>6} {:>6}  {:<22} {:<22} {:>6.3}  {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>7.2}  {:>9}",
                    r.proxy,
                    r.n,
                    r.failed,
                    ci(&r.spearman),
                    ci(&r.kendall),
                    r.pearson,
                    r.top_k_spearman[0].1,
                    r.top_k_spearman[1].1,
                    r.top_k_spearman[2].1,
                    r.ndcg_top1pct,
                    r.best_pick_truth,
                    published(r)
                );
            }
        }
        other => return Err(format!("unknown format '{other}' (table, csv or json)")),
    }
    Ok(())
}
