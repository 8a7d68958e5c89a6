//! WebGPU in the browser: find the adapter, name it, and initialise burn's device once per page
//! (a second `init_async` fails, so the result is kept for the page's lifetime).

use std::cell::RefCell;

use burn::tensor::Device;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::compute::device::{ComputeDevice, DeviceKind};

thread_local! {
    static WEBGPU: RefCell<Option<Result<ComputeDevice, String>>> = const { RefCell::new(None) };
}

fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// The WebGPU adapter's name ("vendor architecture description"), or why there is none.
/// Reads `navigator.gpu` through reflection, so it works in pages and workers alike.
pub async fn adapter_name() -> Result<String, String> {
    let global = js_sys::global();
    let navigator = get(&global, "navigator").ok_or("no navigator")?;
    let gpu = get(&navigator, "gpu").ok_or("no WebGPU")?;
    let request: Function =
        get(&gpu, "requestAdapter").and_then(|f| f.dyn_into().ok()).ok_or("navigator.gpu.requestAdapter is missing")?;
    let promise: Promise = request
        .call0(&gpu)
        .map_err(|e| format!("requestAdapter failed: {e:?}"))?
        .dyn_into()
        .map_err(|_| "requestAdapter did not return a promise")?;
    let adapter = JsFuture::from(promise).await.map_err(|e| format!("requestAdapter failed: {e:?}"))?;
    if adapter.is_null() || adapter.is_undefined() {
        return Err("no WebGPU adapter".into());
    }
    let info = get(&adapter, "info");
    let field = |k: &str| info.as_ref().and_then(|i| get(i, k)).and_then(|v| v.as_string()).filter(|s| !s.is_empty());
    let parts: Vec<String> = ["vendor", "architecture", "description"].iter().filter_map(|k| field(k)).collect();
    Ok(if parts.is_empty() { "unnamed adapter".to_string() } else { parts.join(" ") })
}

/// The page's WebGPU device, initialised on first call and kept; `Err` says why there is none.
pub async fn webgpu_device() -> Result<ComputeDevice, String> {
    if let Some(done) = WEBGPU.with(|w| w.borrow().clone()) {
        return done;
    }
    let result = init().await;
    WEBGPU.with(|w| *w.borrow_mut() = Some(result.clone()));
    result
}

async fn init() -> Result<ComputeDevice, String> {
    let name = adapter_name().await?;
    let device: Device = Device::wgpu_options().init_async().await.map_err(|e| format!("WebGPU init failed: {e}"))?;
    Ok(ComputeDevice { device, kind: DeviceKind::Gpu, label: format!("WebGPU: {name}") })
}

/// WebGPU when it works, else the CPU labelled with the reason.
pub async fn best_device() -> ComputeDevice {
    match webgpu_device().await {
        Ok(d) => d,
        Err(why) => ComputeDevice::cpu(&why),
    }
}

/// What the page can tell without starting burn: "WebGPU: <adapter>" when an adapter answers,
/// else "CPU (<why>)". The page's own wasm then holds no tensor code; the worker initialises
/// the device it computes on and reports it per job.
pub async fn detect_label() -> (DeviceKind, String) {
    match adapter_name().await {
        Ok(name) => (DeviceKind::Gpu, format!("WebGPU: {name}")),
        Err(why) => (DeviceKind::Cpu, format!("CPU ({why})")),
    }
}
