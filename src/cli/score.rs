//! `zsnas score`: score NB201 cells with proxies; CSV or JSON lines, resumable, shardable.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use burn::tensor::Device;

use crate::bench::{AssetName, ImageBatch};
use crate::cli::data::Assets;
use crate::cli::progress::Progress;
use crate::net::forward::BnMode;
use crate::net::init::InitScheme;
use crate::proxy::batch::ImagePool;
use crate::proxy::run::{Scored, score_cell};
use crate::proxy::{InputKind, Protocol, ProxyError, ProxyKind};
use crate::report::cell::parse_cell;
use crate::report::inputs::image_pool;
use crate::report::score_columns::PROTOCOL_LINE_PREFIX;
use crate::space::nb201::{Cell, sample_distinct};
use crate::space::{Arch, Dataset};

/// Which cells to score (exactly one source).
#[derive(clap::Args, Debug)]
#[group(required = true, multiple = false)]
pub struct Selection {
    /// Comma-separated NATS indices, e.g. `0,17,2045`.
    #[arg(long, value_delimiter = ',')]
    pub indices: Option<Vec<usize>>,
    /// File with one NATS index per line (`#` starts a comment).
    #[arg(long)]
    pub indices_file: Option<PathBuf>,
    /// File with one arch string per line.
    #[arg(long)]
    pub archs_file: Option<PathBuf>,
    /// N distinct cells drawn with `--sample-seed` (default: `--seed`).
    #[arg(long)]
    pub sample: Option<usize>,
    /// All 15,625 cells.
    #[arg(long)]
    pub all: bool,
}

/// The protocol knobs `zsnas score` and `zsnas bench` share.
#[derive(clap::Args, Debug)]
pub struct ProtocolArgs {
    /// cifar10, cifar100 or imagenet16_120.
    #[arg(long, default_value = "cifar10")]
    pub dataset: String,
    /// Samples per batch (1..256).
    #[arg(long, default_value_t = 64)]
    pub batch_size: usize,
    /// Seed of init, batch choice and every random draw.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// pytorch_default, kaiming_normal_fan_in, kaiming_normal_fan_out, xavier_uniform, gaussian.
    #[arg(long, default_value = "pytorch_default")]
    pub init: String,
    /// BatchNorm mode: batch, running or identity.
    #[arg(long, default_value = "batch")]
    pub bn: String,
    /// Input: real (bundled images) or gaussian.
    #[arg(long, default_value = "real")]
    pub input: String,
    /// Batches for multi-batch proxies (ZiCo).
    #[arg(long, default_value_t = 2)]
    pub batches: usize,
    /// cpu (Flex) or gpu (wgpu).
    #[arg(long, default_value = "cpu")]
    pub device: String,
}

/// Arguments of `zsnas score`.
#[derive(clap::Args, Debug)]
pub struct ScoreArgs {
    /// Search space (only `nb201` so far).
    #[arg(long, default_value = "nb201")]
    pub space: String,
    /// Comma-separated proxy names, or `all`.
    #[arg(long, default_value = "all")]
    pub proxies: String,
    #[command(flatten)]
    pub selection: Selection,
    #[command(flatten)]
    pub protocol: ProtocolArgs,
    /// Seed of `--sample` (default: `--seed`).
    #[arg(long)]
    pub sample_seed: Option<u64>,
    /// Repeats over seeds seed..seed+k (mean reported; std in JSON lines).
    #[arg(long, default_value_t = 1)]
    pub repeats: usize,
    /// Output file (resumed when it exists); default standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// csv or jsonl.
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// `i/n`: score only the i-th of n interleaved shards (0-based).
    #[arg(long)]
    pub shard: Option<String>,
}

fn parse_enum<T: serde::de::DeserializeOwned>(what: &str, value: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|_| format!("unknown {what} '{value}'"))
}

/// The protocol the arguments describe, with `repeats` repeats over seeds.
pub fn protocol_of(a: &ProtocolArgs, repeats: usize) -> Result<Protocol, String> {
    let protocol = Protocol {
        dataset: Dataset::from_name(&a.dataset).ok_or_else(|| format!("unknown dataset '{}'", a.dataset))?,
        batch_size: a.batch_size,
        seed: a.seed,
        init: InitScheme::from_name(&a.init).ok_or_else(|| format!("unknown init '{}'", a.init))?,
        bn: parse_enum::<BnMode>("BN mode", &a.bn)?,
        input: parse_enum::<InputKind>("input", &a.input)?,
        batches: a.batches,
        repeats,
    };
    protocol.validate().map_err(|e| e.to_string())?;
    Ok(protocol)
}

/// Proxy names, or `all`.
pub fn parse_proxies(text: &str) -> Result<Vec<ProxyKind>, String> {
    if text == "all" {
        return Ok(ProxyKind::ALL.to_vec());
    }
    text.split(',')
        .map(|name| ProxyKind::from_name(name.trim()).ok_or_else(|| format!("unknown proxy '{name}'")))
        .collect()
}

fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let bad = || format!("--shard wants i/n with 0 ≤ i < n, got '{text}'");
    let (i, n) = text.split_once('/').ok_or_else(bad)?;
    let (i, n): (usize, usize) = (i.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
    if n == 0 || i >= n {
        return Err(bad());
    }
    Ok((i, n))
}

fn read_lines(path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(text.lines().map(|l| l.split('#').next().unwrap_or("").trim().to_string()).filter(|l| !l.is_empty()).collect())
}

fn select(a: &ScoreArgs, assets: &Assets) -> Result<Vec<Cell>, String> {
    let s = &a.selection;
    let from_index = |i: usize| parse_cell(&i.to_string(), &assets.archs);
    if let Some(list) = &s.indices {
        return list.iter().map(|&i| from_index(i)).collect();
    }
    if let Some(path) = &s.indices_file {
        return read_lines(path)?
            .iter()
            .map(|l| l.parse::<usize>().map_err(|_| format!("'{l}' is not an index")).and_then(from_index))
            .collect();
    }
    if let Some(path) = &s.archs_file {
        return read_lines(path)?.iter().map(|l| Cell::parse(l).map_err(|e| format!("'{l}': {e}"))).collect();
    }
    if let Some(n) = s.sample {
        return Ok(sample_distinct(n, a.sample_seed.unwrap_or(a.protocol.seed)));
    }
    Ok(Cell::all().collect())
}

/// The burn device called `cpu` (Flex) or `gpu` (wgpu).
pub fn device_of(name: &str) -> Result<Device, String> {
    match name {
        "cpu" => Ok(Device::flex()),
        "gpu" => Device::wgpu_options().init().map_err(|e| format!("no GPU through wgpu: {e}")),
        other => Err(format!("unknown device '{other}' (cpu or gpu)")),
    }
}

/// The bundled images of the protocol's dataset, or none for Gaussian input.
pub fn pool_of(protocol: &Protocol, assets: &Assets) -> Result<Option<ImagePool>, String> {
    match protocol.input {
        InputKind::Real => {
            let bytes = assets.bytes(AssetName::images(
                crate::bench::BenchDataset::from_name(protocol.dataset.name()).ok_or("dataset")?,
            ))?;
            let images = ImageBatch::from_bytes(&bytes).map_err(|e| e.to_string())?;
            Ok(Some(image_pool(&images).ok_or("bundled images do not normalise")?))
        }
        InputKind::Gaussian => Ok(None),
    }
}

/// Runs `zsnas score`.
pub fn run(a: &ScoreArgs, assets: &Assets) -> Result<(), String> {
    if a.space != "nb201" {
        return Err(format!("unknown space '{}' (only nb201 so far)", a.space));
    }
    let csv = match a.format.as_str() {
        "csv" => true,
        "jsonl" => false,
        other => return Err(format!("unknown format '{other}' (csv or jsonl)")),
    };
    let protocol = protocol_of(&a.protocol, a.repeats)?;
    let proxies = parse_proxies(&a.proxies)?;
    let mut cells = select(a, assets)?;
    if let Some(shard) = &a.shard {
        let (i, n) = parse_shard(shard)?;
        cells = cells.into_iter().enumerate().filter(|(k, _)| k % n == i).map(|(_, c)| c).collect();
    }
    let pool = pool_of(&protocol, assets)?;
    let device = device_of(&a.protocol.device)?;
    let header = format!("{PROTOCOL_LINE_PREFIX}{}", protocol.key());
    let columns: Vec<&str> = proxies.iter().map(|p| p.name()).collect();
    let (mut sink, done): (Box<dyn Write>, HashSet<String>) = match &a.out {
        Some(path) => open_resumable(path, &header, csv, &columns)?,
        None => (Box::new(std::io::stdout()), HashSet::new()),
    };
    if done.is_empty() {
        if csv {
            writeln!(sink, "{header}\nindex,arch,{}", columns.join(",")).map_err(|e| e.to_string())?;
        } else {
            writeln!(sink, "{}", serde_json::json!({ "protocol": protocol })).map_err(|e| e.to_string())?;
        }
    }
    let todo: Vec<Cell> = cells.into_iter().filter(|c| !done.contains(&c.to_string())).collect();
    let started = Instant::now();
    let clock = move || started.elapsed().as_secs_f64() * 1e3;
    let mut progress = Progress::new(todo.len(), "cells");
    for cell in todo {
        let index = assets.archs.index_of(cell.code());
        let results = pollster::block_on(score_cell(
            Arch::Nb201(cell),
            &protocol,
            &device,
            pool.as_ref(),
            &proxies,
            &clock,
            |_, _| {},
        ))
        .map_err(|e| e.to_string())?;
        let line = if csv { csv_row(index, &cell, &results) } else { json_row(index, &cell, &results) };
        writeln!(sink, "{line}").and_then(|_| sink.flush()).map_err(|e| e.to_string())?;
        progress.tick();
    }
    progress.finish();
    Ok(())
}

fn csv_row(index: Option<usize>, cell: &Cell, results: &[(ProxyKind, Result<Scored, ProxyError>)]) -> String {
    let values: Vec<String> =
        results.iter().map(|(_, r)| r.as_ref().map(|s| s.mean.to_string()).unwrap_or_default()).collect();
    format!("{},{},{}", index.map(|i| i.to_string()).unwrap_or_default(), cell, values.join(","))
}

fn json_row(index: Option<usize>, cell: &Cell, results: &[(ProxyKind, Result<Scored, ProxyError>)]) -> String {
    let scores: serde_json::Map<String, serde_json::Value> = results
        .iter()
        .map(|(k, r)| {
            let v = match r {
                Ok(s) => serde_json::to_value(s).unwrap_or_default(),
                Err(e) => serde_json::json!({ "error": e.to_string() }),
            };
            (k.name().to_string(), v)
        })
        .collect();
    serde_json::json!({ "index": index, "arch": cell.to_string(), "scores": scores }).to_string()
}

/// Opens `path` for appending; returns the arch strings already scored. An existing file must
/// carry the same protocol and columns, or resuming would mix protocols.
fn open_resumable(
    path: &Path,
    header: &str,
    csv: bool,
    columns: &[&str],
) -> Result<(Box<dyn Write>, HashSet<String>), String> {
    let mut done = HashSet::new();
    if path.exists() {
        let file = File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let lines: Vec<String> = BufReader::new(file).lines().map_while(Result::ok).collect();
        let mismatch =
            || format!("{} was written with another protocol or proxy list; use another --out", path.display());
        if csv {
            if lines.first().map(String::as_str) != Some(header)
                || lines.get(1) != Some(&format!("index,arch,{}", columns.join(",")))
            {
                return Err(mismatch());
            }
            for line in &lines[2..] {
                if let Some(arch) = line.split(',').nth(1) {
                    done.insert(arch.to_string());
                }
            }
        } else {
            let first: serde_json::Value = lines.first().and_then(|l| serde_json::from_str(l).ok()).unwrap_or_default();
            if format!("{PROTOCOL_LINE_PREFIX}{}", first["protocol"]) != header {
                return Err(mismatch());
            }
            for line in &lines[1..] {
                if let Some(arch) = serde_json::from_str::<serde_json::Value>(line)
                    .ok()
                    .and_then(|v| v["arch"].as_str().map(String::from))
                {
                    done.insert(arch);
                }
            }
        }
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok((Box::new(file), done))
}
