//! Every registered proxy, on Flex and on WebGPU, for the same cell, batch and seed — run in a
//! dedicated worker, as the explorer scores: long synchronous kernels there never freeze the
//! page the test runner polls (in the page, a stall over 30 s made ChromeDriver give up).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_dedicated_worker);

use burn::tensor::Device;
use wasm_bindgen_test::*;
use zsnas::compute::webgpu::webgpu_device;
use zsnas::proxy::batch::draw_batches;
use zsnas::proxy::{InputKind, Protocol, ProxyKind, Session};
use zsnas::space::Arch;
use zsnas::space::nb201::{Cell, Op};

fn session(device: Device) -> Session {
    let cell = {
        use Op::*;
        Cell { ops: [NorConv3x3, NorConv1x1, AvgPool3x3, SkipConnect, NorConv3x3, NorConv1x1] }
    };
    let protocol = Protocol { batch_size: 4, input: InputKind::Gaussian, ..Protocol::default() };
    let batches = draw_batches(&protocol, 0, None).expect("batches");
    Session::new(Arch::Nb201(cell), protocol, 0, device, batches).expect("session")
}

/// Allowed relative difference between Flex and WebGPU, by proxy kind. Static proxies are
/// exact; forward-only ones agree to 1e-3. Backward passes sum over the batch in f32 in a
/// different order on each backend: measured up to 6.3e-4 (nasi) and 1.3e-3 (fisher, which
/// squares gradients), so gradient proxies get 5e-3; per-sample ones accumulate B of them.
fn tolerance(kind: ProxyKind) -> f64 {
    match kind.info().kind {
        'S' => 1e-9,
        'F' => 1e-3,
        'P' => 2e-2,
        _ => 5e-3,
    }
}

#[wasm_bindgen_test]
async fn every_proxy_is_finite_on_the_cpu_and_agrees_on_webgpu() {
    let cpu = session(Device::flex());
    let gpu = webgpu_device().await.ok().map(|d| session(d.device));
    let mut report = Vec::new();
    for &kind in ProxyKind::ALL {
        let a = kind.compute(&cpu).await.unwrap_or_else(|e| panic!("{} on Flex: {e}", kind.name()));
        assert!(a.value.is_finite(), "{} on Flex: {a:?}", kind.name());
        let Some(gpu) = &gpu else { continue };
        let b = kind.compute(gpu).await.unwrap_or_else(|e| panic!("{} on WebGPU: {e}", kind.name()));
        assert!(b.value.is_finite(), "{} on WebGPU: {b:?}", kind.name());
        let rel = (a.value - b.value).abs() / a.value.abs().max(1e-12);
        report.push(format!("{}: flex {} webgpu {} rel {rel:.2e}", kind.name(), a.value, b.value));
        assert!(rel <= tolerance(kind), "{} differs between Flex and WebGPU:\n{}", kind.name(), report.join("\n"));
    }
    web_sys::console::log_1(&report.join("\n").into());
}
