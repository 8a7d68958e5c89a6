//! "SVG" and "PNG" buttons under a plot: the SVG is written from the scene last drawn (same
//! shapes as the canvas), the PNG is the canvas itself at its HiDPI resolution.

use leptos::html::Canvas;
use leptos::prelude::*;

use crate::app::download::{download_png, download_text};
use crate::chart::Scene;
use crate::chart::svg::to_svg;

/// Export buttons for the plot on `canvas`, whose latest scene is in `scene`; files are named
/// `<name>.svg` / `<name>.png`, buttons have ids `<id>-svg` / `<id>-png`.
#[component]
pub fn PlotExport(
    canvas: NodeRef<Canvas>,
    scene: StoredValue<Option<Scene>, LocalStorage>,
    name: Signal<String>,
    id: &'static str,
) -> impl IntoView {
    let error = RwSignal::new(String::new());
    let svg = move |_| {
        let result = match scene.with_value(|s| s.as_ref().map(to_svg)) {
            Some(text) => download_text(&format!("{}.svg", name.get_untracked()), "image/svg+xml", &text),
            None => Err("nothing drawn yet".into()),
        };
        error.set(result.err().unwrap_or_default());
    };
    let png = move |_| {
        let result = match canvas.get_untracked() {
            Some(cv) => download_png(&cv, &format!("{}.png", name.get_untracked())),
            None => Err("nothing drawn yet".into()),
        };
        error.set(result.err().unwrap_or_default());
    };
    view! {
        <span class="export">
            "Export plot: "
            <button type="button" id=format!("{id}-svg") on:click=svg>"SVG"</button>
            <button type="button" id=format!("{id}-png") on:click=png>"PNG"</button>
            <span class="error" role="status">{move || error.get()}</span>
        </span>
    }
}
