//! "Score a sample live" (part of the Compare view): N random cells scored one worker job at a
//! time with the Score view's proxies, protocol and device, stored like the Score view's scores,
//! so each appears under "Scores computed in this browser" as it finishes. Cancel keeps what
//! finished; a WebGPU loss continues on the CPU.

use leptos::prelude::*;

use crate::app::ScoreVersion;
use crate::app::assets::PageData;
use crate::app::store::{StoredScore, key, load, save};
use crate::app::url_state::ViewState;
use crate::app::worker_client::WorkerClient;
use crate::compute::DeviceKind;
use crate::compute::messages::{FromWorker, ToWorker};
use crate::explorer::view_state::Source;
use crate::rng::Rng;
use crate::space::nb201::{Cell, SPACE_SIZE};

/// The runner's controls, progress and status.
#[component]
pub fn LiveSample(data: StoredValue<PageData>, state: RwSignal<ViewState>) -> impl IntoView {
    let version = use_context::<ScoreVersion>().unwrap_or_else(|| ScoreVersion(RwSignal::new(0)));
    let source = Memo::new(move |_| state.with(|s| s.compare.source));
    // "Score a sample live": random cells, one worker job each, stored like the Score view's.
    let client = use_context::<WorkerClient>().unwrap_or_default();
    let live_n = RwSignal::new(10usize);
    let live = RwSignal::new((0usize, 0usize, false)); // (done, total, running)
    let live_status = RwSignal::new(String::new());
    let queue: StoredValue<Vec<Cell>> = StoredValue::new(Vec::new());
    fn next_cell(
        client: WorkerClient,
        state: RwSignal<ViewState>,
        queue: StoredValue<Vec<Cell>>,
        live: RwSignal<(usize, usize, bool)>,
        live_status: RwSignal<String>,
        version: ScoreVersion,
    ) {
        let Some(c) = queue.try_update_value(|q| q.pop()).flatten() else {
            live.update(|l| l.2 = false);
            live_status.set(format!("Finished: {} cells scored.", live.get_untracked().0));
            return;
        };
        let s = state.get_untracked();
        let arch = c.to_string();
        let proxies: Vec<String> = s
            .proxies
            .iter()
            .filter(|p| load(&key(&arch, &s.protocol, s.device, p.name())).is_none())
            .map(|p| p.name().to_string())
            .collect();
        if proxies.is_empty() {
            live.update(|l| l.0 += 1);
            return next_cell(client, state, queue, live, live_status, version);
        }
        let (protocol, device) = (s.protocol.clone(), s.device);
        let label = StoredValue::new(String::new());
        let kind = StoredValue::new(device);
        let arch2 = arch.clone();
        let make = move |job| ToWorker::Score { job, arch: arch2, protocol: s.protocol, proxies, device };
        let on_answer = move |answer: FromWorker| match answer {
            FromWorker::Device { kind: k, label: l, fallback, .. } => {
                kind.set_value(k);
                label.set_value(l);
                if let Some(why) = fallback {
                    live_status.set(why);
                }
            }
            FromWorker::Scored { proxy, result, .. } => {
                let k = key(&arch, &protocol, kind.get_value(), &proxy);
                save(&k, &StoredScore { result, device_label: label.get_value() });
                version.0.update(|v| *v += 1);
            }
            FromWorker::Done { .. } => {
                live.update(|l| l.0 += 1);
                next_cell(client, state, queue, live, live_status, version);
            }
            FromWorker::Failed { error, .. } if kind.get_value() == DeviceKind::Gpu => {
                // WebGPU failed or was lost: finished cells are stored; go on with the CPU.
                live_status.set(format!("WebGPU failed mid-run ({error}). Continuing on the CPU."));
                state.update(|s| s.device = DeviceKind::Cpu);
                queue.update_value(|q| q.push(c));
                next_cell(client, state, queue, live, live_status, version);
            }
            FromWorker::Failed { error, .. } => {
                live.update(|l| l.2 = false);
                live_status.set(format!("Scoring failed: {error}"));
            }
            _ => {}
        };
        if let Err(e) = client.request(make, on_answer) {
            live.update(|l| l.2 = false);
            live_status.set(e);
        }
    }
    let live_run = move |_| {
        if live.get_untracked().2 {
            return;
        }
        let n = live_n.get_untracked();
        let seed = state.with_untracked(|s| s.compare.sample_seed);
        let mut rng = Rng::derive(seed ^ (version.0.get_untracked() << 20), "compare.live");
        let cells: Vec<Cell> = (0..n)
            .filter_map(|_| {
                let i = rng.below(SPACE_SIZE as u64) as usize;
                data.with_value(|p| p.archs.code_of(i)).and_then(Cell::from_code)
            })
            .collect();
        queue.set_value(cells);
        live.set((0, n, true));
        live_status.set(format!("Scoring {n} random cells in the worker; the plot grows as each finishes."));
        if source.get_untracked() != Source::Live {
            state.update(|s| s.compare.source = Source::Live);
        }
        next_cell(client, state, queue, live, live_status, version);
    };
    let live_cancel = move |_| {
        client.cancel_all();
        queue.set_value(Vec::new());
        let (done, total, _) = live.get_untracked();
        live.set((done, total, false));
        live_status.set(format!("Cancelled: {done} of {total} cells had finished and are kept."));
    };

    view! {
            <h3>"Score a sample live"</h3>
            <p class="note">{move || state.with(|s| format!(
                "Scores random cells in the worker with the Score view's proxies ({}) and protocol (batch {}, seed {}) on {}; each appears under “Scores computed in this browser” as it finishes.",
                if s.proxies.len() == crate::proxy::ProxyKind::ALL.len() { "all".to_string() } else { s.proxies.iter().map(|p| p.name()).collect::<Vec<_>>().join(", ") },
                s.protocol.batch_size, s.protocol.seed, if s.device == DeviceKind::Gpu { "WebGPU" } else { "the CPU" }))}</p>
            <div class="pickers">
                <label>"Cells " <input id="compare-live-n" type="number" min="1" max="200" prop:value=move || live_n.get().to_string()
                    on:change=move |ev| { if let Ok(n) = event_target_value(&ev).parse::<usize>() { live_n.set(n.clamp(1, 200)) } } /></label>
                <button type="button" id="compare-live-run" on:click=live_run disabled=move || live.get().2>"Score a sample live"</button>
                <button type="button" id="compare-live-cancel" on:click=live_cancel disabled=move || !live.get().2>"Cancel"</button>
                <progress id="compare-live-progress" max=move || live.get().1.max(1) value=move || live.get().0></progress>
                <span id="compare-live-count">{move || { let (d, t, _) = live.get(); format!("{d} / {t} cells") }}</span>
            </div>
            <p id="compare-live-status" class="status" role="status">{move || live_status.get()}</p>
    }
}
