//! The Build view: pick an NB201 cell by NATS index, by arch string, at random, as the best /
//! median / worst by accuracy on a dataset, or edge by edge on the drawn graph, and see what the
//! benchmark knows about it and how its network is laid out (the macro skeleton).

use leptos::prelude::*;

use crate::app::assets::PageData;
use crate::app::cell_graph::CellGraph;
use crate::app::url_state::ViewState;
use crate::bench::GroundTruth;
use crate::report::accuracy_pick::{AccuracyPick, pick_by_accuracy};
use crate::report::cell::{CellSummary, parse_cell};
use crate::report::score_columns::bench_dataset;
use crate::report::skeleton::nb201_skeleton;
use crate::rng::Rng;
use crate::space::Dataset;
use crate::space::nb201::{Cell, SPACE_SIZE};

fn fmt_count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The Build page over loaded `data`; `cell` is the page's current cell.
#[component]
pub fn BuildPage(data: PageData, cell: RwSignal<Cell>, state: RwSignal<ViewState>) -> impl IntoView {
    let data = StoredValue::new(data);
    let summary =
        Memo::new(move |_| data.with_value(|d| CellSummary::new(cell.get(), &d.archs, &d.accuracy, &d.tables)));
    let (arch_error, set_arch_error) = signal(None::<String>);
    let (draws, set_draws) = signal(0u64);
    // Any change of cell (index, string, edge menus, graph clicks) supersedes an old parse error.
    Effect::new(move |_| {
        cell.track();
        set_arch_error.set(None);
    });

    let set_from_text = move |text: String| match data.with_value(|d| parse_cell(&text, &d.archs)) {
        Ok(c) => {
            set_arch_error.set(None);
            cell.set(c);
        }
        Err(e) => set_arch_error.set(Some(e)),
    };
    let random = move |_| {
        let n = draws.get_untracked() + 1;
        set_draws.set(n);
        let mut rng = Rng::derive(n, "page.random");
        let index = rng.below(SPACE_SIZE as u64) as usize;
        if let Some(c) = data.with_value(|d| d.archs.code_of(index)).and_then(Cell::from_code) {
            set_arch_error.set(None);
            cell.set(c);
        }
    };

    let dataset = Memo::new(move |_| state.with(|s| s.protocol.dataset));
    let pick = move |which: AccuracyPick| {
        let d = bench_dataset(dataset.get_untracked());
        let index = data.with_value(|p| pick_by_accuracy(p.accuracy.column_pct(GroundTruth::default_for(d)), which));
        if let Some(c) = index.and_then(|i| data.with_value(|p| p.archs.code_of(i))).and_then(Cell::from_code) {
            set_arch_error.set(None);
            cell.set(c);
        }
    };
    let skeleton_rows = move || {
        nb201_skeleton(&cell.get(), dataset.get())
            .into_iter()
            .map(|p| {
                let shape = p.output_shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(" × ");
                view! {
                    <tr>
                        <th scope="row">{p.name}</th>
                        <td class="num">{p.blocks}</td>
                        <td class="num">{shape}</td>
                        <td class="num">{fmt_count(p.params)}</td>
                        <td class="num">{format!("{:.2}", p.macs as f64 / 1e6)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    let accuracy_rows = move || {
        summary
            .get()
            .accuracies
            .iter()
            .map(|a| {
                view! {
                    <tr>
                        <th scope="row">{a.ground_truth.label()}</th>
                        <td class="num">{format!("{:.2} %", a.accuracy_pct)}</td>
                        <td class="num">{format!("{:.1}", a.percentile)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let size_rows = move || {
        summary
            .get()
            .sizes
            .iter()
            .map(|s| {
                view! {
                    <tr>
                        <th scope="row">{s.dataset.label()}</th>
                        <td class="num">{fmt_count(s.params)}</td>
                        <td class="num">{format!("{:.2} M", s.flops / 1e6)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="build" aria-labelledby="build-title">
            <h2 id="build-title">"Build a cell"</h2>
            <div class="pickers">
                <label>
                    "NATS index "
                    <input
                        id="index"
                        type="number"
                        min="0"
                        max="15624"
                        prop:value=move || summary.get().index.map(|i| i.to_string()).unwrap_or_default()
                        on:change=move |ev| set_from_text(event_target_value(&ev))
                    />
                </label>
                <button id="random" type="button" on:click=random>"Random cell"</button>
                <span class="pick-by-accuracy">
                    <label>"By 200-epoch test accuracy on "
                        <select id="pick-dataset" prop:value=move || dataset.get().name().to_string() on:change=move |ev| {
                            if let Some(d) = Dataset::from_name(&event_target_value(&ev)) { state.update(|s| s.protocol.dataset = d) }
                        }>
                            {Dataset::ALL.iter().map(|&d| view! { <option value=d.name() selected=move || dataset.get() == d>{d.label()}</option> }).collect_view()}
                        </select>
                    </label>
                    " "
                    <button id="pick-best" type="button" on:click=move |_| pick(AccuracyPick::Best)>"Best"</button>
                    <button id="pick-median" type="button" on:click=move |_| pick(AccuracyPick::Median)>"Median"</button>
                    <button id="pick-worst" type="button" on:click=move |_| pick(AccuracyPick::Worst)>"Worst"</button>
                </span>
                <label class="arch-input">
                    "Arch string "
                    <input
                        id="arch"
                        type="text"
                        spellcheck="false"
                        prop:value=move || summary.get().arch
                        on:change=move |ev| set_from_text(event_target_value(&ev))
                    />
                </label>
                <p id="arch-error" class="error" role="alert">{move || arch_error.get()}</p>
            </div>
            <CellGraph cell=cell />
            <dl class="facts">
                <dt>"Canonical form"</dt>
                <dd id="canonical"><code>{move || summary.get().canonical}</code></dd>
                <dt>"Isomorphs"</dt>
                <dd id="isomorphs">
                    {move || {
                        let s = summary.get();
                        let list: Vec<String> = s.isomorph_indices.iter().take(12).map(|i| i.to_string()).collect();
                        let more = if s.isomorph_indices.len() > 12 { ", …" } else { "" };
                        format!("{} cell(s) compute the same function: {}{more}", s.isomorph_indices.len(), list.join(", "))
                    }}
                </dd>
                <dt>"Output"</dt>
                <dd id="liveness">
                    {move || {
                        let s = summary.get();
                        if s.is_zero {
                            "identically zero: no path of non-none edges from input to output".to_string()
                        } else {
                            let live = s.live_edges.iter().filter(|&&l| l).count();
                            format!("{live} of 6 edges influence the output")
                        }
                    }}
                </dd>
            </dl>
            <table id="sizes">
                <caption>"Network size (C=16, N=5)"</caption>
                <thead>
                    <tr><th scope="col">"Dataset"</th><th scope="col">"Parameters"</th><th scope="col">"FLOPs"</th></tr>
                </thead>
                <tbody>{size_rows}</tbody>
            </table>
            <table id="skeleton">
                <caption>{move || format!("Macro skeleton on {} (one image; the cell repeats in every stage)", dataset.get().label())}</caption>
                <thead>
                    <tr><th scope="col">"Part"</th><th scope="col">"Blocks"</th><th scope="col">"Output"</th><th scope="col">"Parameters"</th><th scope="col">"MMACs"</th></tr>
                </thead>
                <tbody>{skeleton_rows}</tbody>
            </table>
            <p class="note">"Per-op parameters, MACs, output shapes and activation memory: Hardware view, “Per-op analytic cost”."</p>
            <table id="accuracy">
                <caption>"Benchmark accuracy and percentile among all 15,625 cells"</caption>
                <thead>
                    <tr><th scope="col">"Ground truth"</th><th scope="col">"Accuracy"</th><th scope="col">"Percentile"</th></tr>
                </thead>
                <tbody>{accuracy_rows}</tbody>
            </table>
        </section>
    }
}
