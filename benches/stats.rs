//! Times Spearman ρ and Kendall τ-b on a full NB201-sized space (15,625 pairs with ties), median of
//! several runs. Run: `cargo bench --bench stats` (release). Both together should be well under 100 ms.

use std::hint::black_box;
use std::time::{Duration, Instant};

use zsnas::rng::Rng;
use zsnas::stats::{kendall_tau_b, spearman};

const N: usize = 15_625;
const RUNS: usize = 21;

/// Median wall time of `RUNS` calls of `f`.
fn median_time(mut f: impl FnMut() -> f64) -> (Duration, f64) {
    let mut value = f(); // warm-up
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            value = black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[RUNS / 2], value)
}

fn main() {
    // Accuracy-like truth on a 0.01 grid and a noisy, coarsely rounded score: many ties in both.
    let mut rng = Rng::new(2024);
    let truth: Vec<f64> = (0..N).map(|_| (rng.uniform(10.0, 94.0) * 100.0).round() / 100.0).collect();
    let score: Vec<f64> = truth.iter().map(|t| ((t + rng.normal() * 15.0) / 2.0).round()).collect();
    let (x, y) = (black_box(&score[..]), black_box(&truth[..]));

    let (rho_t, rho) = median_time(|| spearman(x, y).map_or(f64::NAN, |s| s.value));
    let (tau_t, tau) = median_time(|| kendall_tau_b(x, y).map_or(f64::NAN, |s| s.value));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("stats bench: n = {N}, median of {RUNS} runs");
    println!("  spearman      {:8.3} ms  (rho = {rho:.6})", ms(rho_t));
    println!("  kendall tau-b {:8.3} ms  (tau = {tau:.6})", ms(tau_t));
    println!("  both          {:8.3} ms  (budget 100 ms)", ms(rho_t + tau_t));
}
