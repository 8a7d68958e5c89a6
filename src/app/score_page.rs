//! The Score view: choose proxies, protocol knobs and device, and score the current cell in the
//! scoring Web Worker ([`crate::app::worker`]). The page stays responsive, a progress bar counts
//! finished proxies, results stream in as each finishes, Cancel stops the worker without losing
//! what finished, and every score is stored locally (cell + protocol + device + proxy), so a
//! reload or a revisit recomputes nothing.

use leptos::prelude::*;

use crate::app::ScoreVersion;
use crate::app::assets::PageData;
use crate::app::ours::OursScores;
use crate::app::store::{StoredScore, clear_all, key, load, save, stored_values};
use crate::app::url_state::ViewState;
use crate::app::worker_client::WorkerClient;
use crate::bench::OURS_CELLS;
use crate::compute::DeviceKind;
use crate::compute::messages::{FromWorker, ToWorker};
use crate::explorer::view_state::{from_serde_name, serde_name};
use crate::net::forward::BnMode;
use crate::net::init::InitScheme;
use crate::proxy::info::{Needs, Orientation};
use crate::proxy::{InputKind, Protocol, ProxyKind};
use crate::report::score_columns::rank_among;
use crate::space::Dataset;
use crate::space::nb201::Cell;

/// A score for people: fixed point in the usual range, scientific notation outside it.
pub fn fmt_score(x: f64) -> String {
    if x == 0.0 || (x.abs() >= 1e-3 && x.abs() < 1e6) { format!("{x:.4}") } else { format!("{x:.4e}") }
}

/// What the page knows about the running job.
#[derive(Clone, Debug, Default, PartialEq)]
struct Job {
    /// Job number (0 = none yet).
    id: u64,
    /// Proxies sent to the worker.
    total: usize,
    /// Proxies finished.
    done: usize,
    /// Whether the worker is still on it.
    running: bool,
    /// The device it runs on, once the worker says.
    device: Option<(DeviceKind, String)>,
}

/// The Score view for the page's current cell.
#[component]
pub fn ScorePage(data: PageData, cell: RwSignal<Cell>, state: RwSignal<ViewState>) -> impl IntoView {
    let data = StoredValue::new(data);
    let ours = use_context::<OursScores>().unwrap_or_default();
    // Every knob lives in the shared view state, so it is in the URL and survives a page change.
    let dataset = Memo::new(move |_| state.with(|s| s.protocol.dataset));
    let batch_size = Memo::new(move |_| state.with(|s| s.protocol.batch_size));
    let seed = Memo::new(move |_| state.with(|s| s.protocol.seed));
    let init = Memo::new(move |_| state.with(|s| s.protocol.init));
    let bn = Memo::new(move |_| state.with(|s| s.protocol.bn));
    let input = Memo::new(move |_| state.with(|s| s.protocol.input));
    let repeats = Memo::new(move |_| state.with(|s| s.protocol.repeats));
    let device = Memo::new(move |_| state.with(|s| s.device));
    let selected = Memo::new(move |_| state.with(|s| s.proxies.clone()));
    let set_protocol = move |f: &dyn Fn(&mut Protocol)| state.update(|s| f(&mut s.protocol));
    let scores_changed = use_context::<ScoreVersion>();
    let retry = RwSignal::new(false); // set when a WebGPU job died: rerun what is left on the CPU
    // Set from a WebGPU loss until the user picks a device or starts a job: the rows then show
    // what either device finished, and the notice says what happened.
    let after_loss = RwSignal::new(None::<String>);
    let job = RwSignal::new(Job::default());
    let status = RwSignal::new(String::new());
    let version = RwSignal::new(0u64); // bumped on every store write, so stored rows re-read
    let client = use_context::<WorkerClient>().unwrap_or_default();

    let protocol = Memo::new(move |_| state.with(|s| s.protocol.clone()));
    // After a WebGPU loss a score counts as stored if either device computed it (the job that
    // moved to the CPU keeps what WebGPU had finished; the table names the device that did).
    // Otherwise only the chosen device's scores count: choosing the CPU computes on the CPU.
    let load_any = move |arch: &str, p: &Protocol, kind: DeviceKind, proxy: &str| {
        let other = if kind == DeviceKind::Gpu { DeviceKind::Cpu } else { DeviceKind::Gpu };
        let mixed = after_loss.with_untracked(Option::is_some);
        load(&key(arch, p, kind, proxy)).or_else(|| if mixed { load(&key(arch, p, other, proxy)) } else { None })
    };
    let stored = move |proxy: ProxyKind, kind: DeviceKind| {
        load_any(&cell.get_untracked().to_string(), &protocol.get_untracked(), kind, proxy.name())
    };

    let on_answer = move |answer: FromWorker| {
        let current = job.get_untracked();
        match answer {
            FromWorker::Device { job: id, kind, label, fallback } if id == current.id => {
                if let Some(why) = fallback {
                    status.set(why);
                    state.update(|s| s.device = kind); // continue on the CPU: rows now show CPU scores
                }
                job.update(|j| j.device = Some((kind, label)));
            }
            FromWorker::Scored { job: id, proxy, result } if id == current.id => {
                let (kind, label) = current.device.clone().unwrap_or((device.get_untracked(), String::new()));
                let k = key(&cell.get_untracked().to_string(), &protocol.get_untracked(), kind, &proxy);
                if !save(&k, &StoredScore { result, device_label: label }) {
                    status.set("Local storage is unavailable or full: this score will not survive a reload.".into());
                }
                job.update(|j| j.done += 1);
                version.update(|v| *v += 1);
                if let Some(v) = scores_changed {
                    v.0.update(|v| *v += 1);
                }
            }
            FromWorker::Done { job: id } if id == current.id => {
                job.update(|j| j.running = false);
                status.set(format!("Finished {} proxies.", current.total));
            }
            FromWorker::Failed { job: id, error } if id == current.id || id == 0 => {
                job.update(|j| j.running = false);
                let on_gpu = current.device.as_ref().map_or(device.get_untracked(), |(k, _)| *k) == DeviceKind::Gpu;
                if on_gpu {
                    // WebGPU failed or was lost mid-run: what finished is stored; the rest goes
                    // to the CPU.
                    after_loss.set(Some(format!(
                        "WebGPU failed mid-run ({error}). Continuing on the CPU; the {} finished scores are kept.",
                        current.done
                    )));
                    state.update(|s| s.device = DeviceKind::Cpu);
                    retry.set(true);
                } else {
                    status.set(format!("Scoring failed: {error}"));
                }
            }
            _ => {} // an answer for a cancelled job
        }
    };

    let run = move |_: ()| {
        if job.get_untracked().running {
            return;
        }
        let kind = device.get_untracked();
        let todo: Vec<String> = selected
            .get_untracked()
            .into_iter()
            .filter(|&p| stored(p, kind).is_none())
            .map(|p| p.name().to_string())
            .collect();
        if todo.is_empty() {
            status.set("Every chosen proxy is already stored for this cell, protocol and device.".into());
            return;
        }
        if let Err(e) = protocol.get_untracked().validate() {
            status.set(e.to_string());
            return;
        }
        let total = todo.len();
        let (arch, protocol) = (cell.get_untracked().to_string(), protocol.get_untracked());
        let make = move |id| ToWorker::Score { job: id, arch, protocol, proxies: todo, device: kind };
        match client.request(make, on_answer) {
            Ok(id) => {
                job.set(Job { id, total, done: 0, running: true, device: None });
                status.set(format!("Scoring {total} proxies…"));
            }
            Err(e) => status.set(e),
        }
    };
    Effect::new(move |_| {
        if retry.get() {
            retry.set(false);
            run(());
        }
    });
    let cancel = move |_| {
        client.cancel_all();
        let j = job.get_untracked();
        job.update(|j| j.running = false);
        status.set(format!("Cancelled: {} of {} proxies had finished and are kept.", j.done, j.total));
    };
    let clear = move |_| {
        let n = clear_all();
        version.update(|v| *v += 1);
        status.set(format!("Removed {n} stored scores."));
    };

    let rows = move || {
        version.track();
        after_loss.track();
        let (kind, j) = (device.get(), job.get());
        let arch = cell.get().to_string();
        let p = protocol.get();
        let ranked_among = stored_values(&p);
        let bundle = data.with_value(|d| ours.get(p.dataset, &d.archs));
        selected
            .get()
            .into_iter()
            .map(|proxy| {
                let info = proxy.info();
                let stored = load_any(&arch, &p, kind, proxy.name());
                let orientation = match info.orientation {
                    Orientation::HigherIsBetter => "↑ higher is better",
                    Orientation::LowerIsBetter => "↓ lower is better",
                };
                let bundled = match (&stored, &bundle) {
                    (_, _) if info.needs.population => "population-relative".to_string(),
                    (Some(StoredScore { result: Ok(s), .. }), Some(Ok((columns, bundle_protocol)))) => {
                        match columns.column(proxy.name()) {
                            Some(values) => {
                                let rank = rank_among(s.mean, values, info.orientation.sign());
                                let n = values.iter().filter(|v| v.is_finite()).count() + 1;
                                // Architecture-only proxies (params, flops, …) do not depend on the protocol.
                                let free = info.needs == Needs::NONE;
                                let differs =
                                    if free || *bundle_protocol == p { "" } else { " (the bundle's protocol differs)" };
                                format!("{rank} of {n}, top {:.0} %{differs}", 100.0 * rank as f64 / n as f64)
                            }
                            None => "not in the bundle".to_string(),
                        }
                    }
                    (Some(StoredScore { result: Ok(_), .. }), None) => "loading…".to_string(),
                    (Some(StoredScore { result: Ok(_), .. }), Some(Err(e))) => format!("unavailable: {e}"),
                    _ => String::new(),
                };
                let (value, log10, millis, device_label, state) = match stored {
                    Some(StoredScore { result: Ok(s), device_label }) if info.needs.population => {
                        let parts: Vec<String> = proxy
                            .components()
                            .iter()
                            .zip(&s.components)
                            .map(|((name, _), v)| format!("{name} {}", fmt_score(*v)))
                            .collect();
                        (
                            format!("population-relative — {}", parts.join(", ")),
                            String::new(),
                            format!("{:.0}", s.millis),
                            device_label,
                            "done",
                        )
                    }
                    Some(StoredScore { result: Ok(s), device_label }) => {
                        let value = if p.repeats > 1 {
                            format!("{} ± {}", fmt_score(s.mean), fmt_score(s.std))
                        } else {
                            fmt_score(s.mean)
                        };
                        let sign = info.orientation.sign();
                        let others = ranked_among.get(proxy.name()).map_or(&[][..], Vec::as_slice);
                        let value = if others.len() > 1 {
                            format!("{value} (rank {} of {} stored)", rank_among(s.mean, others, sign), others.len())
                        } else {
                            value
                        };
                        (
                            value,
                            s.log10.map_or(String::new(), |l| format!("{l:.3}")),
                            format!("{:.0}", s.millis),
                            device_label,
                            "done",
                        )
                    }
                    Some(StoredScore { result: Err(e), device_label }) => {
                        (format!("failed: {e}"), String::new(), String::new(), device_label, "failed")
                    }
                    None if j.running => ("…".into(), String::new(), String::new(), String::new(), "pending"),
                    None => ("—".into(), String::new(), String::new(), String::new(), "not computed"),
                };
                view! {
                    <tr data-proxy=proxy.name() data-state=state>
                        <th scope="row" title=info.summary>{proxy.name()}</th>
                        <td class="num value">{value}</td>
                        <td class="num bundled">{bundled}</td>
                        <td class="num">{log10}</td>
                        <td>{orientation}</td>
                        <td class="num">{millis}</td>
                        <td>{device_label}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let checkboxes = move || {
        ProxyKind::ALL
            .iter()
            .map(|&p| {
                let id = format!("proxy-{}", p.name());
                view! {
                    <label class="proxy-choice">
                        <input type="checkbox" id=id.clone()
                            prop:checked=move || selected.get().contains(&p)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                state.update(|st| {
                                    let s = &mut st.proxies;
                                    s.retain(|&q| q != p);
                                    if on {
                                        s.push(p);
                                        s.sort_by_key(|q| ProxyKind::ALL.iter().position(|r| r == q));
                                    }
                                });
                            } />
                        {p.name()}
                    </label>
                }
            })
            .collect_view()
    };
    let select_options = |names: Vec<(String, String)>, current: Signal<String>| {
        names
            .into_iter()
            .map(move |(value, label)| {
                let v = value.clone();
                view! { <option value=value selected=move || current.get() == v>{label}</option> }
            })
            .collect_view()
    };

    view! {
        <section class="score" aria-labelledby="score-title">
            <h2 id="score-title">"Score this cell"</h2>
            <p class="note"><code id="score-arch">{move || cell.get().to_string()}</code></p>
            <fieldset>
                <legend>"Proxies"</legend>
                <div class="proxy-choices">{checkboxes}</div>
                <button type="button" id="proxies-all" on:click=move |_| state.update(|s| s.proxies = ProxyKind::ALL.to_vec())>"All"</button>
                <button type="button" id="proxies-none" on:click=move |_| state.update(|s| s.proxies = Vec::new())>"None"</button>
            </fieldset>
            <fieldset class="pickers">
                <legend>"Protocol (PROXIES.md §1)"</legend>
                <label>"Dataset " <select id="score-dataset" on:change=move |ev| { if let Some(d) = Dataset::from_name(&event_target_value(&ev)) { set_protocol(&|p| p.dataset = d) } }>
                    {select_options(Dataset::ALL.iter().map(|d| (d.name().to_string(), d.label().to_string())).collect(), Signal::derive(move || dataset.get().name().to_string()))}
                </select></label>
                <label>"Batch " <input id="score-batch" type="number" min="1" max="256" prop:value=move || batch_size.get().to_string()
                    on:change=move |ev| { if let Ok(b) = event_target_value(&ev).parse::<usize>() { set_protocol(&|p| p.batch_size = b.clamp(1, 256)) } } /></label>
                <label>"Seed " <input id="score-seed" type="number" min="0" prop:value=move || seed.get().to_string()
                    on:change=move |ev| { if let Ok(s) = event_target_value(&ev).parse::<u64>() { set_protocol(&|p| p.seed = s) } } /></label>
                <label>"Init " <select id="score-init" on:change=move |ev| { if let Some(i) = InitScheme::from_name(&event_target_value(&ev)) { set_protocol(&|p| p.init = i) } }>
                    {select_options(InitScheme::ALL.iter().map(|i| (i.name().to_string(), i.name().to_string())).collect(), Signal::derive(move || init.get().name().to_string()))}
                </select></label>
                <label>"BatchNorm " <select id="score-bn" on:change=move |ev| { if let Some(m) = from_serde_name::<BnMode>(&event_target_value(&ev)) { set_protocol(&|p| p.bn = m) } }>
                    {select_options([BnMode::Batch, BnMode::Running, BnMode::Identity].iter().map(|m| (serde_name(m), serde_name(m))).collect(), Signal::derive(move || serde_name(bn.get())))}
                </select></label>
                <label>"Input " <select id="score-input" on:change=move |ev| { if let Some(i) = from_serde_name::<InputKind>(&event_target_value(&ev)) { set_protocol(&|p| p.input = i) } }>
                    {select_options([InputKind::Real, InputKind::Gaussian].iter().map(|i| (serde_name(i), serde_name(i))).collect(), Signal::derive(move || serde_name(input.get())))}
                </select></label>
                <label>"Repeats " <input id="score-repeats" type="number" min="1" max="100" prop:value=move || repeats.get().to_string()
                    on:change=move |ev| { if let Ok(r) = event_target_value(&ev).parse::<usize>() { set_protocol(&|p| p.repeats = r.clamp(1, 100)) } } /></label>
                <label>"Device " <select id="score-device" prop:value=move || device.get().name() on:change=move |ev| { let k = if event_target_value(&ev) == "cpu" { DeviceKind::Cpu } else { DeviceKind::Gpu }; after_loss.set(None); state.update(|s| s.device = k) }>
                    <option value="gpu" selected=move || device.get() == DeviceKind::Gpu>"WebGPU"</option>
                    <option value="cpu" selected=move || device.get() == DeviceKind::Cpu>"CPU"</option>
                </select></label>
            </fieldset>
            <div class="pickers">
                <button id="score-run" type="button" on:click=move |_| { after_loss.set(None); run(()) } disabled=move || job.get().running>"Score"</button>
                <button id="score-cancel" type="button" on:click=cancel disabled=move || !job.get().running>"Cancel"</button>
                <button id="score-clear" type="button" on:click=clear>"Forget stored scores"</button>
                <progress id="score-progress" max=move || job.get().total.max(1) value=move || job.get().done></progress>
                <span id="score-count">{move || { let j = job.get(); format!("{} / {} proxies", j.done, j.total) }}</span>
            </div>
            <p id="score-status" class="status" role="status">{move || status.get()}</p>
            <p id="score-fallback" class="error" role="alert">{move || after_loss.get()}</p>
            <p id="score-device-used" class="note">{move || job.get().device.map(|(_, l)| format!("Computed on {l}")).unwrap_or_default()}</p>
            <table id="score-results">
                <thead><tr><th>"Proxy"</th><th>"Score"</th><th>{format!("Rank among our {OURS_CELLS} bundled cells")}</th><th>"log10"</th><th>"Orientation"</th><th>"ms"</th><th>"Device"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="note">"Scores are kept in this browser (localStorage) per cell, protocol, device and proxy. The rank beside a score compares it with every score of the same proxy and protocol stored in this browser; the next column ranks it among our bundled scores of 200 accuracy-stratified cells (default protocol, computed with zsnas score; see Compare → “Our scores, bundled”), where rank 1 is the best score under the proxy's orientation. te_nas and az_nas are ranks within a population of networks: this view shows their components; Compare → “Scores computed in this browser” ranks them over every cell you have scored."</p>
        </section>
    }
}
