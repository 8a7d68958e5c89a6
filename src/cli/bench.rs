//! `zsnas bench`: how long each proxy takes on a few NB201 cells, the whole suite on one shared
//! session, the work in FLOPs and the achieved GFLOP/s, and (`--peak`) the device's achieved
//! peak on a large matmul and on each product of NB201's 3×3 convolutions. The timing logic is
//! the library's `proxy::bench`.

use std::time::Instant;

use serde_json::Value;

use crate::cli::data::Assets;
use crate::cli::score::{ProtocolArgs, device_of, parse_proxies, pool_of, protocol_of};
use crate::cli::table::{Table, num, opt};
use crate::proxy::ProxyKind;
use crate::proxy::bench::{
    BenchPlan, ConvPass, Peak, Runs, Work, fresh_session, gradient_split, peak_conv2d, peak_matmul, proxy_flops,
    time_proxy, time_suite,
};
use crate::report::cell::parse_cell;
use crate::space::Arch;

/// The default cells: all-conv3×3 (NATS 1462, the most conv work), the best CIFAR-10 cell of
/// NB201 (9930, 94.36 % test accuracy) and a mixed cell with every op type (skip, pool, 1×1, 3×3).
pub const DEFAULT_CELLS: &[&str] = &[
    "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
    "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
    "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|none~1|nor_conv_3x3~2|",
];

/// Arguments of `zsnas bench`.
#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// Comma-separated NATS indices or arch strings (default: an all-conv3×3 cell, the best
    /// CIFAR-10 cell, a mixed cell).
    #[arg(long, value_delimiter = ',', default_values_t = DEFAULT_CELLS.iter().map(|s| s.to_string()))]
    pub cells: Vec<String>,
    /// Comma-separated proxy names, `all`, or `none` (only `--peak`).
    #[arg(long, default_value = "all")]
    pub proxies: String,
    #[command(flatten)]
    pub protocol: ProtocolArgs,
    /// Timed runs per proxy and cell (each on a fresh session).
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// Untimed runs before them.
    #[arg(long, default_value_t = 1)]
    pub warmup: usize,
    /// Timed runs for the per-sample proxies (kind P: ntk_cond, gradsign, knas), which cost up
    /// to B full passes; no warm-up.
    #[arg(long, default_value_t = 1)]
    pub slow_runs: usize,
    /// Timed runs of the whole suite on one shared session per cell (what `zsnas score` does),
    /// after the per-proxy runs warmed everything; 0 skips it.
    #[arg(long, default_value_t = 1)]
    pub suite_runs: usize,
    /// Also split one loss gradient (what grad_norm, snip, … share) into init, forward,
    /// backward and read-back.
    #[arg(long)]
    pub split: bool,
    /// Also measure the device's achieved GFLOP/s on a large matmul and conv2d.
    #[arg(long)]
    pub peak: bool,
    /// table, csv, json or md.
    #[arg(long, default_value = "table")]
    pub format: String,
}

const HEADERS: &[&str] = &[
    "cell",
    "index",
    "proxy",
    "runs",
    "median_ms",
    "min_ms",
    "fwd_macs",
    "fwd_gflop",
    "fwd_bwd_gflop",
    "proxy_gflop",
    "gflop_s",
];

/// Runs `zsnas bench`.
pub fn run(a: &BenchArgs, assets: &Assets) -> Result<(), String> {
    Table::new(&[]).render(&a.format)?; // reject a bad format before minutes of timing
    let protocol = protocol_of(&a.protocol, 1)?;
    let proxies = if a.proxies == "none" { Vec::new() } else { parse_proxies(&a.proxies)? };
    let cells = a.cells.iter().map(|c| parse_cell(c, &assets.archs)).collect::<Result<Vec<_>, _>>()?;
    let pool = pool_of(&protocol, assets)?;
    let device = device_of(&a.protocol.device)?;
    let started = Instant::now();
    let clock = move || started.elapsed().as_secs_f64() * 1e3;
    let plan = BenchPlan { warmup: a.warmup, runs: a.runs };
    let mut table = Table::new(HEADERS);
    let err = |e: crate::proxy::ProxyError| e.to_string();

    for cell in &cells {
        let arch = Arch::Nb201(*cell);
        let program = crate::net::program_for(&arch, protocol.dataset);
        let work = Work::of(&program, protocol.batch_size);
        let index = opt(assets.archs.index_of(cell.code()));
        let row = |proxy: String, runs: &Runs, flops: Option<f64>| {
            vec![
                Value::from(cell.to_string()),
                index.clone(),
                Value::from(proxy),
                Value::from(runs.ms.len()),
                num(runs.median()),
                num(runs.min()),
                Value::from(work.forward_macs),
                num(work.forward_flops() / 1e9),
                num(work.forward_backward_flops() / 1e9),
                flops.map_or(Value::Null, |f| num(f / 1e9)),
                flops.map_or(Value::Null, |f| num(f / (runs.median() * 1e6))),
            ]
        };
        for &kind in &proxies {
            let plan = if kind.info().kind == 'P' { BenchPlan { warmup: 0, runs: a.slow_runs } } else { plan };
            let runs = pollster::block_on(time_proxy(arch, &protocol, &device, pool.as_ref(), kind, plan, &clock))
                .map_err(|e| format!("{} on {cell}: {e}", kind.name()))?;
            eprintln!("zsnas bench: {cell} {}: {:.1} ms", kind.name(), runs.median());
            table.push(row(kind.name().to_string(), &runs, proxy_flops(kind, &protocol, &work)));
        }
        if a.suite_runs > 0 && !proxies.is_empty() {
            let suite_plan = BenchPlan { warmup: 0, runs: a.suite_runs };
            let runs =
                pollster::block_on(time_suite(arch, &protocol, &device, pool.as_ref(), &proxies, suite_plan, &clock))
                    .map_err(err)?;
            let label = if proxies.len() == ProxyKind::ALL.len() {
                "suite: all, one session".to_string()
            } else {
                format!("suite: {} proxies, one session", proxies.len())
            };
            table.push(row(label, &runs, None));
        }
        if a.split {
            let mut phases: [Vec<f64>; 4] = Default::default();
            for run in 0..a.warmup + a.runs {
                let session = fresh_session(arch, &protocol, &device, pool.as_ref()).map_err(err)?;
                let s = pollster::block_on(gradient_split(&session, &clock)).map_err(err)?;
                if run >= a.warmup {
                    for (v, x) in phases.iter_mut().zip([s.init_ms, s.forward_ms, s.backward_ms, s.read_ms]) {
                        v.push(x);
                    }
                }
            }
            let names = ["init", "forward", "backward", "read"];
            let flops = [None, Some(work.forward_flops()), Some(2.0 * work.forward_flops()), None];
            for ((name, ms), flops) in names.iter().zip(phases).zip(flops) {
                table.push(row(format!("loss gradient: {name}"), &Runs { ms }, flops));
            }
        }
    }

    if a.peak {
        let b = protocol.batch_size;
        let mut peaks: Vec<Peak> = vec![
            pollster::block_on(peak_matmul(&device, 1024, plan, &clock)).map_err(err)?,
            pollster::block_on(peak_conv2d(&device, ConvPass::Forward, [b, 64, 32], plan, &clock)).map_err(err)?,
        ];
        // NB201's three stages, each product a forward + backward computes.
        for shape in [[b, 16, 32], [b, 32, 16], [b, 64, 8]] {
            for pass in ConvPass::ALL {
                peaks.push(pollster::block_on(peak_conv2d(&device, pass, shape, plan, &clock)).map_err(err)?);
            }
        }
        for p in peaks {
            table.push(vec![
                Value::Null,
                Value::Null,
                Value::from(format!("peak: {}", p.what)),
                Value::from(p.runs.ms.len()),
                num(p.runs.median()),
                num(p.runs.min()),
                Value::Null,
                Value::Null,
                Value::Null,
                num(p.flops / 1e9),
                num(p.gflops()),
            ]);
        }
    }
    println!("{}", table.render(&a.format)?);
    Ok(())
}
