//! Fetches bundled assets over HTTP (relative to the page, so any sub-path works) and decodes
//! them with the shared decoders; a missing or corrupt asset is a clear error, not a panic.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::bench::{ArchTable, AssetName, Nb201Accuracy};
use crate::report::cell::AccuracyTables;

/// What the Build page needs: the arch table and the accuracies with their percentile tables.
#[derive(Clone, Debug)]
pub struct PageData {
    /// NATS index ↔ cell code.
    pub archs: ArchTable,
    /// Benchmark accuracies.
    pub accuracy: Nb201Accuracy,
    /// Sorted accuracy columns for percentiles.
    pub tables: AccuracyTables,
}

impl PageData {
    /// Decodes the two assets the page needs.
    pub fn decode(archs: &[u8], accuracy: &[u8]) -> Result<PageData, String> {
        let archs = ArchTable::from_bytes(archs).map_err(|e| e.to_string())?;
        let accuracy = Nb201Accuracy::from_bytes(accuracy).map_err(|e| e.to_string())?;
        let tables = AccuracyTables::new(&accuracy);
        Ok(PageData { archs, accuracy, tables })
    }

    /// Fetches and decodes the page's assets.
    pub async fn fetch() -> Result<PageData, String> {
        let archs = fetch_asset(AssetName::Nb201Archs).await?;
        let accuracy = fetch_asset(AssetName::Nb201Accuracy).await?;
        Self::decode(&archs, &accuracy)
    }
}

/// The bytes of one asset, fetched from `assets/<file>` relative to the page (or, in a worker,
/// to the worker's script, which sits beside the page).
pub async fn fetch_asset(name: AssetName) -> Result<Vec<u8>, String> {
    fetch_file(&name.file_name()).await
}

/// The bytes of `assets/<file>` (see [`fetch_asset`]).
pub async fn fetch_file(file: &str) -> Result<Vec<u8>, String> {
    let url = format!("assets/{file}");
    // `fetch` through the global object works in a window and in a worker alike.
    let global = js_sys::global();
    let fetch: js_sys::Function = js_sys::Reflect::get(&global, &"fetch".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("this context has no fetch")?;
    let promise: js_sys::Promise = fetch
        .call1(&global, &url.clone().into())
        .map_err(|e| format!("cannot fetch {url}: {e:?}"))?
        .dyn_into()
        .map_err(|_| format!("{url}: fetch returned no promise"))?;
    let response = JsFuture::from(promise).await.map_err(|e| format!("cannot fetch {url}: {e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!("asset {url} is missing (HTTP {})", response.status()));
    }
    let buffer = response.array_buffer().map_err(|e| format!("{url}: {e:?}"))?;
    let buffer = JsFuture::from(buffer).await.map_err(|e| format!("{url}: {e:?}"))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
