//! The page's URL query ⇄ [`ViewState`]: read once at start (malformed values become notices
//! and defaults, never a panic), written back on every change without reloading, so the address
//! bar always holds a link to exactly what is on screen.

pub use crate::explorer::view_state::{Page, ViewState};

/// The state the current address describes and a notice per value it could not use.
pub fn read_state() -> (ViewState, Vec<String>) {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    ViewState::from_query(&search)
}

/// Replaces the current history entry's query with `state`'s (no reload, no new entry).
pub fn write_state(state: &ViewState) {
    let Some(window) = web_sys::window() else { return };
    let query = state.to_query();
    if window.location().search().ok().as_deref() == Some(query.as_str()) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&query));
    }
}
