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

/// "Measure here" runs `time_forward` in the worker; here it runs directly on both devices.
#[wasm_bindgen_test]
async fn forward_timing_on_flex_and_webgpu() {
    use zsnas::hw::measure::{TimingPlan, time_forward};
    let program = nb201_program(&Cell::example(), &Nb201Config::default());
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    let plan = TimingPlan { batch_size: 2, warmup: 1, runs: 3 };
    let cpu = time_forward(&program, &Device::flex(), plan, &now).await.expect("timing on the CPU");
    assert_eq!(cpu.runs_ms.len(), 3);
    assert!(cpu.median_ms > 0.0 && cpu.min_ms <= cpu.median_ms && cpu.median_ms <= cpu.max_ms, "{cpu:?}");
    if let Ok(gpu) = webgpu_device().await {
        let t = time_forward(&program, &gpu.device, plan, &now).await.expect("timing on WebGPU");
        assert!(t.median_ms > 0.0, "{t:?}");
    } else {
        assert!(!is_chromium(), "Chromium must expose WebGPU here");
    }
}

mod page {
    //! The Build page mounted with the bundled assets, driven through the DOM.

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::{Event, HtmlInputElement, HtmlSelectElement};
    use zsnas::app::App;
    use zsnas::app::assets::PageData;

    const ARCHS: &[u8] = include_bytes!("../assets/nb201_archs.zsa");
    const ACCURACY: &[u8] = include_bytes!("../assets/nb201_accuracy.zsa");

    async fn settle() {
        // Let Leptos run its effects (they are scheduled as microtasks and timers).
        for _ in 0..5 {
            let p = js_sys::Promise::new(&mut |resolve, _| {
                let window = web_sys::window().expect("window");
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
            });
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        }
    }

    fn by_id<T: JsCast>(id: &str) -> T {
        let doc = web_sys::window().and_then(|w| w.document()).expect("document");
        doc.get_element_by_id(id).unwrap_or_else(|| panic!("#{id} missing")).dyn_into::<T>().expect("element type")
    }

    fn text(id: &str) -> String {
        by_id::<web_sys::Element>(id).text_content().unwrap_or_default()
    }

    fn change(input: &web_sys::EventTarget) {
        let _ = input.dispatch_event(&Event::new("change").expect("event"));
    }

    /// Puts `query` in the address bar (tests share one page, and the app reads its state from it).
    fn at_url(query: &str) {
        let history = web_sys::window().and_then(|w| w.history().ok()).expect("history");
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(query)).expect("replace_state");
    }

    fn search() -> String {
        web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
    }

    fn hw_data(archs: &zsnas::bench::ArchTable) -> zsnas::app::hardware_page::HwData {
        zsnas::app::hardware_page::HwData::decode(
            [
                include_bytes!("../assets/nb201_latency.zsa"),
                include_bytes!("../assets/nb201_op_latency.zsa"),
                include_bytes!("../assets/nb201_reference_freerea.zsa"),
                include_bytes!("../assets/nb201_reference_naslib.zsa"),
                include_bytes!("../assets/fbnet_lut.zsa"),
            ],
            archs,
        )
        .expect("hardware assets decode")
    }

    #[wasm_bindgen_test]
    async fn pick_a_cell_by_index_by_arch_string_and_by_edge() {
        at_url("?");
        let data = PageData::decode(ARCHS, ACCURACY).expect("bundled assets decode");
        let body = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()).expect("body");
        let handle = leptos::mount::mount_to(body, move || view! { <App preloaded=data /> });
        settle().await;

        // By NATS index: index 0 is |avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|…|.
        let index: HtmlInputElement = by_id("index");
        index.set_value("0");
        change(&index);
        settle().await;
        let arch: HtmlInputElement = by_id("arch");
        assert_eq!(
            arch.value(),
            "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|"
        );
        assert!(text("accuracy").contains("CIFAR-10"), "accuracy table: {}", text("accuracy"));
        assert!(text("sizes").contains("129,306"), "params of index 0 on CIFAR-10: {}", text("sizes"));
        assert!(!text("canonical").is_empty());

        // By arch string: an all-none cell is valid and has zero output.
        arch.set_value("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        change(&arch);
        settle().await;
        assert!(text("liveness").contains("identically zero"), "{}", text("liveness"));
        let none = zsnas::space::nb201::Cell { ops: [zsnas::space::nb201::Op::None; 6] };
        let expected = format!("{} cell(s)", none.isomorphs().len());
        assert!(text("isomorphs").starts_with(&expected), "{} vs {expected}", text("isomorphs"));

        // A malformed string shows an error and keeps the cell.
        arch.set_value("|nor_conv_9x9~0|+|");
        change(&arch);
        settle().await;
        assert!(!text("arch-error").is_empty(), "an error is shown");
        assert!(text("liveness").contains("identically zero"), "the previous cell stays");

        // Edge by edge: set edge 0→3 to conv3×3; the index input follows.
        let edge: HtmlSelectElement = by_id("edge-3");
        edge.set_value("nor_conv_3x3");
        change(&edge);
        settle().await;
        assert!(text("arch-error").is_empty(), "a valid pick clears the error");
        assert_eq!(arch.value(), "|none~0|+|none~0|none~1|+|nor_conv_3x3~0|none~1|none~2|");
        assert!(!by_id::<HtmlInputElement>("index").value().is_empty(), "every cell has a NATS index");

        // Best by CIFAR-10 accuracy: its 200-epoch CIFAR-10 row is at the 100th percentile.
        click("pick-best");
        settle().await;
        let best = by_id::<web_sys::Element>("accuracy").query_selector("tbody tr").unwrap().expect("first row");
        let best = best.text_content().unwrap_or_default();
        assert!(best.contains("CIFAR-10") && best.ends_with("100.0"), "{best}");
        // The macro skeleton: stem, three stages, two reductions, head.
        let parts = web_sys::window().unwrap().document().unwrap().query_selector_all("#skeleton tbody tr").unwrap();
        assert_eq!(parts.length(), 7);
        assert!(text("skeleton").contains("64 × 8 × 8"), "{}", text("skeleton"));
        drop(handle);
    }

    fn click(id: &str) {
        by_id::<web_sys::HtmlElement>(id).click();
    }

    #[wasm_bindgen_test]
    async fn hardware_page_tables_selection_and_fbnet() {
        at_url("?");
        let data = PageData::decode(ARCHS, ACCURACY).expect("bundled assets decode");
        let hw = hw_data(&data.archs);
        let body = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()).expect("body");
        let handle = leptos::mount::mount_to(body, move || view! { <App preloaded=data preloaded_hw=hw /> });
        settle().await;
        click("nav-hardware");
        settle().await;
        let search = web_sys::window().unwrap().location().search().unwrap();
        assert!(search.contains("page=hardware"), "the view is in the URL: {search}");

        // The current cell on every bundled device, and the estimates' measured error.
        let costs = text("hw-costs");
        for device in ["Raspberry Pi 4", "NVIDIA Jetson TX2", "Eyeriss ASIC", "Peak activation memory"] {
            assert!(costs.contains(device), "{device} missing from the cost table");
        }
        assert!(text("hw-estimates").contains("no measured table"), "edge GPU flagged as unchecked");

        // Selection: one row per FreeREA proxy, each with a pick and a non-negative gap.
        let rows = web_sys::window().unwrap().document().unwrap().query_selector_all("#hw-selection tbody tr").unwrap();
        assert_eq!(rows.length(), 4, "nwot, synflow, logsynflow, params");
        let table = text("hw-selection");
        assert!(!table.contains('—'), "every proxy picks a cell at the default budget: {table}");
        // A typed budget that admits every cell moves the slider to 100 %.
        let budget: HtmlInputElement = by_id("hw-budget");
        budget.set_value("1e9");
        change(&budget);
        settle().await;
        assert_eq!(by_id::<HtmlInputElement>("hw-quantile").value(), "1");
        let scatter: web_sys::HtmlCanvasElement = by_id("hw-scatter");
        assert!(scatter.width() > 0 && scatter.height() > 0);

        // Another metric: the Jetson TX2 estimate is labelled as one.
        let metric: HtmlSelectElement = by_id("hw-metric");
        metric.set_value("est:edgegpu");
        change(&metric);
        settle().await;
        assert!(text("hw-metric-info").contains("estimate"), "{}", text("hw-metric-info"));

        // FBNet: HELP's first sampled arch has Raspberry Pi 4 latency 30.2529 ms (CIFAR-100).
        let fbnet: HtmlInputElement = by_id("fbnet-arch");
        fbnet.set_value("7 8 1 8 4 8 8 8 7 4 1 4 7 3 2 7 3 2 4 2 4 5");
        change(&fbnet);
        settle().await;
        assert!(text("fbnet-metrics").contains("30.2529"), "{}", text("fbnet-metrics"));
        fbnet.set_value("7 8 9");
        change(&fbnet);
        settle().await;
        assert!(!text("fbnet-error").is_empty(), "a malformed FBNet arch shows an error");

        drop(handle);
    }

    #[wasm_bindgen_test]
    async fn compare_page_table_heatmap_population_and_url_state() {
        // A shared link: Compare on CIFAR-100, top 5 %, with a malformed value to be reported.
        at_url("?page=compare&dataset=cifar100&pop=top-5&batch=0");
        let data = PageData::decode(ARCHS, ACCURACY).expect("bundled assets decode");
        let hw = hw_data(&data.archs);
        let body = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()).expect("body");
        let handle = leptos::mount::mount_to(body, move || view! { <App preloaded=data preloaded_hw=hw /> });
        settle().await;
        assert!(text("url-notice").contains("batch='0'"), "notice: {}", text("url-notice"));
        assert!(search().contains("pop=top-5") && search().contains("dataset=cifar100"), "{}", search());
        assert!(!search().contains("batch="), "the unusable value is dropped: {}", search());

        // FreeREA on CIFAR-100, top 5 % of 15,625 cells: 782 cells, 4 proxies, published ρ beside.
        assert!(text("compare-summary").starts_with("782 cells"), "{}", text("compare-summary"));
        let rows = || {
            web_sys::window()
                .unwrap()
                .document()
                .unwrap()
                .query_selector_all("#compare-table tbody tr[data-proxy]")
                .unwrap()
                .length()
        };
        assert_eq!(rows(), 4);
        let nwot = text("compare-table");
        assert!(nwot.contains("0.81"), "published nwot ρ on CIFAR-100: {nwot}");
        let scatter: web_sys::HtmlCanvasElement = by_id("compare-scatter");
        assert!(scatter.get_attribute("data-redraw-ms").is_some(), "the scatter was drawn");
        let heat: web_sys::HtmlCanvasElement = by_id("compare-heatmap");
        assert!(heat.width() > 0);

        // All cells: the page's ρ of FreeREA's nwot on CIFAR-100 is the CLI's (`zsnas correlate
        // --reference freerea --dataset cifar100`: 0.800, docs/REPRODUCTION.md §1; published 0.81).
        let pop: HtmlSelectElement = by_id("compare-pop");
        pop.set_value("all");
        change(&pop);
        settle().await;
        assert!(text("compare-summary").starts_with("15625 cells"), "{}", text("compare-summary"));
        let nwot_rho = by_id::<web_sys::Element>("compare-table")
            .query_selector("tr[data-proxy='nwot'] td.rho")
            .unwrap()
            .expect("nwot row")
            .text_content()
            .unwrap_or_default();
        assert!(nwot_rho.starts_with("0.800 ["), "{nwot_rho}");
        assert!(!search().contains("pop="), "the default population is not written: {}", search());

        // NASLib's 725 cells: 12 proxies; the ground-truth menu offers only CIFAR-100 columns.
        let source: HtmlSelectElement = by_id("compare-source");
        source.set_value("naslib");
        change(&source);
        settle().await;
        assert_eq!(rows(), 12);
        assert!(search().contains("source=naslib"), "{}", search());
        let truth: HtmlSelectElement = by_id("compare-truth");
        assert_eq!(truth.length(), 2, "200- and 12-epoch CIFAR-100 test accuracy");

        drop(handle);
        at_url("?");
    }
}
