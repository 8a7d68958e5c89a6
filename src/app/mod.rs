//! The web page (wasm32 only): Leptos components over the library. `mount` is the entry point.

pub mod assets;
pub mod build_page;
pub mod cell_graph;
pub mod fbnet_panel;
pub mod hardware_page;
pub mod learn_page;
pub mod plot;
pub mod score_page;
pub mod store;
pub mod url_state;
pub mod worker;
pub mod worker_client;

use leptos::prelude::*;

use crate::app::assets::PageData;
use crate::app::build_page::BuildPage;
use crate::app::hardware_page::{HardwarePage, HwData};
use crate::app::score_page::ScorePage;
use crate::app::url_state::{Page, read_page, write_page};
use crate::app::worker_client::WorkerClient;
use crate::compute::webgpu::detect_label;
use crate::space::nb201::Cell;

/// Shows which compute device the page found: the WebGPU adapter, or the CPU and why.
#[component]
pub fn DeviceBadge() -> impl IntoView {
    let (label, set_label) = signal("detecting compute device…".to_string());
    leptos::task::spawn_local(async move {
        set_label.set(detect_label().await.1);
    });
    view! { <p class="device">"Compute: " <span id="device">{label}</span></p> }
}

/// The whole page: header with navigation, device, and the chosen view once the assets are
/// loaded. The view is kept in the URL (`?page=hardware`); an unknown page shows a notice.
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
    let cell = RwSignal::new(Cell::example());
    let (initial, notice) = read_page();
    let page = RwSignal::new(initial);
    let go = move |p: Page| {
        page.set(p);
        write_page(p);
    };
    let nav = move |p: Page, id: &'static str| {
        view! {
            <a id=id href=p.href() aria-current=move || (page.get() == p).then_some("page")
                on:click=move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); go(p) }>{p.label()}</a>
        }
    };
    view! {
        <header>
            <h1>"Zero-Shot NAS Explorer"</h1>
            <p class="tagline">"Training-free proxies for NAS-Bench-201, computed in your browser."</p>
            <DeviceBadge />
            <nav aria-label="Views">{nav(Page::Build, "nav-build")} {nav(Page::Score, "nav-score")} {nav(Page::Hardware, "nav-hardware")}</nav>
            <p id="url-notice" class="error" role="status">{notice}</p>
        </header>
        <main>
            {move || match data.get() {
                None => view! { <p id="status" class="status">"Loading benchmark data…"</p> }.into_any(),
                Some(Err(e)) => view! { <p id="status" class="error" role="alert">{format!("Could not load the benchmark data: {e}")}</p> }.into_any(),
                Some(Ok(d)) => match page.get() {
                    Page::Build => view! { <BuildPage data=d cell=cell /> }.into_any(),
                    Page::Score => view! { <ScorePage cell=cell /> }.into_any(),
                    Page::Hardware => view! { <HardwarePage data=d hw=hw cell=cell /> }.into_any(),
                },
            }}
        </main>
    }
}

/// Mounts the page into `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| view! { <App /> });
}
