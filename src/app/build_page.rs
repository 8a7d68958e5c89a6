//! The Build view: pick an NB201 cell by NATS index, by arch string, at random, or edge by edge
//! on the drawn graph, and see what the benchmark knows about it.

use leptos::prelude::*;

use crate::app::assets::PageData;
use crate::app::cell_graph::CellGraph;
use crate::report::cell::{CellSummary, parse_cell};
use crate::rng::Rng;
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
pub fn BuildPage(data: PageData, cell: RwSignal<Cell>) -> impl IntoView {
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
