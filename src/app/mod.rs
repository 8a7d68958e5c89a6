//! The web page (wasm32 only): Leptos components over the library. `mount` is the entry point.

pub mod assets;
pub mod build_page;
pub mod cell_graph;

use leptos::prelude::*;

use crate::app::assets::PageData;
use crate::app::build_page::BuildPage;
use crate::compute::webgpu::best_device;
use crate::space::nb201::{Cell, Op};

/// The cell a fresh page shows: the benchmark's all-conv3×3 cell on every edge but skip 0→3
/// (a strong, readable example).
pub fn default_cell() -> Cell {
    use Op::*;
    Cell { ops: [NorConv3x3, NorConv3x3, NorConv3x3, SkipConnect, NorConv3x3, NorConv3x3] }
}

/// Shows which compute device the page found: the WebGPU adapter, or the CPU and why.
#[component]
pub fn DeviceBadge() -> impl IntoView {
    let (label, set_label) = signal("detecting compute device…".to_string());
    leptos::task::spawn_local(async move {
        let device = best_device().await;
        set_label.set(device.label);
    });
    view! { <p class="device">"Compute: " <span id="device">{label}</span></p> }
}

/// The whole page: header, device, and the Build view once the assets are loaded.
#[component]
pub fn App(#[prop(optional)] preloaded: Option<PageData>) -> impl IntoView {
    let data: RwSignal<Option<Result<PageData, String>>> = RwSignal::new(preloaded.map(Ok));
    if data.get_untracked().is_none() {
        leptos::task::spawn_local(async move { data.set(Some(PageData::fetch().await)) });
    }
    let cell = RwSignal::new(default_cell());
    view! {
        <header>
            <h1>"Zero-Shot NAS Explorer"</h1>
            <p class="tagline">"Training-free proxies for NAS-Bench-201, computed in your browser."</p>
            <DeviceBadge />
        </header>
        <main>
            {move || match data.get() {
                None => view! { <p id="status" class="status">"Loading benchmark data…"</p> }.into_any(),
                Some(Err(e)) => view! { <p id="status" class="error" role="alert">{format!("Could not load the benchmark data: {e}")}</p> }.into_any(),
                Some(Ok(d)) => view! { <BuildPage data=d cell=cell /> }.into_any(),
            }}
        </main>
    }
}

/// Mounts the page into `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| view! { <App /> });
}
