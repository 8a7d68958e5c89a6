//! The web page (wasm32 only): Leptos components over the library. `mount` is the entry point.

pub mod about_page;
pub mod assets;
pub mod build_page;
pub mod cell_graph;
pub mod compare_page;
pub mod download;
pub mod fbnet_panel;
pub mod hardware_page;
pub mod learn_page;
pub mod live_sample;
pub mod loading;
pub mod ours;
pub mod plot;
pub mod plot_export;
pub mod score_page;
pub mod store;
pub mod url_state;
pub mod worker;
pub mod worker_client;

use leptos::prelude::*;

use crate::app::about_page::AboutPage;
use crate::app::assets::PageData;
use crate::app::build_page::BuildPage;
use crate::app::compare_page::ComparePage;
use crate::app::hardware_page::{HardwarePage, HwData};
use crate::app::learn_page::LearnPage;
use crate::app::loading::loaded;
use crate::app::score_page::ScorePage;
use crate::app::url_state::{Page, read_state, write_state};
use crate::app::worker_client::WorkerClient;
use crate::compute::webgpu::detect_label;

/// Shows which compute device the page found: the WebGPU adapter, or the CPU and why.
#[component]
pub fn DeviceBadge() -> impl IntoView {
    let (label, set_label) = signal("detecting compute device…".to_string());
    leptos::task::spawn_local(async move {
        set_label.set(detect_label().await.1);
    });
    view! { <p class="device">"Compute: " <span id="device">{label}</span></p> }
}

/// Bumped when the window is resized or zoomed (the device pixel ratio changes with zoom), so
/// canvas plots redraw at their new size and resolution.
#[derive(Clone, Copy, Debug)]
pub struct Viewport(pub RwSignal<u64>);

/// The current [`Viewport`] signal, tracked by the calling effect (a no-op outside the app).
pub fn track_viewport() {
    if let Some(v) = use_context::<Viewport>() {
        v.0.track();
    }
}

/// Bumped whenever a score is stored, so views that show stored scores re-read them.
#[derive(Clone, Copy, Debug)]
pub struct ScoreVersion(pub RwSignal<u64>);

/// The whole page: header with navigation, device, and the chosen view once the assets are
/// loaded. The whole view state (page, cell, dataset, proxies, protocol, Compare choices) is
/// kept in the URL, so any view can be shared; values the page cannot use show a notice.
#[component]
pub fn App(
    #[prop(optional)] preloaded: Option<PageData>,
    #[prop(optional)] preloaded_hw: Option<HwData>,
) -> impl IntoView {
    let data: RwSignal<Option<Result<PageData, String>>> = RwSignal::new(preloaded.map(Ok));
    if data.get_untracked().is_none() {
        leptos::task::spawn_local(async move { data.set(Some(PageData::fetch().await)) });
    }
    let hw: RwSignal<Option<Result<HwData, String>>> = RwSignal::new(preloaded_hw.map(Ok));
    provide_context(WorkerClient::new()); // one scoring worker per page, started on first use
    provide_context(ScoreVersion(RwSignal::new(0)));
    provide_context(ours::OursScores::default()); // bundled scores, fetched per dataset on first use
    let viewport = Viewport(RwSignal::new(0));
    provide_context(viewport);
    let resize = window_event_listener(leptos::ev::resize, move |_| viewport.0.update(|v| *v += 1));
    on_cleanup(move || resize.remove());
    let (initial, notices) = read_state();
    let page = RwSignal::new(initial.page);
    let cell = RwSignal::new(initial.cell);
    let state = RwSignal::new(initial); // its page and cell are kept in the two signals above
    Effect::new(move |_| {
        let mut s = state.get();
        s.page = page.get();
        s.cell = cell.get();
        write_state(&s);
    });
    let notice = (!notices.is_empty()).then(|| format!("{} Showing defaults for those.", notices.join(" ")));
    let nav = move |p: Page| {
        let href = move || {
            let mut s = state.get();
            s.page = p;
            s.cell = cell.get();
            s.to_query()
        };
        view! {
            <a id=format!("nav-{}", p.key()) href=href aria-current=move || (page.get() == p).then_some("page")
                on:click=move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); page.set(p) }>{p.label()}</a>
        }
    };
    view! {
        <header>
            <h1>"Zero-Shot NAS Explorer"</h1>
            <p class="tagline">"Training-free proxies for NAS-Bench-201, computed in your browser."</p>
            <DeviceBadge />
            <nav aria-label="Views">{Page::ALL.into_iter().map(nav).collect_view()}</nav>
            <p id="url-notice" class="error" role="status">{notice}</p>
        </header>
        <main>
            {move || loaded(data.get(), "status", "benchmark data", |d| match page.get() {
                Page::Build => view! { <BuildPage data=d cell=cell state=state /> }.into_any(),
                Page::Score => view! { <ScorePage data=d cell=cell state=state /> }.into_any(),
                Page::Compare => view! { <ComparePage data=d hw=hw cell=cell page=page state=state /> }.into_any(),
                Page::Learn => view! { <LearnPage cell=cell /> }.into_any(),
                Page::Hardware => view! { <HardwarePage data=d hw=hw cell=cell /> }.into_any(),
                Page::About => view! { <AboutPage /> }.into_any(),
            })}
        </main>
    }
}

/// Mounts the page into `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| view! { <App /> });
}
