//! Which view the page shows, kept in the URL query (`?page=build|score|hardware`) so a view can be
//! shared; a malformed value falls back to Build with a notice, never a panic.

/// A view of the explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// Build a cell and see what the benchmark knows about it.
    Build,
    /// Score the cell with zero-shot proxies in a Web Worker.
    Score,
    /// Hardware cost, Pareto front and budgeted selection.
    Hardware,
}

impl Page {
    /// Every view, in navigation order.
    pub const ALL: [Page; 3] = [Page::Build, Page::Score, Page::Hardware];

    /// The `page=` value.
    pub fn key(self) -> &'static str {
        match self {
            Page::Build => "build",
            Page::Score => "score",
            Page::Hardware => "hardware",
        }
    }

    /// Navigation label.
    pub fn label(self) -> &'static str {
        match self {
            Page::Build => "Build",
            Page::Score => "Score",
            Page::Hardware => "Hardware",
        }
    }

    /// Relative link to the view (keeps the page's directory, so sub-paths work).
    pub fn href(self) -> String {
        format!("?page={}", self.key())
    }

    /// The view called `key`.
    pub fn from_key(key: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// The view named by the current URL and a notice when the URL named none we know.
pub fn read_page() -> (Page, Option<String>) {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return (Page::Build, Some("The address could not be read; showing Build.".into()));
    };
    match params.get("page") {
        None => (Page::Build, None),
        Some(key) => match Page::from_key(&key) {
            Some(p) => (p, None),
            None => (Page::Build, Some(format!("Unknown page '{key}' in the address; showing Build."))),
        },
    }
}

/// Puts `page` into the URL without reloading (replaces the current history entry's query).
pub fn write_page(page: Page) {
    let Some(window) = web_sys::window() else { return };
    let search = window.location().search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else { return };
    params.set("page", page.key());
    let query: String = params.to_string().into();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?{query}")));
    }
}
