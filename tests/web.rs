//! Browser tests (wasm-bindgen-test), run by scripts/test.sh in headless Chromium — started with
//! `--enable-unsafe-webgpu`, so both WebGPU (SwiftShader) and the CPU run — and in Firefox ESR,
//! where no WebGPU adapter is expected and the CPU fallback is what is tested.
#![cfg(target_arch = "wasm32")]

use burn::tensor::{Device, Tensor, TensorData};
use wasm_bindgen_test::*;
use zsnas::compute::DeviceKind;
use zsnas::compute::webgpu::{best_device, webgpu_device};
use zsnas::net::forward::{ForwardOptions, Network};
use zsnas::net::init::InitScheme;
use zsnas::net::nb201::{Nb201Config, nb201_program};
use zsnas::rng::Rng;
use zsnas::space::nb201::{Cell, Op};

wasm_bindgen_test_configure!(run_in_browser);

/// Chromium is started with WebGPU enabled; Firefox ESR has none.
fn is_chromium() -> bool {
    let ua = web_sys::window().and_then(|w| w.navigator().user_agent().ok()).unwrap_or_default();
    ua.contains("Chrome")
}

async fn logits(device: &Device, cell: &Cell, seed: u64) -> Vec<f32> {
    let program = nb201_program(cell, &Nb201Config::default());
    let net = Network::new(program, InitScheme::PytorchDefault, seed, device);
    let mut rng = Rng::new(seed + 100);
    let x: Vec<f32> = (0..8 * 3 * 32 * 32).map(|_| rng.normal() as f32).collect();
    let x = Tensor::<4>::from_data(TensorData::new(x, [8, 3, 32, 32]), device);
    let out = net.forward(x, &ForwardOptions::default()).expect("forward");
    let data = out.logits.into_data_async().await.expect("read logits");
    data.try_to_vec::<f32>().expect("f32")
}

#[wasm_bindgen_test]
async fn device_detection_matches_the_browser() {
    let best = best_device().await;
    if is_chromium() {
        assert_eq!(best.kind, DeviceKind::Gpu, "Chromium runs with --enable-unsafe-webgpu: {}", best.label);
        assert!(best.label.starts_with("WebGPU: "), "{}", best.label);
    } else {
        assert_eq!(best.kind, DeviceKind::Cpu, "no WebGPU expected in Firefox ESR: {}", best.label);
        assert!(best.label.starts_with("CPU ("), "{}", best.label);
    }
}

#[wasm_bindgen_test]
async fn same_network_same_seed_same_logits_on_flex_and_webgpu() {
    use Op::*;
    let cells = [
        Cell { ops: [NorConv3x3, NorConv1x1, AvgPool3x3, SkipConnect, NorConv3x3, NorConv1x1] },
        Cell { ops: [AvgPool3x3, None, SkipConnect, NorConv1x1, None, NorConv3x3] },
    ];
    for cell in &cells {
        let cpu = logits(&Device::flex(), cell, 0).await;
        assert_eq!(cpu.len(), 80);
        assert!(cpu.iter().all(|v| v.is_finite()), "CPU logits finite");
        let Ok(gpu_device) = webgpu_device().await else {
            assert!(!is_chromium(), "Chromium must expose WebGPU here");
            continue;
        };
        let gpu = logits(&gpu_device.device, cell, 0).await;
        let scale = cpu.iter().map(|v| v.abs()).fold(0.0f32, f32::max).max(1e-6);
        let worst = cpu.iter().zip(&gpu).map(|(a, b)| (a - b).abs() / scale).fold(0.0f32, f32::max);
        assert!(worst <= 1e-3, "{cell:?}: max |cpu − gpu| / max|cpu| = {worst}");
    }
}
