//! The three states of data fetched on first show, written once for every view: a status line
//! while it loads, an alert naming what failed, or the view built from the data.

use leptos::prelude::*;

/// `state` as a view: `None` = loading, `Some(Err)` = failed, `Some(Ok(t))` = `show(t)`. The
/// status and alert paragraphs carry `id`, so tests and screen readers find them.
pub fn loaded<T>(
    state: Option<Result<T, String>>,
    id: &'static str,
    what: &'static str,
    show: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match state {
        None => view! { <p id=id class="status">{format!("Loading {what}…")}</p> }.into_any(),
        Some(Err(e)) => {
            view! { <p id=id class="error" role="alert">{format!("Could not load the {what}: {e}")}</p> }.into_any()
        }
        Some(Ok(t)) => show(t),
    }
}
