//! The Hardware view: the current cell's cost on every bundled device (measured tables, per-op
//! estimates with their measured error, analytic counts), "measure here" on this browser's
//! device, the accuracy-vs-cost scatter with the true Pareto front, and what each proxy would
//! pick under a budget — at one budget and as the budget sweeps.

use leptos::prelude::*;

use crate::app::loading::loaded;

use crate::app::assets::{PageData, fetch_asset};
use crate::app::fbnet_panel::FbnetPanel;
use crate::app::plot::{Axis, Mark, SERIES, Scatter, canvas_by_id, draw_lines, draw_scatter};
use crate::app::store::live_columns;
use crate::app::worker_client::WorkerClient;
use crate::bench::{AssetName, FbnetLut, FreeReaReference, GroundTruth, NaslibReference, Nb201Latency, OpLatencyModel};
use crate::compute::DeviceKind;
use crate::compute::messages::{FromWorker, ToWorker};
use crate::hw::analytic::analytic_cost;
use crate::hw::measure::Timing;
use crate::hw::metric::{CostMetric, Nb201Hardware};
use crate::hw::op_estimate::{EstimateAccuracy, estimate_accuracy, matching_columns};
use crate::hw::pareto::pareto_front;
use crate::hw::selection::{BudgetRow, budget_quantiles, budget_sweep, oriented};
use crate::net::nb201::{Nb201Config, nb201_program};
use crate::report::score_columns::{ScoreColumns, bench_dataset, freerea_columns, naslib_columns, orientation_sign};
use crate::space::Dataset;
use crate::space::nb201::Cell;

/// The assets the Hardware view needs, decoded once.
#[derive(Clone, Debug)]
pub struct HwData {
    /// Latency tables and per-op model.
    pub hw: Nb201Hardware,
    /// FreeREA's whole-space scores.
    pub freerea: FreeReaReference,
    /// NASLib's ~725-cell scores.
    pub naslib: NaslibReference,
    /// Per-op estimate accuracy against every matching table (computed once).
    pub estimates: Vec<EstimateAccuracy>,
    /// The FBNet space's per-op lookup table (8 metrics).
    pub fbnet_lut: FbnetLut,
}

impl HwData {
    /// Decodes the five assets (in [`HwData::ASSETS`] order); `archs` gives the codes the
    /// estimates are checked over.
    pub fn decode(bytes: [&[u8]; 5], archs: &crate::bench::ArchTable) -> Result<HwData, String> {
        let [latency, op_model, freerea, naslib, fbnet_lut] = bytes;
        let latency = Nb201Latency::from_bytes(latency).map_err(|e| e.to_string())?;
        let op_model = OpLatencyModel::from_bytes(op_model).map_err(|e| e.to_string())?;
        let freerea = FreeReaReference::from_bytes(freerea).map_err(|e| e.to_string())?;
        let naslib = NaslibReference::from_bytes(naslib).map_err(|e| e.to_string())?;
        let fbnet_lut = FbnetLut::from_bytes(fbnet_lut).map_err(|e| e.to_string())?;
        let estimates = estimate_accuracy(&op_model, &latency, archs);
        Ok(HwData { hw: Nb201Hardware { latency, op_model }, freerea, naslib, estimates, fbnet_lut })
    }

    /// The assets the view needs, in [`HwData::decode`] order.
    pub const ASSETS: [AssetName; 5] = [
        AssetName::Nb201Latency,
        AssetName::Nb201OpLatency,
        AssetName::Nb201ReferenceFreerea,
        AssetName::Nb201ReferenceNaslib,
        AssetName::FbnetLut,
    ];

    /// Starts fetching into `hw` unless it holds (or is getting) the data already: the Hardware
    /// and Compare views share one copy.
    pub fn load_once(hw: RwSignal<Option<Result<HwData, String>>>, archs: &crate::bench::ArchTable) {
        if hw.get_untracked().is_none() {
            let archs = archs.clone();
            leptos::task::spawn_local(async move { hw.set(Some(HwData::fetch(&archs).await)) });
        }
    }

    /// Fetches and decodes the five assets.
    pub async fn fetch(archs: &crate::bench::ArchTable) -> Result<HwData, String> {
        let mut bytes = Vec::with_capacity(5);
        for name in HwData::ASSETS {
            bytes.push(fetch_asset(name).await?);
        }
        let [a, b, c, d, e] = [&bytes[0], &bytes[1], &bytes[2], &bytes[3], &bytes[4]];
        HwData::decode([a, b, c, d, e], archs)
    }
}

/// The device label and one timing per batch size, or why timing failed.
type MeasureResult = Result<(String, Vec<Timing>), String>;

fn fmt_value(v: f64) -> String {
    if !v.is_finite() {
        "—".into()
    } else if v.abs() >= 100.0 {
        format!("{v:.1}")
    } else if v.abs() >= 1.0 {
        format!("{v:.3}")
    } else {
        format!("{v:.4}")
    }
}

/// Loads the hardware assets on first show, then renders [`HardwareView`].
#[component]
pub fn HardwarePage(
    data: PageData,
    hw: RwSignal<Option<Result<HwData, String>>>,
    cell: RwSignal<Cell>,
) -> impl IntoView {
    HwData::load_once(hw, &data.archs);
    move || {
        loaded(hw.get(), "hw-status", "hardware tables", |h| {
            view! { <HardwareView data=data.clone() hw=h cell=cell /> }.into_any()
        })
    }
}

/// The Hardware view over loaded data.
#[component]
fn HardwareView(data: PageData, hw: HwData, cell: RwSignal<Cell>) -> impl IntoView {
    let data = StoredValue::new(data);
    let hw = StoredValue::new(hw);
    let dataset = RwSignal::new(Dataset::Cifar10);
    let metric_key = RwSignal::new("raspi4".to_string());
    let source = RwSignal::new("freerea".to_string());
    let quantile = RwSignal::new(0.25f64);
    let measured: RwSignal<Option<MeasureResult>> = RwSignal::new(None);
    let measuring = RwSignal::new(false);
    let batch = RwSignal::new(64usize);
    let runs = RwSignal::new(10usize);

    let metric = Memo::new(move |_| {
        hw.with_value(|h| h.hw.metric(&metric_key.get()).unwrap_or_else(|_| CostMetric::Measured("raspi4".into())))
    });
    let costs = Memo::new(move |_| {
        let m = metric.get();
        let d = dataset.get();
        data.with_value(|p| hw.with_value(|h| h.hw.values(&m, &p.archs, d).unwrap_or_default()))
    });
    let accuracy = Memo::new(move |_| {
        let gt = GroundTruth::Test200(bench_dataset(dataset.get()));
        data.with_value(|p| p.accuracy.column_pct(gt).iter().map(|&a| f64::from(a)).collect::<Vec<f64>>())
    });
    let front = Memo::new(move |_| pareto_front(&costs.get(), &accuracy.get()));
    let scores = Memo::new(move |_| {
        let d = dataset.get();
        let n = data.with_value(|p| p.archs.len());
        hw.with_value(|h| match source.get().as_str() {
            "naslib" => {
                naslib_columns(&h.naslib, d).unwrap_or(ScoreColumns { dataset: d, indices: vec![], columns: vec![] })
            }
            "live" => data.with_value(|p| live_columns(d, &p.archs).0),
            _ => freerea_columns(&h.freerea, d, n),
        })
    });
    // Oriented score columns by NATS index.
    let proxy_scores = Memo::new(move |_| {
        let s = scores.get();
        let n = data.with_value(|p| p.archs.len());
        s.columns
            .iter()
            .filter_map(|(name, _)| Some((name.clone(), oriented(&s.by_index(name, n)?, orientation_sign(name) > 0.0))))
            .collect::<Vec<(String, Vec<f64>)>>()
    });
    let budget = Memo::new(move |_| {
        let (c, a) = (costs.get(), accuracy.get());
        budget_quantiles(&c, &a, &a, &[quantile.get()]).first().copied().unwrap_or(f64::NAN)
    });
    let picks = Memo::new(move |_| {
        let (c, a, b) = (costs.get(), accuracy.get(), budget.get());
        proxy_scores
            .get()
            .iter()
            .map(|(name, s)| (name.clone(), budget_sweep(&c, &a, s, &[b]).pop()))
            .collect::<Vec<(String, Option<BudgetRow>)>>()
    });
    let sweep_quantiles: Vec<f64> = (1..=20).map(|k| k as f64 / 20.0).collect();
    let sweeps = Memo::new(move |_| {
        let (c, a) = (costs.get(), accuracy.get());
        let budgets = budget_quantiles(&c, &a, &a, &sweep_quantiles);
        proxy_scores
            .get()
            .iter()
            .map(|(name, s)| (name.clone(), budget_sweep(&c, &a, s, &budgets)))
            .collect::<Vec<(String, Vec<BudgetRow>)>>()
    });
    let cell_index = Memo::new(move |_| data.with_value(|p| p.archs.index_of(cell.get().code())));

    // Redraw the scatter and the sweep whenever their inputs change.
    Effect::new(move |_| {
        crate::app::track_viewport();
        let (c, a, f, b) = (costs.get(), accuracy.get(), front.get(), budget.get());
        let info = hw.with_value(|h| h.hw.info(&metric.get()));
        let mut marks = Vec::new();
        for (k, (_, row)) in picks.get().iter().enumerate() {
            if let Some(p) = row.and_then(|r| r.proxy) {
                marks.push(Mark { x: p.cost, y: p.accuracy, colour: SERIES[k % SERIES.len()] });
            }
        }
        if let Some(i) = cell_index.get() {
            marks.push(Mark {
                x: c.get(i).copied().unwrap_or(f64::NAN),
                y: a.get(i).copied().unwrap_or(f64::NAN),
                colour: "#ffffff",
            });
        }
        if let Some(cv) = canvas_by_id("hw-scatter") {
            let x = Axis::fit(&format!("{} — {} ({})", info.name, info.kind, info.unit), &c);
            let y = Axis::linear("test accuracy (%)", &a);
            let _ = draw_scatter(&cv, x, y, &Scatter { xs: &c, ys: &a, front: &f, budget: Some(b), marks: &marks });
        }
        if let Some(cv) = canvas_by_id("hw-sweep") {
            let series: Vec<(String, Vec<(f64, f64)>)> = sweeps
                .get()
                .iter()
                .map(|(n, rows)| (n.clone(), rows.iter().map(|r| (r.budget, r.gap())).collect()))
                .collect();
            let xs: Vec<f64> = series.iter().flat_map(|(_, p)| p.iter().map(|q| q.0)).collect();
            let ys: Vec<f64> = series.iter().flat_map(|(_, p)| p.iter().map(|q| q.1)).chain([0.0]).collect();
            let _ = draw_lines(
                &cv,
                Axis::fit(&format!("budget ({})", info.unit), &xs),
                Axis::fit("accuracy gap to the true best (points)", &ys),
                &series,
            );
        }
    });

    let client = use_context::<WorkerClient>().unwrap_or_default();
    let measure = move |_| {
        if measuring.get_untracked() {
            return;
        }
        measuring.set(true);
        measured.set(None);
        let (b, r) = (batch.get_untracked().max(1), runs.get_untracked().max(1));
        let mut batch_sizes = vec![1, b];
        batch_sizes.dedup();
        let (arch, d) = (cell.get_untracked().to_string(), dataset.get_untracked());
        let make = move |job| ToWorker::Measure {
            job,
            arch,
            dataset: d,
            batch_sizes,
            runs: r,
            warmup: 2,
            device: DeviceKind::Gpu, // WebGPU when the browser has it, else the CPU (labelled)
        };
        let label = RwSignal::new(String::new());
        let on_answer = move |answer: FromWorker| match answer {
            FromWorker::Device { label: l, fallback, .. } => {
                label.set(fallback.map_or(l.clone(), |f| format!("{l} — {f}")))
            }
            FromWorker::Measured { timings, .. } => {
                measured.set(Some(Ok((label.get_untracked(), timings))));
                measuring.set(false);
            }
            FromWorker::Failed { error, .. } => {
                measured.set(Some(Err(error)));
                measuring.set(false);
            }
            _ => {}
        };
        if let Err(e) = client.request(make, on_answer) {
            measured.set(Some(Err(e)));
            measuring.set(false);
        }
    };

    let cost_rows = move || {
        let c = cell.get();
        let d = dataset.get();
        let index = cell_index.get();
        let cost = analytic_cost(&nb201_program(&c, &Nb201Config::for_dataset(d.classes(), d.resolution())), 1);
        hw.with_value(|h| {
            h.hw.metrics()
                .into_iter()
                .map(|m| {
                    let info = h.hw.info(&m);
                    let value = match &m {
                        CostMetric::ParamsM => cost.params_m(),
                        CostMetric::FlopsM => cost.benchmark_flops_per_image / 1e6,
                        CostMetric::ActivationMib => cost.peak_activation_mib(),
                        other => data
                            .with_value(|p| {
                                h.hw.table_values(other, &p.archs).and_then(|v| index.and_then(|i| v.get(i).copied()))
                            })
                            .unwrap_or(f64::NAN),
                    };
                    let batch = info.batch_size.map_or("—".to_string(), |b| b.to_string());
                    view! {
                        <tr class=info.kind>
                            <th scope="row">{info.name}</th>
                            <td>{info.kind}</td>
                            <td class="num">{fmt_value(value)}</td>
                            <td>{info.unit}</td>
                            <td class="num">{batch}</td>
                            <td>{info.source}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let op_rows = move || {
        let d = dataset.get();
        let cost = analytic_cost(
            &nb201_program(&cell.get(), &Nb201Config::for_dataset(d.classes(), d.resolution())),
            batch.get(),
        );
        let kib = |b: u64| format!("{:.1}", b as f64 / 1024.0);
        let total = view! {
            <tr>
                <th scope="row">"total"</th>
                <td>{format!("peak at step {}", cost.peak_step)}</td>
                <td></td>
                <td class="num">{cost.params}</td>
                <td class="num">{format!("{:.2}", cost.macs as f64 / 1e6)}</td>
                <td></td>
                <td class="num">{kib(cost.peak_activation_bytes)}</td>
            </tr>
        };
        let rows = cost
            .ops
            .into_iter()
            .map(|o| {
                view! {
                    <tr>
                        <th scope="row">{o.step}</th>
                        <td>{o.op}</td>
                        <td>{format!("{:?}", o.output_shape)}</td>
                        <td class="num">{o.params}</td>
                        <td class="num">{format!("{:.2}", o.macs as f64 / 1e6)}</td>
                        <td class="num">{kib(o.output_bytes)}</td>
                        <td class="num">{kib(o.live_bytes)}</td>
                    </tr>
                }
            })
            .collect_view();
        (rows, total)
    };
    let estimate_rows = move || {
        hw.with_value(|h| {
            let mut rows: Vec<_> = h
                .estimates
                .iter()
                .map(|e| {
                    let batch = e.batch_size.map_or("—".to_string(), |b| b.to_string());
                    view! {
                        <tr>
                            <th scope="row">{e.device.clone()}</th>
                            <td>{e.column.clone()}</td>
                            <td class="num">{batch}</td>
                            <td class="num">{format!("{:.3}", e.spearman)}</td>
                            <td class="num">{format!("{:.3}", e.kendall_tau_b)}</td>
                            <td class="num">{format!("{:.1} %", 100.0 * e.median_rel_error)}</td>
                            <td class="num">{format!("{:.1} %", 100.0 * e.mean_rel_error)}</td>
                        </tr>
                    }
                    .into_any()
                })
                .collect();
            for d in h.hw.op_model.devices.iter().filter(|d| matching_columns(&h.hw.latency, &d.device).is_empty()) {
                rows.push(
                    view! {
                        <tr>
                            <th scope="row">{d.device.clone()}</th>
                            <td colspan="6">"no measured table: an estimate whose error cannot be checked here"</td>
                        </tr>
                    }
                    .into_any(),
                );
            }
            rows.collect_view()
        })
    };
    let pick_rows = move || {
        picks
            .get()
            .into_iter()
            .enumerate()
            .map(|(k, (name, row))| {
                let colour = format!("color: {}", SERIES[k % SERIES.len()]);
                let (picked, best, gap) = match row {
                    Some(r) => (r.proxy, r.best, r.gap()),
                    None => (None, None, f64::NAN),
                };
                let open = move |_| {
                    if let Some(c) =
                        picked.and_then(|p| data.with_value(|d| d.archs.code_of(p.index))).and_then(Cell::from_code)
                    {
                        cell.set(c);
                    }
                };
                view! {
                    <tr>
                        <th scope="row"><span style=colour>"● "</span>{name}</th>
                        <td class="num">
                            {picked.map(|p| p.index.to_string()).unwrap_or("—".into())}
                        </td>
                        <td class="num">{picked.map_or("—".into(), |p| fmt_value(p.cost))}</td>
                        <td class="num">{picked.map_or("—".into(), |p| format!("{:.2}", p.accuracy))}</td>
                        <td class="num">{best.map_or("—".into(), |p| format!("{:.2}", p.accuracy))}</td>
                        <td class="num">{if gap.is_finite() { format!("{gap:.2}") } else { "—".into() }}</td>
                        <td><button type="button" on:click=open disabled=picked.is_none()>"Select cell"</button></td>
                    </tr>
                }
            })
            .collect_view()
    };
    let legend = move || {
        sweeps
            .get()
            .iter()
            .enumerate()
            .map(|(k, (name, _))| {
                let style = format!("color: {}", SERIES[k % SERIES.len()]);
                view! { <li><span style=style>"━ "</span>{name.clone()}</li> }
            })
            .collect_view()
    };
    let metric_options = move || {
        hw.with_value(|h| {
            h.hw.metrics()
                .into_iter()
                .map(|m| {
                    let i = h.hw.info(&m);
                    let batch = i.batch_size.map_or(String::new(), |b| format!(", batch {b}"));
                    let label = format!("{} — {}{batch}", i.name, i.kind);
                    view! { <option value=i.key.clone() selected=move || metric_key.get() == i.key>{label}</option> }
                })
                .collect_view()
        })
    };
    let metric_info = move || {
        let i = hw.with_value(|h| h.hw.info(&metric.get()));
        let batch = i.batch_size.map_or("not stated".to_string(), |b| b.to_string());
        format!(
            "{} · {} · source: {} · input: {} · batch: {} · unit: {}",
            i.name, i.kind, i.source, i.input, batch, i.unit
        )
    };
    let measured_view = move || match measured.get() {
        None if measuring.get() => view! { <p class="status">"Timing…"</p> }.into_any(),
        None => ().into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{format!("Timing failed: {e}")}</p> }.into_any(),
        Some(Ok((label, timings))) => {
            let rows = timings
                .into_iter()
                .map(|t| {
                    view! {
                        <tr>
                            <td class="num">{t.plan.batch_size}</td>
                            <td class="num">{format!("{:.2}", t.median_ms)}</td>
                            <td class="num">{format!("{:.2}", t.min_ms)}</td>
                            <td class="num">{format!("{:.3}", t.median_ms / t.plan.batch_size as f64)}</td>
                            <td class="num">{t.runs_ms.len()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table id="hw-measured">
                    <caption>{format!("This device: {label}")}</caption>
                    <thead><tr><th>"Batch"</th><th>"Median ms"</th><th>"Min ms"</th><th>"ms per image"</th><th>"Runs"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };

    view! {
        <section class="hardware" aria-labelledby="hw-title">
            <h2 id="hw-title">"Hardware cost"</h2>
            <div class="pickers">
                <label>
                    "Dataset "
                    <select id="hw-dataset" on:change=move |ev| {
                        if let Some(d) = Dataset::from_name(&event_target_value(&ev)) { dataset.set(d) }
                    }>
                        {Dataset::ALL.iter().map(|d| view! { <option value=d.name() selected=move || dataset.get() == *d>{d.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "Device / metric "
                    <select id="hw-metric" on:change=move |ev| metric_key.set(event_target_value(&ev))>{metric_options}</select>
                </label>
            </div>
            <p id="hw-metric-info" class="note">{metric_info}</p>

            <h3>"Accuracy vs cost"</h3>
            <p class="note">"Grey: all cells; red line: the true Pareto front; dashed: the budget; dots: each proxy's pick (legend below); white dot: the current cell."</p>
            <canvas id="hw-scatter" class="plot" role="img" aria-label="Scatter of test accuracy against the chosen hardware cost, with the Pareto front"></canvas>

            <h3>"What each proxy would pick under a budget"</h3>
            <div class="pickers">
                <label>
                    "Scores "
                    <select id="hw-source" on:change=move |ev| source.set(event_target_value(&ev))>
                        <option value="freerea">"FreeREA (all 15,625 cells)"</option>
                        <option value="naslib">"NASLib (~725 cells)"</option>
                        <option value="live">"Your scores (Score view)"</option>
                    </select>
                    <span id="hw-live-note" class="note">{move || (source.get() == "live").then(|| {
                        let s = scores.get();
                        if s.indices.is_empty() {
                            "No stored scores on this dataset yet: score cells in the Score view.".to_string()
                        } else {
                            format!(" {} cells, among which each proxy picks", s.indices.len())
                        }
                    })}</span>
                </label>
                <label>
                    "Budget: cheapest "
                    <input id="hw-quantile" type="range" min="0.05" max="1" step="0.05"
                        prop:value=move || quantile.get().to_string()
                        on:input=move |ev| { if let Ok(q) = event_target_value(&ev).parse::<f64>() { quantile.set(q.clamp(0.0, 1.0)) } } />
                    {move || format!(" {:.0} % of cells", 100.0 * quantile.get())}
                </label>
                <label>
                    "cost ≤ "
                    <input id="hw-budget" type="number" step="any" min="0"
                        prop:value=move || fmt_value(budget.get())
                        on:change=move |ev| {
                            // A typed budget becomes the share of cells it admits, so slider and box agree.
                            if let Ok(b) = event_target_value(&ev).parse::<f64>() {
                                let c = costs.get_untracked();
                                let total = c.iter().filter(|x| x.is_finite()).count().max(1);
                                let fit = c.iter().filter(|&&x| x.is_finite() && x <= b).count();
                                quantile.set((fit as f64 / total as f64).clamp(0.0, 1.0));
                            }
                        } />
                    {move || format!(" {}", hw.with_value(|h| h.hw.info(&metric.get()).unit))}
                </label>
            </div>
            <p class="note">"Budgets can be set on any latency table or estimate, on parameters, FLOPs or activation memory. Energy is not offered for NB201: HW-NAS-Bench publishes per-architecture energies only in its test vectors (FBNet energies are below, but FBNet has no accuracies to select by)."</p>
            <table id="hw-selection">
                <thead>
                    <tr><th>"Proxy"</th><th>"Picked cell"</th><th>"Its cost"</th><th>"Its accuracy"</th><th>"Best feasible"</th><th>"Gap (points)"</th><th></th></tr>
                </thead>
                <tbody>{pick_rows}</tbody>
            </table>
            <h3>"Gap to the true best as the budget loosens"</h3>
            <canvas id="hw-sweep" class="plot small" role="img" aria-label="Accuracy gap of each proxy's pick against the budget"></canvas>
            <ul class="legend">{legend}</ul>

            <h3>"This cell on every device"</h3>
            <div class="pickers">
                <label>"Batch " <input id="hw-batch" type="number" min="1" max="256" prop:value=move || batch.get().to_string()
                    on:change=move |ev| { if let Ok(b) = event_target_value(&ev).parse::<usize>() { batch.set(b.clamp(1, 256)) } } /></label>
                <label>"Runs " <input id="hw-runs" type="number" min="1" max="100" prop:value=move || runs.get().to_string()
                    on:change=move |ev| { if let Ok(r) = event_target_value(&ev).parse::<usize>() { runs.set(r.clamp(1, 100)) } } /></label>
                <button id="hw-measure" type="button" on:click=measure disabled=move || measuring.get()>"Measure here"</button>
            </div>
            <p class="note">"Measure here times the forward pass (batch 1 and the chosen batch, median after warm-up) through burn on this browser's device — WebGPU when the browser has it, else the CPU — in the page's worker. A browser timing includes the browser's own overheads; it is not comparable to a native measurement."</p>
            {measured_view}
            <table id="hw-costs">
                <thead><tr><th>"Device"</th><th>"Kind"</th><th>"Value"</th><th>"Unit"</th><th>"Batch"</th><th>"Source"</th></tr></thead>
                <tbody>{cost_rows}</tbody>
            </table>

            <details id="hw-ops">
                <summary>{move || format!("Per-op analytic cost at batch {} (params, MACs, activation memory)", batch.get())}</summary>
                <p class="note">"Every step allocates its float32 output; a tensor is freed after its last reader. Live memory is what is held while the step runs."</p>
                <table>
                    <thead><tr><th>"Step"</th><th>"Op"</th><th>"Output shape"</th><th>"Params"</th><th>"MMACs"</th><th>"Output KiB"</th><th>"Live KiB"</th></tr></thead>
                    <tbody>{op_rows}</tbody>
                </table>
            </details>

            <h3>"How good are the per-op estimates?"</h3>
            <p class="note">"Each estimate sums five per-op latencies over the six edges; here it is checked against the measured table of the same device over all 15,625 cells. Mean relative error is dominated by a few cells with near-zero measured latency; the median is the typical error."</p>
            <table id="hw-estimates">
                <thead><tr><th>"Estimate"</th><th>"Measured table"</th><th>"Batch"</th><th>"Spearman ρ"</th><th>"Kendall τ-b"</th><th>"Median error"</th><th>"Mean error"</th></tr></thead>
                <tbody>{estimate_rows}</tbody>
            </table>

            <FbnetPanel lut=hw.with_value(|h| h.fbnet_lut.clone()) />
        </section>
    }
}
