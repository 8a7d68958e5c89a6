//! The `zsnas` command-line tool (native only).

pub mod assets;
mod bench;
mod cell;
mod correlate;
mod data;
mod hw;
mod malloc;
mod merge;
mod progress;
mod score;
mod table;
mod worker;

// For tools beside the CLI (examples/export_cell.rs): the asset folder and the image pool
// exactly as `zsnas score` opens them.
pub use data::Assets;
pub use score::pool_of;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Zero-Shot NAS Explorer: score NAS-Bench-201 cells with training-free proxies.
#[derive(Parser, Debug)]
#[command(name = "zsnas", version, about)]
struct Cli {
    /// Folder holding the bundled assets (default: ./assets, else the source tree's assets/).
    #[arg(long, global = true, env = "ZSNAS_ASSETS")]
    assets: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the compact bundled assets from the raw benchmark data.
    Assets {
        /// Raw data folder (the project's shared/data).
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "assets")]
        out: PathBuf,
    },
    /// Show what the benchmark knows about one NB201 cell (a NATS index or an arch string).
    Cell {
        /// NATS index (0..15624) or arch string such as `|nor_conv_3x3~0|+|…|`.
        cell: String,
    },
    /// Score cells with zero-shot proxies (CSV or JSON lines; resumable with --out).
    ///
    /// Population-relative proxies (te_nas, az_nas) rank each network within the set scored:
    /// every cell's raw components are written as extra columns `<proxy>.<component>` (e.g.
    /// `te_nas.kappa`, `te_nas.regions`, `az_nas.expressivity`), and when all cells are done the
    /// `<proxy>` column is filled with the population score over every row of the output (cells
    /// resumed from an existing --out included), rewriting the file. Until then that column is
    /// empty. In JSON lines the score goes to `scores.<proxy>.population`. With --shard each
    /// file is ranked within itself: merge the shards into one file and rerun the same command
    /// with that --out to rank them together (or use `zsnas merge`, which ranks them).
    Score(Box<score::ScoreArgs>),
    /// Join `zsnas score` CSVs of one protocol: the rows of --shard runs, the columns of runs
    /// with different --proxies. Cells in several files must agree; az_nas and te_nas are ranked
    /// again over the merged rows.
    Merge(merge::MergeArgs),
    /// Time proxies on a few cells: median and min per proxy, the whole suite on one session,
    /// FLOPs and achieved GFLOP/s; `--peak` measures the device's matmul and conv2d throughput.
    Bench(Box<bench::BenchArgs>),
    /// Correlate scores (a `zsnas score` CSV, or bundled reference scores) with ground truth.
    Correlate(correlate::CorrelateArgs),
    /// Hardware cost: latency tables, per-op estimates, a cell's costs (`--cell`, `--measure`),
    /// and proxy selection under a budget (`--metric`).
    Hw(Box<hw::HwArgs>),
}

/// Entry point of the binary: parse arguments, run, map errors to a non-zero exit.
pub fn main() -> ExitCode {
    malloc::keep_freed_memory();
    let cli = Cli::parse();
    let result = worker::on_worker(|| run(cli));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("zsnas: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one command.
fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Assets { data, out } => {
            assets::build_assets(&data, &out).map(|report| println!("{report}")).map_err(|e| e.to_string())
        }
        Command::Cell { cell } => data::Assets::open(cli.assets.as_deref()).and_then(|a| cell::show(&a, &cell)),
        Command::Score(args) => data::Assets::open(cli.assets.as_deref()).and_then(|a| score::run(&args, &a)),
        Command::Merge(args) => merge::run(&args),
        Command::Bench(args) => data::Assets::open(cli.assets.as_deref()).and_then(|a| bench::run(&args, &a)),
        Command::Correlate(args) => data::Assets::open(cli.assets.as_deref()).and_then(|a| correlate::run(&args, &a)),
        Command::Hw(args) => data::Assets::open(cli.assets.as_deref()).and_then(|a| hw::run(&args, &a)),
    }
}
