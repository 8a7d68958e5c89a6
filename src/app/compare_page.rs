//! The Compare view: a proxy's scores against benchmark accuracy over a population of cells —
//! FreeREA's whole-space scores, NASLib's ~725 cells, our own bundled sample, or scores computed
//! in this browser — with the correlation table (ρ, τ-b, top-k ρ, nDCG, bootstrap intervals, the
//! published ρ beside ours), the proxy × proxy heat map, hover to see a cell and open it in Build, exports, and
//! "score a sample live", which adds random cells scored in the worker as they finish.

use leptos::html::Canvas;
use leptos::prelude::*;

use crate::app::ScoreVersion;
use crate::app::assets::PageData;
use crate::app::download::download_text;
use crate::app::hardware_page::HwData;
use crate::app::live_sample::LiveSample;
use crate::app::loading::loaded;
use crate::app::ours::OursScores;
use crate::app::plot::{Axis, Mark, Scatter, draw_heatmap, draw_scatter};
use crate::app::plot_export::PlotExport;
use crate::app::score_page::fmt_score;
use crate::app::store::live_columns;
use crate::app::url_state::{Page, ViewState};
use crate::bench::{GroundTruth, NB201_CELLS, OURS_CELLS};
use crate::chart::colour::Scale;
use crate::chart::heatmap::HeatMap;
use crate::chart::scatter::nearest;
use crate::chart::{PlotArea, Scene};
use crate::explorer::compare::{CompareRow, correlation_table, proxy_matrix, table_csv, table_json};
use crate::explorer::population::Population;
use crate::explorer::view_state::Source;
use crate::report::correlation::FailedScores;
use crate::report::score_columns::{ScoreColumns, bench_dataset, freerea_columns, naslib_columns};
use crate::space::Dataset;
use crate::space::nb201::Cell;

/// Bootstrap resamples for the page's intervals (the CLI uses 1,000; the table says which).
const RESAMPLES: usize = 200;

fn fmt(x: f64) -> String {
    if x.is_finite() { format!("{x:.3}") } else { "—".into() }
}

/// The population the view shows: rows of the source, their NATS indices and ground truth.
#[derive(Clone, Debug, PartialEq)]
struct Selected {
    columns: ScoreColumns,
    truth: Vec<f64>,
    rows: Vec<usize>,
}

/// Loads the reference scores on first show (shared with the Hardware view), then renders.
#[component]
pub fn ComparePage(
    data: PageData,
    hw: RwSignal<Option<Result<HwData, String>>>,
    cell: RwSignal<Cell>,
    page: RwSignal<Page>,
    state: RwSignal<ViewState>,
) -> impl IntoView {
    HwData::load_once(hw, &data.archs);
    move || {
        loaded(hw.get(), "compare-status", "reference scores", |h| {
            view! { <CompareView data=data.clone() hw=h cell=cell page=page state=state /> }.into_any()
        })
    }
}

#[component]
fn CompareView(
    data: PageData,
    hw: HwData,
    cell: RwSignal<Cell>,
    page: RwSignal<Page>,
    state: RwSignal<ViewState>,
) -> impl IntoView {
    let data = StoredValue::new(data);
    let hw = StoredValue::new(hw);
    let version = use_context::<ScoreVersion>().unwrap_or_else(|| ScoreVersion(RwSignal::new(0)));
    let ours = use_context::<OursScores>().unwrap_or_default();
    let dataset = Memo::new(move |_| state.with(|s| s.protocol.dataset));
    let truth_kind = Memo::new(move |_| state.with(ViewState::truth));
    let source = Memo::new(move |_| state.with(|s| s.compare.source));
    let population = Memo::new(move |_| state.with(|s| (s.compare.population, s.compare.sample_seed)));
    let failed = Memo::new(move |_| state.with(|s| s.compare.failed));

    let columns = Memo::new(move |_| {
        let d = dataset.get();
        match source.get() {
            Source::FreeRea => Ok(hw.with_value(|h| freerea_columns(&h.freerea, d, NB201_CELLS))),
            Source::Naslib => hw.with_value(|h| naslib_columns(&h.naslib, d)),
            Source::Ours => match data.with_value(|p| ours.get(d, &p.archs)) {
                None => Err("loading our bundled scores…".to_string()),
                Some(set) => set.map(|(columns, _)| columns),
            },
            Source::Live => {
                version.0.track();
                Ok(data.with_value(|p| live_columns(d, &p.archs).0))
            }
        }
    });
    let selected = Memo::new(move |_| {
        let columns = columns.get()?;
        let gt = truth_kind.get();
        let truth: Vec<f64> = data.with_value(|p| {
            columns.indices.iter().map(|&i| p.accuracy.accuracy_pct(gt, i).map_or(f64::NAN, f64::from)).collect()
        });
        let (pop, seed) = population.get();
        let class: Vec<usize> = if pop == Population::Unique {
            data.with_value(|p| {
                columns
                    .indices
                    .iter()
                    .map(|&i| p.archs.code_of(i).and_then(Cell::from_code).map_or(usize::MAX - i, |c| c.class_index()))
                    .collect()
            })
        } else {
            Vec::new()
        };
        let rows = pop.select(&truth, &class, seed);
        Ok::<_, String>(Selected { columns, truth, rows })
    });
    let proxy = Memo::new(move |_| {
        let wanted = state.with(|s| s.compare.proxy.clone());
        let names: Vec<String> = selected.with(|s| {
            s.as_ref().map(|s| s.columns.columns.iter().map(|(n, _)| n.clone()).collect()).unwrap_or_default()
        });
        wanted.filter(|w| names.contains(w)).or_else(|| names.first().cloned())
    });
    let table = Memo::new(move |_| {
        let d = dataset.get();
        selected.with(|s| match s {
            Ok(s) => correlation_table(&s.columns.columns, &s.truth, &s.rows, d, RESAMPLES, 0, failed.get()),
            Err(_) => (Vec::new(), Vec::new()),
        })
    });
    let context = move || {
        let (pop, seed) = population.get_untracked();
        let n = selected.with_untracked(|s| s.as_ref().map_or(0, |s| s.rows.len()));
        format!(
            "source: {}; ground truth: {}; population: {} (seed {seed}), {n} cells; 95 % bootstrap intervals, {RESAMPLES} resamples; orientation applied, never |ρ|; failed scores {}",
            source.get_untracked().label(),
            truth_kind.get_untracked().label(),
            pop.label(),
            failed.get_untracked().label()
        )
    };

    // The scatter: redrawn whenever the population, proxy or current cell changes.
    let scatter_ref = NodeRef::<Canvas>::new();
    let scatter_scene: StoredValue<Option<Scene>, LocalStorage> = StoredValue::new_local(None);
    let scatter_area: StoredValue<Option<PlotArea>> = StoredValue::new(None);
    let redraw_ms = RwSignal::new(None::<f64>);
    let plotted: StoredValue<(Vec<f64>, Vec<f64>, Vec<usize>)> = StoredValue::new(Default::default());
    let hovered = RwSignal::new(None::<usize>); // NATS index of the point shown beside the plot
    Effect::new(move |_| {
        crate::app::track_viewport();
        let (Some(canvas), Some(name)) = (scatter_ref.get(), proxy.get()) else { return };
        let current = cell.get();
        let start = web_sys::window().and_then(|w| w.performance()).map(|p| p.now());
        selected.with(|s| {
            let Ok(s) = s else { return };
            let Some(column) = s.columns.column(&name) else { return };
            let xs: Vec<f64> = s.rows.iter().map(|&r| column[r]).collect();
            let ys: Vec<f64> = s.rows.iter().map(|&r| s.truth[r]).collect();
            let idx: Vec<usize> = s.rows.iter().map(|&r| s.columns.indices[r]).collect();
            let here = data.with_value(|p| p.archs.index_of(current.code()));
            let pointed = hovered.get();
            let mut marks: Vec<Mark> = idx
                .iter()
                .position(|&i| Some(i) == here)
                .map(|k| Mark { x: xs[k], y: ys[k], colour: "#e15759" })
                .into_iter()
                .collect();
            if let Some(k) = idx.iter().position(|&i| Some(i) == pointed) {
                marks.push(Mark { x: xs[k], y: ys[k], colour: "#4e79a7" });
            }
            let x = Axis::fit(&format!("{name} score"), &xs);
            let y = Axis::linear(&format!("accuracy (%) — {}", truth_kind.get_untracked().key()), &ys);
            if let Ok((scene, area, _)) =
                draw_scatter(&canvas, x, y, &Scatter { xs: &xs, ys: &ys, marks: &marks, ..Default::default() })
            {
                scatter_scene.set_value(Some(scene));
                scatter_area.set_value(Some(area));
            }
            plotted.set_value((xs, ys, idx));
        });
        let end = web_sys::window().and_then(|w| w.performance()).map(|p| p.now());
        if let (Some(a), Some(b)) = (start, end) {
            redraw_ms.set(Some(b - a));
        }
    });

    // Hover / click: the nearest point within 8 px; arrow keys step through the points by score.
    let pick = move |ev: leptos::ev::MouseEvent| {
        let (px, py) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let hit = scatter_area.with_value(|a| {
            let a = a.as_ref()?;
            plotted.with_value(|(xs, ys, idx)| nearest(a, xs, ys, px, py, 8.0).map(|k| idx[k]))
        });
        if hit.is_some() {
            hovered.set(hit);
        }
    };
    let step = move |ev: leptos::ev::KeyboardEvent| {
        let delta: i64 = match ev.key().as_str() {
            "ArrowRight" | "ArrowUp" => 1,
            "ArrowLeft" | "ArrowDown" => -1,
            "Enter" => {
                if let Some(c) = hovered
                    .get_untracked()
                    .and_then(|i| data.with_value(|p| p.archs.code_of(i)))
                    .and_then(Cell::from_code)
                {
                    cell.set(c);
                    page.set(Page::Build);
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let next = plotted.with_value(|(xs, _, idx)| {
            let mut order: Vec<usize> = (0..xs.len()).filter(|&k| xs[k].is_finite()).collect();
            order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
            let at = hovered.get_untracked().and_then(|i| order.iter().position(|&k| idx[k] == i));
            let pos = match at {
                Some(p) => (p as i64 + delta).clamp(0, order.len() as i64 - 1) as usize,
                None => 0,
            };
            order.get(pos).map(|&k| idx[k])
        });
        if next.is_some() {
            hovered.set(next);
        }
    };
    let hover_text = move || {
        let i = hovered.get()?;
        let name = proxy.get()?;
        let c = data.with_value(|p| p.archs.code_of(i)).and_then(Cell::from_code)?;
        let (score, acc) = selected.with(|s| {
            let s = s.as_ref().ok()?;
            let r = s.columns.indices.iter().position(|&j| j == i)?;
            Some((s.columns.column(&name)?[r], s.truth[r]))
        })?;
        Some((i, c, name, score, acc))
    };

    // The proxy × proxy heat map.
    let heat_ref = NodeRef::<Canvas>::new();
    let heat_scene: StoredValue<Option<Scene>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        crate::app::track_viewport();
        let Some(canvas) = heat_ref.get() else { return };
        selected.with(|s| {
            let Ok(s) = s else { return };
            let labels: Vec<String> = s.columns.columns.iter().map(|(n, _)| n.clone()).collect();
            let values = proxy_matrix(&s.columns.columns, &s.rows);
            let m = HeatMap {
                labels: &labels,
                n: labels.len(),
                values: &values,
                range: (-1.0, 1.0),
                scale: Scale::Diverging,
                annotate: labels.len() <= 14,
            };
            if let Ok((scene, _)) = draw_heatmap(&canvas, &m) {
                heat_scene.set_value(Some(scene));
            }
        });
    });

    let export_status = RwSignal::new(String::new());
    let export = move |json: bool| {
        let rows: Vec<CompareRow> = table.with_untracked(|t| t.0.clone());
        let name = format!("zsnas-compare-{}-{}", source.get_untracked().key(), truth_kind.get_untracked().key());
        let result = if json {
            download_text(&format!("{name}.json"), "application/json", &table_json(&rows, &context()))
        } else {
            download_text(&format!("{name}.csv"), "text/csv", &table_csv(&rows, &context()))
        };
        export_status.set(result.err().map(|e| format!("Export failed: {e}")).unwrap_or_default());
    };

    let truth_options = move || {
        let d = bench_dataset(dataset.get());
        GroundTruth::ALL
            .into_iter()
            .filter(|g| g.dataset() == d)
            .map(|g| {
                view! { <option value=g.key() selected=move || truth_kind.get() == g>{g.label()}</option> }
            })
            .collect_view()
    };
    let proxy_options = move || {
        let names: Vec<String> = selected.with(|s| {
            s.as_ref().map(|s| s.columns.columns.iter().map(|(n, _)| n.clone()).collect()).unwrap_or_default()
        });
        names
            .into_iter()
            .map(|n| {
                let m = n.clone();
                view! { <option value=n.clone() selected=move || proxy.get().as_deref() == Some(m.as_str())>{n.clone()}</option> }
            })
            .collect_view()
    };
    let pop_kind = move || match population.get().0 {
        Population::All => "all",
        Population::Sample(_) => "sample",
        Population::TopPercent(_) => "top",
        Population::Unique => "unique",
    };
    let pop_n = move || match population.get().0 {
        Population::Sample(n) => n.to_string(),
        Population::TopPercent(k) => k.to_string(),
        _ => String::new(),
    };
    let set_pop = move |kind: &str, n: Option<usize>| {
        let p = match kind {
            "sample" => Population::Sample(n.unwrap_or(500).max(10)),
            "top" => Population::TopPercent(n.unwrap_or(5).clamp(1, 100) as u32),
            "unique" => Population::Unique,
            _ => Population::All,
        };
        state.update(|s| s.compare.population = p);
    };
    let table_rows = move || {
        table.with(|(rows, skipped)| {
            let body = rows
                .iter()
                .map(|r| {
                    let m = &r.metrics;
                    view! {
                        <tr data-proxy=m.proxy.clone()>
                            <th scope="row">{m.proxy.clone()}</th>
                            <td class="num">{m.n}</td>
                            <td class="num">{m.failed}</td>
                            <td class="num rho">{format!("{} [{}, {}]", fmt(m.spearman.estimate), fmt(m.spearman.low), fmt(m.spearman.high))}</td>
                            <td class="num">{format!("{} [{}, {}]", fmt(m.kendall.estimate), fmt(m.kendall.low), fmt(m.kendall.high))}</td>
                            <td class="num">{fmt(m.top_k_spearman[0].1)}</td>
                            <td class="num">{fmt(m.top_k_spearman[1].1)}</td>
                            <td class="num">{fmt(m.top_k_spearman[2].1)}</td>
                            <td class="num">{fmt(m.ndcg_top1pct)}</td>
                            <td class="num">{format!("{:.2}", m.best_pick_truth)}</td>
                            <td class="num published">{r.published.clone().unwrap_or_default()}</td>
                        </tr>
                    }
                })
                .collect_view();
            let notes = skipped.iter().map(|(n, why)| format!("{n}: {why}")).collect::<Vec<_>>().join("; ");
            (body, (!notes.is_empty()).then(|| view! { <tr><td colspan="11" class="note">{format!("Left out — {notes}")}</td></tr> }))
        })
    };

    view! {
        <section class="compare" aria-labelledby="compare-title">
            <h2 id="compare-title">"Compare proxies with the benchmark"</h2>
            <fieldset class="pickers">
                <legend>"What to compare"</legend>
                <label>"Scores " <select id="compare-source" on:change=move |ev| {
                    if let Some(s) = Source::from_key(&event_target_value(&ev)) { state.update(|st| st.compare.source = s) }
                }>
                    {Source::ALL.into_iter().map(|s| view! { <option value=s.key() selected=move || source.get() == s>{s.label()}</option> }).collect_view()}
                </select></label>
                <label>"Dataset " <select id="compare-dataset" on:change=move |ev| {
                    if let Some(d) = Dataset::from_name(&event_target_value(&ev)) {
                        state.update(|s| { s.protocol.dataset = d; s.compare.truth = None; })
                    }
                }>
                    {Dataset::ALL.iter().map(|&d| view! { <option value=d.name() selected=move || dataset.get() == d>{d.label()}</option> }).collect_view()}
                </select></label>
                <label>"Ground truth (split, epochs) " <select id="compare-truth" on:change=move |ev| {
                    let t = GroundTruth::from_key(&event_target_value(&ev));
                    state.update(|s| s.compare.truth = t)
                }>{truth_options}</select></label>
                <label>"Proxy on the plot " <select id="compare-proxy" on:change=move |ev| {
                    let p = event_target_value(&ev);
                    state.update(|s| s.compare.proxy = Some(p))
                }>{proxy_options}</select></label>
                <label>"Population " <select id="compare-pop" on:change=move |ev| set_pop(&event_target_value(&ev), None)>
                    <option value="all" selected=move || pop_kind() == "all">"all scored cells"</option>
                    <option value="sample" selected=move || pop_kind() == "sample">"random sample of N"</option>
                    <option value="top" selected=move || pop_kind() == "top">"top k % by accuracy"</option>
                    <option value="unique" selected=move || pop_kind() == "unique">"one per isomorphism class"</option>
                </select></label>
                <label>"N or k " <input id="compare-pop-n" type="number" min="1" prop:value=pop_n disabled=move || !matches!(pop_kind(), "sample" | "top")
                    on:change=move |ev| { if let Ok(n) = event_target_value(&ev).parse::<usize>() { set_pop(pop_kind(), Some(n)) } } /></label>
                <label>"Sample seed " <input id="compare-pseed" type="number" min="0" prop:value=move || population.get().1.to_string()
                    on:change=move |ev| { if let Ok(s) = event_target_value(&ev).parse::<u64>() { state.update(|st| st.compare.sample_seed = s) } } /></label>
                <label>"Failed scores " <select id="compare-failed" on:change=move |ev| {
                    if let Ok(f) = FailedScores::from_name(&event_target_value(&ev)) { state.update(|s| s.compare.failed = f) }
                }>
                    {FailedScores::ALL.into_iter().map(|f| view! { <option value=f.name() selected=move || failed.get() == f>{f.label()}</option> }).collect_view()}
                </select></label>
            </fieldset>
            <p id="compare-summary" class="note">{move || match selected.get() {
                Ok(s) => format!("{} cells with {} on {} — {}.", s.rows.len(), source.get().label(), dataset.get().label(), population.get().0.label()),
                Err(e) => format!("No scores: {e}"),
            }}</p>
            <p class="note">{move || (source.get() == Source::Ours).then(|| format!("Our own scores, shipped with the page: computed with zsnas score under the default protocol (batch 64, seed 0, real images) on {OURS_CELLS} cells per dataset, one from each of {OURS_CELLS} equal-count accuracy strata. ntk_cond and te_nas are left out (minutes per cell); az_nas is a rank within these {OURS_CELLS} cells. The exact commands are in About → data provenance."))}</p>
            <p class="note">{move || (source.get() == Source::Live).then_some("Scores computed in this browser: the protocol with the most scored cells on this dataset is shown (scores under different protocols are not comparable). Score more cells in the Score view or with “Score a sample live” below.")}</p>
            <div class="plot-with-info">
                <canvas id="compare-scatter" node_ref=scatter_ref class="plot" width="720" height="420"
                    data-redraw-ms=move || redraw_ms.get().map(|m| format!("{m:.1}"))
                    aria-label="Proxy score against accuracy for every cell of the population"
                    tabindex="0" on:keydown=step on:mousemove=pick on:click=pick></canvas>
                <div id="compare-hover" class="hover-info" aria-live="polite">{move || match hover_text() {
                    None => view! { <p class="note">"Point at a dot to see its cell (or focus the plot and use the arrow keys; Enter opens the cell in Build)."</p> }.into_any(),
                    Some((i, c, name, score, acc)) => view! {
                        <p>{format!("NATS #{i}")}<br/><code>{c.to_string()}</code><br/>{format!("{name} = {}, accuracy {acc:.2} %", fmt_score(score))}</p>
                        <button type="button" id="compare-open" on:click=move |_| { cell.set(c); page.set(Page::Build) }>"Open in Build"</button>
                    }.into_any(),
                }}</div>
            </div>
            <p class="note">{move || redraw_ms.get().map(|m| format!("Drawn in {m:.1} ms. Red dot: the current cell, when it is in the population; blue: the cell shown beside the plot."))}</p>
            <PlotExport canvas=scatter_ref scene=scatter_scene id="compare-scatter"
                name=Signal::derive(move || format!("zsnas-{}-{}", proxy.get().unwrap_or_default(), truth_kind.get().key())) />
            <h3>"How well each proxy ranks the population"</h3>
            <table id="compare-table">
                <caption>{move || { table.track(); context() }}</caption>
                <thead><tr><th>"Proxy"</th><th>"n"</th><th>"failed"</th><th>"Spearman ρ [95 % CI]"</th><th>"Kendall τ-b [95 % CI]"</th>
                    <th>"ρ top 5 %"</th><th>"ρ top 10 %"</th><th>"ρ top 20 %"</th><th>"nDCG top 1 %"</th><th>"accuracy of pick"</th><th>"published ρ"</th></tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
            <p class="note">"Published ρ (PROXIES.md §5) is over all 15,625 cells against 200-epoch test accuracy; compare like with like. Restricted to the top 5 % of networks, most proxies' ρ collapses — the survey's main negative finding. Equal scores (params and flops tie many cells) count as ties: nDCG and the accuracy of the pick average over them."</p>
            <p class="pickers">"Export table: "
                <button type="button" id="compare-csv" on:click=move |_| export(false)>"CSV"</button>
                <button type="button" id="compare-json" on:click=move |_| export(true)>"JSON"</button>
            </p>
            <p class="error" role="alert">{move || export_status.get()}</p>
            <h3>"Do the proxies agree with each other?"</h3>
            <p class="note">"Spearman ρ between every pair of proxies over the same population, oriented so that agreement is positive. Many proxies mostly agree with params: the survey's size bias."</p>
            <canvas id="compare-heatmap" node_ref=heat_ref class="plot heat-large" width="720" height="520" aria-label="Proxy by proxy rank correlation heat map"></canvas>
            <PlotExport canvas=heat_ref scene=heat_scene id="compare-heatmap"
                name=Signal::derive(move || format!("zsnas-proxy-agreement-{}", source.get().key())) />
            <LiveSample data=data state=state />
        </section>
    }
}
