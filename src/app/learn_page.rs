//! The Learn view: what a zero-shot proxy is, what the survey found, and one section per proxy
//! (what it measures, its formula in MathML, the paper, what it needs, where it works and
//! fails). For nwot, jacob_cov and synflow a button computes, in the worker, what the proxy looks
//! at for the current cell ([`crate::proxy::internals`]) and draws it: the NWOT kernel and the
//! Jacobian correlation as heat maps, synflow's per-layer contributions as a table of bars.

use leptos::prelude::*;

use crate::app::plot::{canvas_by_id, clear_plot, draw_heatmap};
use crate::app::worker_client::WorkerClient;
use crate::chart::colour::Scale;
use crate::chart::heatmap::HeatMap;
use crate::compute::DeviceKind;
use crate::compute::messages::{FromWorker, ToWorker};
use crate::proxy::explain::{FINDINGS, INTRO, LESSONS, Lesson, WITH_INTERNALS};
use crate::proxy::info::Orientation;
use crate::proxy::internals::{Internals, Square, SynflowView};
use crate::proxy::{Protocol, ProxyKind};
use crate::space::nb201::Cell;

/// Where the live internals stand.
#[derive(Clone, Debug, PartialEq)]
enum Live {
    /// Nothing asked yet.
    Idle,
    /// The worker is computing.
    Running,
    /// Computed for `arch`.
    Ready { arch: String, internals: Box<Internals> },
    /// The request failed as a whole.
    Failed(String),
}

fn range(m: &Square) -> (f64, f64) {
    let finite = m.values.iter().copied().filter(|v| v.is_finite());
    (finite.clone().fold(f64::INFINITY, f64::min), finite.fold(f64::NEG_INFINITY, f64::max))
}

/// Draws both heat maps from `internals` (a failed view clears its canvas).
fn draw(internals: &Internals) {
    if let Some(cv) = canvas_by_id("learn-nwot-kernel") {
        let result = internals.nwot.as_ref().map_err(Clone::clone).and_then(|v| {
            let (min, max) = range(&v.kernel);
            let h = HeatMap {
                labels: &[],
                n: v.kernel.n,
                values: &v.kernel.values,
                range: (min, max),
                scale: Scale::Sequential,
                annotate: false,
            };
            draw_heatmap(&cv, &h).map(|_| ())
        });
        if result.is_err() {
            clear_plot(&cv);
        }
    }
    if let Some(cv) = canvas_by_id("learn-jacob-corr") {
        let result = internals.jacob_cov.as_ref().map_err(Clone::clone).and_then(|v| {
            let h = HeatMap {
                labels: &[],
                n: v.correlation.n,
                values: &v.correlation.values,
                range: (-1.0, 1.0),
                scale: Scale::Diverging,
                annotate: false,
            };
            draw_heatmap(&cv, &h).map(|_| ())
        });
        if result.is_err() {
            clear_plot(&cv);
        }
    }
}

/// The per-layer synflow table: log10 of each layer's Σ|W ⊙ ∂R/∂W|, its share of the total,
/// and a bar on the log scale.
fn synflow_table(arch: &str, v: &SynflowView) -> impl IntoView + use<> {
    let known: Vec<f64> = v.layers.iter().filter_map(|l| l.log10).collect();
    let lo = known.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = known.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let total = v.log10_total;
    let rows = v
        .layers
        .iter()
        .map(|l| {
            let (log10, share, width) = match (l.log10, total) {
                (Some(x), Some(t)) => {
                    let width = if hi > lo { 5.0 + 95.0 * (x - lo) / (hi - lo) } else { 100.0 };
                    (format!("{x:.3}"), format!("{:.2} %", 100.0 * 10f64.powf(x - t)), width)
                }
                _ => ("—".to_string(), "0 %".to_string(), 0.0),
            };
            view! {
                <tr>
                    <th scope="row"><code>{l.name.clone()}</code></th>
                    <td class="num">{log10}</td>
                    <td class="num">{share}</td>
                    <td class="bar-cell"><span class="bar" style=format!("width:{width:.1}%")></span></td>
                </tr>
            }
        })
        .collect_view();
    let caption = format!(
        "Synflow per conv/linear layer for {arch}: total log10 = {}",
        total.map_or("— (no path from input to output)".to_string(), |t| format!("{t:.3}"))
    );
    view! {
        <div class="learn-layers">
            <table id="learn-synflow-layers">
                <caption>{caption}</caption>
                <thead><tr><th>"Layer"</th><th>"log10 Σ|W ⊙ ∂R/∂W|"</th><th>"Share"</th><th>"(log scale)"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// What the section of `name` shows of the live internals.
fn live_view(name: &'static str, live: RwSignal<Live>) -> impl IntoView {
    move || {
        let (arch, internals) = match live.get() {
            Live::Idle => return view! { <p class="note">"Not computed yet."</p> }.into_any(),
            Live::Running => return view! { <p class="status">"Computing in the worker…"</p> }.into_any(),
            Live::Failed(e) => return view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Live::Ready { arch, internals } => (arch, internals),
        };
        match name {
            "nwot" => match &internals.nwot {
                Ok(v) => {
                    let score = match &v.score {
                        Ok(s) => format!("log|det K| = {s:.4}"),
                        Err(e) => format!("log|det K| undefined: {e}"),
                    };
                    let units = if v.kernel.n > 0 { v.kernel.at(0, 0) } else { 0.0 };
                    view! { <p class="note">{format!("K ({0}×{0}) for {arch}: diagonal = {units:.0} ReLU units; {score}", v.kernel.n)}</p> }.into_any()
                }
                Err(e) => view! { <p class="error">{format!("nwot failed on {arch}: {e}")}</p> }.into_any(),
            },
            "jacob_cov" => match &internals.jacob_cov {
                Ok(v) => view! { <p class="note">{format!("C ({0}×{0}) for {arch}: score = {1:.4}", v.correlation.n, v.score)}</p> }.into_any(),
                Err(e) => view! { <p class="error">{format!("jacob_cov failed on {arch}: {e}")}</p> }.into_any(),
            },
            _ => match &internals.synflow {
                Ok(v) => synflow_table(&arch, v).into_any(),
                Err(e) => view! { <p class="error">{format!("synflow failed on {arch}: {e}")}</p> }.into_any(),
            },
        }
    }
}

/// One proxy's section; `show` asks the worker for the internals.
fn lesson_section(l: &'static Lesson, live: RwSignal<Live>, show: impl Fn() + Copy + 'static) -> impl IntoView {
    let badges = l.badges().into_iter().map(|b| view! { <li class="badge">{b}</li> }).collect_view();
    let orientation = ProxyKind::from_name(l.name).map(|k| match k.info().orientation {
        Orientation::HigherIsBetter => "Higher is better.",
        Orientation::LowerIsBetter => "Lower is better.",
    });
    let pending = (!l.registered()).then(|| view! { <p class="note">"This app does not compute it yet."</p> });
    let internals = WITH_INTERNALS.contains(&l.name).then(|| {
        let canvas_id = match l.name {
            "nwot" => Some("learn-nwot-kernel"),
            "jacob_cov" => Some("learn-jacob-corr"),
            _ => None,
        };
        let label = match l.name {
            "nwot" => {
                "Heat map of the NWOT kernel K: entry (i, j) counts the ReLU units on which samples i and j agree"
            }
            _ => "Heat map of jacob_cov's correlation matrix of the input-gradient rows, from −1 to 1",
        };
        view! {
            <div class="live">
                <button type="button" id=format!("learn-show-{}", l.name) on:click=move |_| show()
                    disabled=move || live.get() == Live::Running>"Show internals for this cell"</button>
                {canvas_id.map(|id| view! { <canvas id=id class="heat" role="img" aria-label=label></canvas> })}
                {live_view(l.name, live)}
            </div>
        }
    });
    view! {
        <section id=format!("learn-{}", l.name) class="lesson" aria-labelledby=format!("learn-{}-title", l.name)>
            <h3 id=format!("learn-{}-title", l.name)><code>{l.name}</code></h3>
            <ul class="badges" aria-label="What it needs">{badges}</ul>
            {pending}
            <p><strong>"What it measures. "</strong>{l.measures} " " {orientation}</p>
            <div class="formula" inner_html=l.formula_mathml></div>
            <p class="note">"Paper: " <cite>{l.paper()}</cite></p>
            <p><strong>"Where it works. "</strong>{l.works}</p>
            <p><strong>"Where it fails. "</strong>{l.fails}</p>
            {internals}
        </section>
    }
}

/// The Learn view for the page's current cell.
#[component]
pub fn LearnPage(cell: RwSignal<Cell>) -> impl IntoView {
    let client = use_context::<WorkerClient>().unwrap_or_default();
    let batch = RwSignal::new(32usize);
    let device = RwSignal::new(DeviceKind::Gpu);
    let live = RwSignal::new(Live::Idle);
    let device_label = RwSignal::new(String::new());
    let job = RwSignal::new(0u64);

    let show = move || {
        if live.get_untracked() == Live::Running {
            return;
        }
        let arch = cell.get_untracked().to_string();
        let protocol = Protocol { batch_size: batch.get_untracked(), ..Protocol::default() };
        let kind = device.get_untracked();
        let for_arch = arch.clone();
        let on_answer = move |answer: FromWorker| match answer {
            FromWorker::Device { job: id, label, fallback, .. } if id == job.get_untracked() => {
                device_label.set(match fallback {
                    Some(why) => format!("Computed on {label}: {why}"),
                    None => format!("Computed on {label}"),
                });
            }
            FromWorker::Internals { job: id, result } if id == job.get_untracked() => live.set(match result {
                Ok(internals) => Live::Ready { arch: for_arch.clone(), internals: Box::new(internals) },
                Err(e) => Live::Failed(e),
            }),
            FromWorker::Failed { job: id, error } if id == job.get_untracked() || id == 0 => {
                live.set(Live::Failed(error))
            }
            _ => {}
        };
        match client.request(move |id| ToWorker::Internals { job: id, arch, protocol, device: kind }, on_answer) {
            Ok(id) => {
                job.set(id);
                live.set(Live::Running);
            }
            Err(e) => live.set(Live::Failed(e)),
        }
    };

    // Redraw the heat maps whenever new internals arrive.
    Effect::new(move |_| {
        crate::app::track_viewport();
        if let Live::Ready { internals, .. } = live.get() {
            draw(&internals);
        }
    });

    let toc =
        LESSONS.iter().map(|l| view! { <li><a href=format!("#learn-{}", l.name)>{l.name}</a></li> }).collect_view();
    let intro = INTRO.iter().map(|p| view! { <p>{*p}</p> }).collect_view();
    let findings = FINDINGS.iter().map(|f| view! { <li><strong>{f.title} ". "</strong>{f.text}</li> }).collect_view();
    let sections = LESSONS.iter().map(|l| lesson_section(l, live, show)).collect_view();

    view! {
        <section class="learn" aria-labelledby="learn-title">
            <h2 id="learn-title">"Learn: what each proxy measures"</h2>
            <div id="learn-intro">{intro}</div>
            <h3>"What the survey found"</h3>
            <ul id="learn-findings">{findings}</ul>
            <fieldset class="pickers" id="learn-live">
                <legend>"Live internals (nwot, jacob_cov, synflow)"</legend>
                <p class="note">
                    "Computed for the current cell " <code id="learn-arch">{move || cell.get().to_string()}</code>
                    " on one batch of CIFAR-10 training images, seed 0, default initialisation: the same functions the proxies score."
                </p>
                <label>"Batch " <input id="learn-batch" type="number" min="2" max="256" prop:value=move || batch.get().to_string()
                    on:change=move |ev| { if let Ok(b) = event_target_value(&ev).parse::<usize>() { batch.set(b.clamp(2, 256)) } } /></label>
                <label>"Device " <select id="learn-device" on:change=move |ev| device.set(if event_target_value(&ev) == "cpu" { DeviceKind::Cpu } else { DeviceKind::Gpu })>
                    <option value="gpu" selected=move || device.get() == DeviceKind::Gpu>"WebGPU"</option>
                    <option value="cpu" selected=move || device.get() == DeviceKind::Cpu>"CPU"</option>
                </select></label>
                <p id="learn-device-used" class="note" role="status">{move || device_label.get()}</p>
            </fieldset>
            <nav id="learn-toc" aria-label="Proxies"><ol>{toc}</ol></nav>
            {sections}
        </section>
    }
}
