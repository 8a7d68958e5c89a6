//! `zsnas hw`: hardware cost from the command line — the bundled tables and estimates, one cell's
//! costs (per op, and timed here with `--measure`), the per-op estimates' measured error, and
//! hardware-aware selection under a budget sweep.

use std::path::PathBuf;

use serde_json::Value;

use crate::bench::{AssetName, BenchDataset, FbnetLut, GroundTruth, Nb201Latency, OpLatencyModel};
use crate::cli::correlate::{load_reference, load_score_csv};
use crate::cli::data::Assets;
use crate::cli::table::{Table, num, opt};
use crate::hw::analytic::analytic_cost;
use crate::hw::fbnet::{FbnetMetric, fbnet_breakdown, fbnet_metrics};
use crate::hw::measure::{TimingPlan, time_forward};
use crate::hw::metric::{CostMetric, Nb201Hardware};
use crate::hw::op_estimate::estimate_accuracy;
use crate::hw::selection::{BudgetRow, budget_quantiles, budget_sweep, oriented};
use crate::net::fbnet::fbnet_program;
use crate::net::nb201::{Nb201Config, nb201_program};
use crate::report::cell::parse_cell;
use crate::report::score_columns::orientation_sign;
use crate::space::Dataset;
use crate::space::fbnet::{FbnetArch, FbnetInput};
use crate::stats::median;

/// Arguments of `zsnas hw`. With no mode flag it lists every hardware metric.
#[derive(clap::Args, Debug)]
pub struct HwArgs {
    /// Show every cost of one cell (NATS index or arch string).
    #[arg(long)]
    pub cell: Option<String>,
    /// With --cell: also print the per-op analytic costs at --batch-size (and --resolution).
    #[arg(long, requires = "cell")]
    pub ops: bool,
    /// Time the forward pass on this machine (--device, batch 1 and --batch-size) of --cell, or
    /// of the explorer's default cell when none is given.
    #[arg(long)]
    pub measure: bool,
    /// Input side in pixels for --ops and --measure (default: the dataset's, 32 or 16).
    #[arg(long)]
    pub resolution: Option<usize>,
    /// The 8 HW-NAS-Bench metrics of an FBNet architecture (22 block ids 0..8 or names), and its
    /// params, MACs and peak activation memory on both inputs.
    #[arg(long)]
    pub fbnet: Option<String>,
    /// With --fbnet: also print the per-op breakdown of this metric (e.g. eyeriss_latency).
    #[arg(long, requires = "fbnet")]
    pub fbnet_ops: Option<String>,
    /// Show the per-op estimates' accuracy against every measured table.
    #[arg(long)]
    pub estimates: bool,
    /// Hardware-aware selection on this metric (e.g. raspi4, 1080ti_32, est:edgegpu, params_m).
    #[arg(long)]
    pub metric: Option<String>,
    /// Scores for selection: a `zsnas score` CSV.
    #[arg(long, conflicts_with = "reference")]
    pub scores: Option<PathBuf>,
    /// Scores for selection: bundled `freerea` (whole space, default) or `naslib` (725 cells).
    #[arg(long)]
    pub reference: Option<String>,
    /// Proxies to select with (comma-separated; default: every column of the scores).
    #[arg(long, value_delimiter = ',')]
    pub proxies: Vec<String>,
    /// Budgets as quantiles of the metric over the scored cells.
    #[arg(long, value_delimiter = ',', default_value = "0.1,0.25,0.5,0.75,1")]
    pub quantiles: Vec<f64>,
    /// With --metric: one row per proxy (picked accuracy, best accuracy and gap per budget)
    /// instead of one row per proxy and budget.
    #[arg(long, requires = "metric")]
    pub wide: bool,
    /// Budgets as values in the metric's unit (overrides --quantiles).
    #[arg(long, value_delimiter = ',')]
    pub budgets: Vec<f64>,
    /// Dataset (cifar10, cifar100, imagenet16_120): network, ground truth and reference scores.
    #[arg(long, default_value = "cifar10")]
    pub dataset: String,
    /// Ground truth key (default test200_<dataset>).
    #[arg(long)]
    pub truth: Option<String>,
    /// Batch size for --ops and --measure.
    #[arg(long, default_value_t = 64)]
    pub batch_size: usize,
    /// Timed runs for --measure (after warm-up).
    #[arg(long, default_value_t = 10)]
    pub runs: usize,
    /// Untimed warm-up runs for --measure.
    #[arg(long, default_value_t = 3)]
    pub warmup: usize,
    /// Device for --measure: cpu (Flex) or gpu (wgpu).
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// table, csv, json or md (Markdown).
    #[arg(long, default_value = "table")]
    pub format: String,
}

fn load_hardware(assets: &Assets) -> Result<Nb201Hardware, String> {
    let latency = Nb201Latency::from_bytes(&assets.bytes(AssetName::Nb201Latency)?).map_err(|e| e.to_string())?;
    let op_model = OpLatencyModel::from_bytes(&assets.bytes(AssetName::Nb201OpLatency)?).map_err(|e| e.to_string())?;
    Ok(Nb201Hardware { latency, op_model })
}

/// Runs `zsnas hw`.
pub fn run(a: &HwArgs, assets: &Assets) -> Result<(), String> {
    let hw = load_hardware(assets)?;
    let dataset = Dataset::from_name(&a.dataset).ok_or_else(|| format!("unknown dataset '{}'", a.dataset))?;
    let mut out = Vec::new();
    if let Some(cell) = &a.cell {
        out.push(cell_costs(&hw, assets, cell, dataset)?);
        if a.ops {
            out.push(op_costs(assets, cell, dataset, a)?);
        }
    }
    if a.measure {
        let cell = a.cell.clone().unwrap_or_else(|| crate::space::nb201::Cell::example().to_string());
        out.push(measure(assets, &cell, dataset, a)?);
    }
    if a.estimates {
        out.push(estimates(&hw, assets));
    }
    if let Some(arch) = &a.fbnet {
        out.extend(fbnet(assets, arch, a.fbnet_ops.as_deref())?);
    }
    if let Some(metric) = &a.metric {
        out.push(selection(&hw, assets, metric, dataset, a)?);
    }
    if out.is_empty() {
        out.push(metric_list(&hw));
    }
    let texts: Result<Vec<String>, String> = out.iter().map(|t| t.render(&a.format)).collect();
    println!("{}", texts?.join("\n\n"));
    Ok(())
}

fn metric_list(hw: &Nb201Hardware) -> Table {
    let mut t = Table::new(&["metric", "device", "kind", "source", "input", "batch", "unit"]);
    for m in hw.metrics() {
        let i = hw.info(&m);
        t.push(vec![
            i.key.into(),
            i.name.into(),
            i.kind.into(),
            i.source.into(),
            i.input.into(),
            opt(i.batch_size),
            i.unit.into(),
        ]);
    }
    t
}

fn cell_costs(hw: &Nb201Hardware, assets: &Assets, text: &str, dataset: Dataset) -> Result<Table, String> {
    let cell = parse_cell(text, &assets.archs)?;
    let index = assets.archs.index_of(cell.code()).ok_or("cell not in the benchmark")?;
    let program = nb201_program(&cell, &Nb201Config::for_dataset(dataset.classes(), dataset.resolution()));
    let cost = analytic_cost(&program, 1);
    let mut t = Table::new(&["metric", "device", "kind", "value", "unit", "batch", "source"]);
    for m in hw.metrics() {
        let i = hw.info(&m);
        let value = match &m {
            CostMetric::ParamsM => cost.params_m(),
            CostMetric::FlopsM => cost.benchmark_flops_per_image / 1e6,
            CostMetric::ActivationMib => cost.peak_activation_mib(),
            other => hw.table_values(other, &assets.archs).and_then(|v| v.get(index).copied()).unwrap_or(f64::NAN),
        };
        t.push(vec![
            i.key.into(),
            i.name.into(),
            i.kind.into(),
            num(value),
            i.unit.into(),
            opt(i.batch_size),
            i.source.into(),
        ]);
    }
    Ok(t)
}

/// The NB201 network of `text` for `dataset`, at `--resolution` when given (4..=1024 px).
fn program_of(
    assets: &Assets,
    text: &str,
    dataset: Dataset,
    a: &HwArgs,
) -> Result<crate::net::program::Program, String> {
    let cell = parse_cell(text, &assets.archs)?;
    let resolution = a.resolution.unwrap_or(dataset.resolution());
    if !(4..=1024).contains(&resolution) {
        return Err(format!("--resolution must be 4..=1024 pixels, got {resolution}"));
    }
    Ok(nb201_program(&cell, &Nb201Config::for_dataset(dataset.classes(), resolution)))
}

fn op_costs(assets: &Assets, text: &str, dataset: Dataset, a: &HwArgs) -> Result<Table, String> {
    let program = program_of(assets, text, dataset, a)?;
    let cost = analytic_cost(&program, a.batch_size);
    let mut t = Table::new(&["step", "op", "output_shape", "params", "macs", "output_kib", "live_kib"]);
    for o in &cost.ops {
        t.push(vec![
            o.step.into(),
            o.op.into(),
            format!("{:?}", o.output_shape).into(),
            o.params.into(),
            o.macs.into(),
            num(o.output_bytes as f64 / 1024.0),
            num(o.live_bytes as f64 / 1024.0),
        ]);
    }
    t.push(vec![
        "total".into(),
        format!("peak at step {}", cost.peak_step).into(),
        format!("batch {}", cost.batch_size).into(),
        cost.params.into(),
        cost.macs.into(),
        Value::Null,
        num(cost.peak_activation_bytes as f64 / 1024.0),
    ]);
    Ok(t)
}

fn measure(assets: &Assets, text: &str, dataset: Dataset, a: &HwArgs) -> Result<Table, String> {
    let program = program_of(assets, text, dataset, a)?;
    let device = crate::cli::score::device_of(&a.device)?;
    let start = std::time::Instant::now();
    let clock = move || start.elapsed().as_secs_f64() * 1e3;
    let mut t = Table::new(&["device", "batch", "runs", "median_ms", "min_ms", "max_ms", "median_ms_per_image"]);
    let mut batches = vec![1, a.batch_size.max(1)];
    batches.dedup();
    for batch_size in batches {
        let plan = TimingPlan { batch_size, warmup: a.warmup, runs: a.runs };
        let timing = pollster::block_on(time_forward(&program, &device, plan, &clock)).map_err(|e| e.to_string())?;
        t.push(vec![
            format!("this machine ({})", a.device).into(),
            batch_size.into(),
            timing.runs_ms.len().into(),
            num(timing.median_ms),
            num(timing.min_ms),
            num(timing.max_ms),
            num(timing.median_ms / batch_size as f64),
        ]);
    }
    Ok(t)
}

fn fbnet(assets: &Assets, text: &str, ops: Option<&str>) -> Result<Vec<Table>, String> {
    let arch = FbnetArch::parse(text).map_err(|e| e.to_string())?;
    let lut = FbnetLut::from_bytes(&assets.bytes(AssetName::FbnetLut)?).map_err(|e| e.to_string())?;
    let mut t = Table::new(&["arch", "input", "metric", "device", "value", "unit"]);
    for input in FbnetInput::ALL {
        let values = fbnet_metrics(&lut, &arch, input).map_err(|e| e.to_string())?;
        for (m, v) in FbnetMetric::ALL.into_iter().zip(values) {
            t.push(vec![
                arch.to_string().into(),
                input.name().into(),
                m.name().into(),
                m.device_label().into(),
                num(v),
                m.unit().into(),
            ]);
        }
    }
    let mut out = vec![t, fbnet_analytic(&arch)];
    if let Some(name) = ops {
        let metric = FbnetMetric::from_name(name).ok_or_else(|| format!("unknown FBNet metric '{name}'"))?;
        let mut b = Table::new(&["input", "op", "value", "unit"]);
        for input in FbnetInput::ALL {
            for c in fbnet_breakdown(&lut, &arch, input, metric).map_err(|e| e.to_string())? {
                b.push(vec![input.name().into(), c.op.key.into(), num(c.value), metric.unit().into()]);
            }
        }
        out.push(b);
    }
    Ok(out)
}

/// Params, MACs and peak activation memory (batch 1) of HW-NAS-Bench's FBNet network for `arch`
/// on both inputs, from shapes alone (`hw::analytic`; the omitted channel shuffle changes neither
/// params nor MACs, see `net::fbnet`).
fn fbnet_analytic(arch: &FbnetArch) -> Table {
    let mut t = Table::new(&["arch", "input", "resolution", "params_m", "macs_m", "peak_activation_mib", "batch"]);
    for input in FbnetInput::ALL {
        let cost = analytic_cost(&fbnet_program(arch, input), 1);
        t.push(vec![
            arch.to_string().into(),
            input.name().into(),
            input.resolution().into(),
            num(cost.params_m()),
            num(cost.macs as f64 / 1e6),
            num(cost.peak_activation_mib()),
            cost.batch_size.into(),
        ]);
    }
    t
}

fn estimates(hw: &Nb201Hardware, assets: &Assets) -> Table {
    let mut t = Table::new(&[
        "estimate",
        "measured_table",
        "batch",
        "spearman",
        "kendall_tau_b",
        "mean_rel_error",
        "median_rel_error",
        "max_rel_error",
        "n",
    ]);
    for r in estimate_accuracy(&hw.op_model, &hw.latency, &assets.archs) {
        t.push(vec![
            format!("est:{}", r.device).into(),
            r.column.into(),
            opt(r.batch_size),
            num(r.spearman),
            num(r.kendall_tau_b),
            num(r.mean_rel_error),
            num(r.median_rel_error),
            num(r.max_rel_error),
            r.n.into(),
        ]);
    }
    for d in &hw.op_model.devices {
        if crate::hw::op_estimate::matching_columns(&hw.latency, &d.device).is_empty() {
            t.push(vec![
                format!("est:{}", d.device).into(),
                "none: no measured table, accuracy unknown".into(),
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                0.into(),
            ]);
        }
    }
    t
}

fn selection(hw: &Nb201Hardware, assets: &Assets, key: &str, dataset: Dataset, a: &HwArgs) -> Result<Table, String> {
    let metric = hw.metric(key).map_err(|e| e.to_string())?;
    let cost = hw.values(&metric, &assets.archs, dataset).ok_or("metric has no values")?;
    let bench = BenchDataset::from_name(dataset.name()).ok_or("dataset")?;
    let truth = match &a.truth {
        Some(k) => GroundTruth::from_key(k).ok_or_else(|| format!("unknown ground truth '{k}'"))?,
        None => GroundTruth::default_for(bench),
    };
    let accuracy: Vec<f64> = assets.accuracy.column_pct(truth).iter().map(|&x| f64::from(x)).collect();
    let scores = match (&a.scores, &a.reference) {
        (Some(path), _) => load_score_csv(path, assets)?,
        (None, r) => load_reference(r.as_deref().unwrap_or("freerea"), dataset, assets)?,
    };
    let names: Vec<String> =
        if a.proxies.is_empty() { scores.columns.iter().map(|(n, _)| n.clone()).collect() } else { a.proxies.clone() };
    let info = hw.info(&metric);
    let metric_label = format!("{}: {} [{}]", info.key, info.name, info.unit);
    let budget_label = |k: usize| match a.budgets.get(k) {
        Some(b) => format!("≤{b}"),
        None => format!("q{}", a.quantiles.get(k).copied().unwrap_or(f64::NAN)),
    };
    // One set of budgets for every proxy: quantiles of the cost over all cells with a cost and
    // an accuracy, so proxies are compared at the same budgets.
    let budgets = if a.budgets.is_empty() {
        budget_quantiles(&cost, &accuracy, &accuracy, &a.quantiles)
    } else {
        a.budgets.clone()
    };
    let mut swept = Vec::with_capacity(names.len());
    for name in &names {
        let column = scores.by_index(name, assets.archs.len()).ok_or_else(|| format!("no scores for '{name}'"))?;
        let score = oriented(&column, orientation_sign(name) > 0.0);
        swept.push((name.clone(), budget_sweep(&cost, &accuracy, &score, &budgets)));
    }
    if a.wide {
        let n_budgets = swept.first().map_or(0, |(_, rows)| rows.len());
        let mut headers = vec!["proxy".to_string(), "metric".to_string()];
        for k in 0..n_budgets {
            let b = budget_label(k);
            headers.extend([format!("{b} budget"), format!("{b} picked"), format!("{b} best"), format!("{b} gap")]);
        }
        let mut t = Table { headers, rows: Vec::new() };
        for (name, rows) in &swept {
            let mut row = vec![Value::from(name.as_str()), metric_label.clone().into()];
            for r in rows {
                row.extend([
                    num(r.budget),
                    opt(r.proxy.map(|p| p.accuracy)),
                    opt(r.best.map(|p| p.accuracy)),
                    num(r.gap()),
                ]);
            }
            t.push(row);
        }
        // Median over proxies (robust to one proxy picking a dead network): does the typical
        // proxy drift from the front as the budget loosens?
        let mut summary = vec![Value::from("median over proxies"), metric_label.into()];
        for k in 0..n_budgets {
            let rows: Vec<&BudgetRow> = swept.iter().filter_map(|(_, r)| r.get(k)).collect();
            let mid = |f: &dyn Fn(&BudgetRow) -> f64| median(&rows.iter().map(|r| f(r)).collect::<Vec<f64>>());
            summary.extend([
                num(mid(&|r| r.budget)),
                num(mid(&|r| r.proxy.map_or(f64::NAN, |p| p.accuracy))),
                num(mid(&|r| r.best.map_or(f64::NAN, |p| p.accuracy))),
                num(mid(&|r| r.gap())),
            ]);
        }
        t.push(summary);
        return Ok(t);
    }
    let mut t = Table::new(&[
        "proxy",
        "metric",
        "budget_at",
        "budget",
        "feasible",
        "picked_index",
        "picked_cost",
        "picked_accuracy",
        "best_index",
        "best_cost",
        "best_accuracy",
        "gap",
    ]);
    for (name, rows) in &swept {
        for (k, row) in rows.iter().enumerate() {
            t.push(vec![
                name.as_str().into(),
                metric_label.clone().into(),
                budget_label(k).into(),
                num(row.budget),
                row.feasible.into(),
                row.proxy.map_or(Value::Null, |p| p.index.into()),
                opt(row.proxy.map(|p| p.cost)),
                opt(row.proxy.map(|p| p.accuracy)),
                row.best.map_or(Value::Null, |p| p.index.into()),
                opt(row.best.map(|p| p.cost)),
                opt(row.best.map(|p| p.accuracy)),
                num(row.gap()),
            ]);
        }
    }
    Ok(t)
}
