//! The scoring Web Worker (wasm32 only): receives [`ToWorker`] requests, scores on WebGPU or the
//! CPU, and posts one [`FromWorker::Scored`] per proxy as each finishes, so the page stays
//! responsive and shows results as they stream in. It also computes the Learn page's proxy
//! internals ([`ToWorker::Internals`]). Built by Trunk as its own binary
//! (`src/bin/worker.rs`, `data-type="worker"`).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::app::assets::fetch_asset;
use crate::bench::{AssetName, BenchDataset, ImageBatch};
use crate::compute::messages::{FromWorker, ToWorker};
use crate::compute::webgpu::webgpu_device;
use crate::compute::{ComputeDevice, DeviceKind};
use crate::hw::measure::{TimingPlan, time_forward};
use crate::net::nb201::{Nb201Config, nb201_program};
use crate::proxy::batch::ImagePool;
use crate::proxy::internals::{Internals, internals};
use crate::proxy::run::score_cell;
use crate::proxy::{InputKind, Protocol, ProxyKind};
use crate::report::inputs::image_pool;
use crate::space::nb201::Cell;
use crate::space::{Arch, Dataset};

fn scope() -> Option<DedicatedWorkerGlobalScope> {
    js_sys::global().dyn_into().ok()
}

fn post(message: &FromWorker) {
    if let Some(s) = scope() {
        let _ = s.post_message(&message.to_json().into());
    }
}

fn now_ms() -> f64 {
    scope().and_then(|s| s.performance()).map_or(0.0, |p| p.now())
}

/// Image pools already fetched, by dataset (a job on the same dataset reuses them).
type Pools = Rc<RefCell<Vec<(Dataset, ImagePool)>>>;

async fn pool_for(dataset: Dataset, pools: &Pools) -> Result<ImagePool, String> {
    if let Some((_, p)) = pools.borrow().iter().find(|(d, _)| *d == dataset) {
        return Ok(p.clone());
    }
    let bench = BenchDataset::from_name(dataset.name()).ok_or("unknown dataset")?;
    let bytes = fetch_asset(AssetName::images(bench)).await?;
    let images = ImageBatch::from_bytes(&bytes).map_err(|e| e.to_string())?;
    let pool = image_pool(&images).ok_or("the image asset holds no usable images")?;
    pools.borrow_mut().push((dataset, pool.clone()));
    Ok(pool)
}

async fn device_for(kind: DeviceKind) -> (ComputeDevice, Option<String>) {
    match kind {
        DeviceKind::Cpu => (ComputeDevice::cpu("chosen"), None),
        DeviceKind::Gpu => match webgpu_device().await {
            Ok(d) => (d, None),
            Err(why) => (ComputeDevice::cpu(&why), Some(format!("WebGPU unavailable ({why}); computing on the CPU"))),
        },
    }
}

async fn measure(job: u64, arch: String, dataset: Dataset, plan: (Vec<usize>, usize, usize), kind: DeviceKind) {
    let (batch_sizes, runs, warmup) = plan;
    let cell = match Cell::parse(&arch) {
        Ok(c) => c,
        Err(e) => return post(&FromWorker::Failed { job, error: format!("bad arch: {e}") }),
    };
    let program = nb201_program(&cell, &Nb201Config::for_dataset(dataset.classes(), dataset.resolution()));
    let (device, fallback) = device_for(kind).await;
    post(&FromWorker::Device { job, kind: device.kind, label: device.label.clone(), fallback });
    let mut timings = Vec::with_capacity(batch_sizes.len());
    for batch_size in batch_sizes {
        let plan = TimingPlan { batch_size, warmup, runs };
        match time_forward(&program, &device.device, plan, &now_ms).await {
            Ok(t) => timings.push(t),
            Err(e) => return post(&FromWorker::Failed { job, error: e.to_string() }),
        }
    }
    post(&FromWorker::Measured { job, timings });
}

/// The Learn page's views of `arch`: same image pool and device fallback as scoring; one
/// [`FromWorker::Internals`] answer ends the job.
async fn internals_job(job: u64, arch: String, protocol: Protocol, kind: DeviceKind, pools: Pools) {
    let answer = |result: Result<Internals, String>| post(&FromWorker::Internals { job, result });
    let cell = match Cell::parse(&arch) {
        Ok(c) => c,
        Err(e) => return answer(Err(format!("bad arch: {e}"))),
    };
    let pool = match protocol.input {
        InputKind::Real => match pool_for(protocol.dataset, &pools).await {
            Ok(p) => Some(p),
            Err(e) => return answer(Err(e)),
        },
        InputKind::Gaussian => None,
    };
    let (device, fallback) = device_for(kind).await;
    post(&FromWorker::Device { job, kind: device.kind, label: device.label.clone(), fallback });
    answer(internals(Arch::Nb201(cell), &protocol, &device.device, pool.as_ref()).await.map_err(|e| e.to_string()));
}

async fn handle(request: ToWorker, pools: Pools) {
    let (job, arch, protocol, proxies, device) = match request {
        ToWorker::Score { job, arch, protocol, proxies, device } => (job, arch, protocol, proxies, device),
        ToWorker::Measure { job, arch, dataset, batch_sizes, runs, warmup, device } => {
            return measure(job, arch, dataset, (batch_sizes, runs, warmup), device).await;
        }
        ToWorker::Internals { job, arch, protocol, device } => {
            return internals_job(job, arch, protocol, device, pools).await;
        }
    };
    let fail = |error: String| post(&FromWorker::Failed { job, error });
    let cell = match Cell::parse(&arch) {
        Ok(c) => c,
        Err(e) => return fail(format!("bad arch: {e}")),
    };
    let mut kinds = Vec::with_capacity(proxies.len());
    for name in &proxies {
        match ProxyKind::from_name(name) {
            Some(k) => kinds.push(k),
            None => return fail(format!("unknown proxy '{name}'")),
        }
    }
    let pool = match protocol.input {
        InputKind::Real => match pool_for(protocol.dataset, &pools).await {
            Ok(p) => Some(p),
            Err(e) => return fail(e),
        },
        InputKind::Gaussian => None,
    };
    let (device, fallback) = device_for(device).await;
    post(&FromWorker::Device { job, kind: device.kind, label: device.label.clone(), fallback });
    let result = score_cell(Arch::Nb201(cell), &protocol, &device.device, pool.as_ref(), &kinds, &now_ms, |kind, r| {
        post(&FromWorker::Scored { job, proxy: kind.name().to_string(), result: r.clone().map_err(|e| e.to_string()) })
    })
    .await;
    match result {
        Ok(_) => post(&FromWorker::Done { job }),
        Err(e) => fail(e.to_string()),
    }
}

/// Entry point of the worker binary: listen for requests, then announce readiness.
pub fn run() {
    console_error_panic_hook::set_once();
    let Some(scope) = scope() else { return };
    let pools: Pools = Rc::new(RefCell::new(Vec::new()));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        match ToWorker::from_json(&text) {
            Ok(request) => wasm_bindgen_futures::spawn_local(handle(request, pools.clone())),
            Err(e) => post(&FromWorker::Failed { job: 0, error: e.to_string() }),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget(); // lives as long as the worker
    post(&FromWorker::Ready);
}
