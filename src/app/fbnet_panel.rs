//! The FBNet space of HW-NAS-Bench on the Hardware view: type or draw an architecture (22
//! layers × 9 blocks) and see its 8 lookup-table metrics for both inputs.

use leptos::prelude::*;

use crate::bench::FbnetLut;
use crate::hw::fbnet::{FbnetMetric, fbnet_metrics};
use crate::rng::Rng;
use crate::space::fbnet::{FbnetArch, FbnetInput};

/// Arch input, random draw, and the metrics table (`#fbnet-metrics`).
#[component]
pub fn FbnetPanel(lut: FbnetLut) -> impl IntoView {
    let lut = StoredValue::new(lut);
    let arch = RwSignal::new(FbnetArch::random(&mut Rng::new(0)));
    let error = RwSignal::new(None::<String>);
    let draws = RwSignal::new(0u64);
    let random = move |_| {
        draws.update(|d| *d += 1);
        arch.set(FbnetArch::random(&mut Rng::derive(draws.get_untracked(), "page.fbnet")));
        error.set(None);
    };
    let rows = move || {
        let a = arch.get();
        let values: Vec<Result<[f64; 8], String>> = FbnetInput::ALL
            .iter()
            .map(|&i| lut.with_value(|l| fbnet_metrics(l, &a, i)).map_err(|e| e.to_string()))
            .collect();
        FbnetMetric::ALL
            .iter()
            .enumerate()
            .map(|(k, m)| {
                let cell = |r: &Result<[f64; 8], String>| match r {
                    Ok(v) => format!("{:.4}", v[k]),
                    Err(e) => e.clone(),
                };
                view! {
                    <tr>
                        <th scope="row">{m.device_label()}</th>
                        <td>{m.name()}</td>
                        <td class="num">{cell(&values[0])}</td>
                        <td class="num">{cell(&values[1])}</td>
                        <td>{m.unit()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <h3>"FBNet space (HW-NAS-Bench)"</h3>
        <p class="note">"22 searchable layers × 9 blocks (k3_e1, k3_e1_g2, k3_e3, k3_e6, k5_e1, k5_e1_g2, k5_e3, k5_e6, skip). Each metric is the sum of the per-op lookup table over the network's 26 ops, exactly as HW-NAS-Bench computes it. Edge TPU is absent: its compiler fuses layers, so per-op costs do not add up."</p>
        <div class="pickers">
            <label class="arch-input">
                "Block ids "
                <input id="fbnet-arch" type="text" spellcheck="false" prop:value=move || arch.get().to_string()
                    on:change=move |ev| match FbnetArch::parse(&event_target_value(&ev)) {
                        Ok(a) => { arch.set(a); error.set(None) }
                        Err(e) => error.set(Some(e.to_string())),
                    } />
            </label>
            <button id="fbnet-random" type="button" on:click=random>"Random FBNet arch"</button>
            <p id="fbnet-error" class="error" role="alert">{move || error.get()}</p>
        </div>
        <table id="fbnet-metrics">
            <thead><tr><th>"Device"</th><th>"Metric"</th><th>"CIFAR-100 input"</th><th>"ImageNet input"</th><th>"Unit"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
