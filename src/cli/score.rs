//! `zsnas score`: score NB201 cells with proxies; CSV or JSON lines, resumable, shardable.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Instant;

use burn::tensor::Device;

use crate::bench::{AssetName, BenchDataset, GroundTruth, ImageBatch};
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
use crate::space::nb201::{Cell, sample_distinct, stratified_indices};
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
    /// N cells, one from each of N equal-count strata of the cells sorted by the dataset's
    /// 200-epoch test accuracy, drawn with `--sample-seed` (default: `--seed`).
    #[arg(long)]
    pub stratified: Option<usize>,
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
    /// Comma-separated proxy names, or `all`. te_nas and az_nas are ranks within the cells of
    /// the output (see above): their column is filled once every cell is done.
    #[arg(long, default_value = "all")]
    pub proxies: String,
    #[command(flatten)]
    pub selection: Selection,
    #[command(flatten)]
    pub protocol: ProtocolArgs,
    /// Seed of `--sample` and `--stratified` (default: `--seed`).
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
    if let Some(n) = s.stratified {
        let dataset = BenchDataset::from_name(&a.protocol.dataset)
            .ok_or_else(|| format!("unknown dataset '{}'", a.protocol.dataset))?;
        let accuracy = assets.accuracy.column_pct(GroundTruth::default_for(dataset));
        return stratified_indices(accuracy, n, a.sample_seed.unwrap_or(a.protocol.seed))
            .into_iter()
            .map(from_index)
            .collect();
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
            let bytes =
                assets.bytes(AssetName::images(BenchDataset::from_name(protocol.dataset.name()).ok_or("dataset")?))?;
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
    let columns = column_names(&proxies);
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    let population = proxies.iter().any(|p| p.info().needs.population);
    let held = Rc::new(RefCell::new(Vec::new()));
    // Population scores need every row: standard output is held back and ranked at the end.
    let fresh = |sink: Box<dyn Write>| Resumed { sink, done: HashSet::new(), has_header: false };
    let Resumed { mut sink, done, has_header } = match &a.out {
        Some(path) => open_resumable(path, &header, csv, &columns)?,
        None if population => fresh(Box::new(Held(held.clone()))),
        None => fresh(Box::new(std::io::stdout())),
    };
    if !has_header {
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
    if population {
        match &a.out {
            Some(path) => {
                drop(sink);
                let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let ranked = rank_population(&text, &proxies, csv)?;
                let tmp = path.with_extension("ranking.tmp");
                std::fs::write(&tmp, ranked)
                    .and_then(|_| std::fs::rename(&tmp, path))
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            None => {
                drop(sink);
                let text = String::from_utf8(held.take()).map_err(|e| e.to_string())?;
                print!("{}", rank_population(&text, &proxies, csv)?);
            }
        }
    }
    Ok(())
}

/// Output held in memory (standard output with population-relative proxies).
struct Held(Rc<RefCell<Vec<u8>>>);

impl Write for Held {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The CSV columns after `index,arch`: each proxy, followed by its components if it has any.
pub fn column_names(proxies: &[ProxyKind]) -> Vec<String> {
    let mut columns = Vec::new();
    for p in proxies {
        columns.push(p.name().to_string());
        columns.extend(p.components().iter().map(|(c, _)| format!("{}.{c}", p.name())));
    }
    columns
}

/// A number for a CSV field: plain decimals, exponent notation outside 1e-5..1e16 (Rust's
/// `Display` would write 1e300 as 301 digits); both parse back exactly.
fn number(v: f64) -> String {
    if v != 0.0 && !(1e-5..1e16).contains(&v.abs()) { format!("{v:e}") } else { v.to_string() }
}

/// Fills every population-relative proxy's score in a whole `zsnas score` output (CSV: the
/// `<proxy>` column, from the `<proxy>.<component>` columns of every row; JSON lines:
/// `scores.<proxy>.population`, from `scores.<proxy>.components`). Rows without components
/// (a failed proxy) get an empty field / null and take no part in the ranking.
pub fn rank_population(text: &str, proxies: &[ProxyKind], csv: bool) -> Result<String, String> {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let kinds: Vec<ProxyKind> = proxies.iter().copied().filter(|p| p.info().needs.population).collect();
    if csv {
        if lines.len() < 2 {
            return Err("the score CSV has no header".into());
        }
        let header: Vec<String> = lines[1].split(',').map(String::from).collect();
        let find = |name: &str| header.iter().position(|h| h == name).ok_or(format!("no column {name}"));
        let mut rows: Vec<Vec<String>> = lines[2..].iter().map(|l| l.split(',').map(String::from).collect()).collect();
        for kind in kinds {
            let target = find(kind.name())?;
            let parts: Vec<usize> = kind
                .components()
                .iter()
                .map(|(c, _)| find(&format!("{}.{c}", kind.name())))
                .collect::<Result<_, _>>()?;
            let field =
                |row: &Vec<String>, i: usize| row.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(f64::NAN);
            let components: Vec<Vec<f64>> = rows.iter().map(|r| parts.iter().map(|&i| field(r, i)).collect()).collect();
            let scores = kind.population_scores(&components).unwrap_or_default();
            for (row, score) in rows.iter_mut().zip(scores) {
                if let Some(f) = row.get_mut(target) {
                    *f = if score.is_finite() { number(score) } else { String::new() };
                }
            }
        }
        lines.truncate(2);
        lines.extend(rows.iter().map(|r| r.join(",")));
    } else {
        let mut rows: Vec<serde_json::Value> = lines
            .iter()
            .skip(1)
            .map(|l| serde_json::from_str(l).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?;
        for kind in kinds {
            let components: Vec<Vec<f64>> = rows
                .iter()
                .map(|r| {
                    r["scores"][kind.name()]["components"]
                        .as_array()
                        .map(|a| a.iter().map(|v| v.as_f64().unwrap_or(f64::NAN)).collect())
                        .unwrap_or_default()
                })
                .collect();
            let scores = kind.population_scores(&components).unwrap_or_default();
            for (row, score) in rows.iter_mut().zip(scores) {
                if let Some(entry) = row["scores"].get_mut(kind.name()).and_then(|v| v.as_object_mut()) {
                    entry.insert("population".into(), serde_json::json!(score.is_finite().then_some(score)));
                }
            }
        }
        lines.truncate(1);
        lines.extend(rows.iter().map(|r| r.to_string()));
    }
    Ok(lines.iter().map(|l| format!("{l}\n")).collect())
}

/// One CSV row; a population-relative proxy's own field stays empty until
/// [`rank_population`] fills it, its components follow it.
fn csv_row(index: Option<usize>, cell: &Cell, results: &[(ProxyKind, Result<Scored, ProxyError>)]) -> String {
    let mut values: Vec<String> = Vec::new();
    for (kind, r) in results {
        let parts = kind.components().len();
        if parts == 0 {
            values.push(r.as_ref().map(|s| s.mean.to_string()).unwrap_or_default());
            continue;
        }
        values.push(String::new());
        match r {
            Ok(s) if s.components.len() == parts => values.extend(s.components.iter().map(|&c| number(c))),
            _ => values.extend(std::iter::repeat_n(String::new(), parts)),
        }
    }
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

/// An output file opened for appending: the arch strings it already holds, and whether it
/// already starts with the protocol header (a run stopped before its first cell leaves only the
/// header; an empty file has none).
struct Resumed {
    sink: Box<dyn Write>,
    done: HashSet<String>,
    has_header: bool,
}

/// Opens `path` for appending. An existing file must carry the same protocol and columns, or
/// resuming would mix protocols; an empty one is written as new.
fn open_resumable(path: &Path, header: &str, csv: bool, columns: &[&str]) -> Result<Resumed, String> {
    let mut done = HashSet::new();
    let mut has_header = false;
    if path.exists() {
        let file = File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let lines: Vec<String> = BufReader::new(file).lines().map_while(Result::ok).collect();
        has_header = !lines.is_empty();
        let mismatch =
            || format!("{} was written with another protocol or proxy list; use another --out", path.display());
        if !has_header {
            // An empty file: nothing to check or skip; written as new.
        } else if csv {
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
    Ok(Resumed { sink: Box::new(file), done, has_header })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn population_columns_are_ranked_over_every_row_and_failures_stay_empty() {
        let proxies = [ProxyKind::Params, ProxyKind::TeNas];
        assert_eq!(column_names(&proxies), vec!["params", "te_nas", "te_nas.kappa", "te_nas.regions"]);
        let text = "# zsnas score protocol={}\nindex,arch,params,te_nas,te_nas.kappa,te_nas.regions\n\
                    0,a,5,,100,8\n1,b,6,,10,8\n2,c,7,,,\n3,d,8,,1e300,3\n";
        let out = rank_population(text, &proxies, true).expect("ranks");
        let lines: Vec<&str> = out.lines().collect();
        // rank(−κ) over rows 0, 1, 3: 2, 3, 1; rank(regions): 2.5, 2.5, 1. Row 2 failed.
        assert_eq!(lines[2], "0,a,5,4.5,100,8");
        assert_eq!(lines[3], "1,b,6,5.5,10,8");
        assert_eq!(lines[4], "2,c,7,,,");
        assert_eq!(lines[5], "3,d,8,2,1e300,3");
        // Ranking again (a resumed run) gives the same file.
        assert_eq!(rank_population(&out, &proxies, true).expect("ranks"), out);
        assert!(rank_population("# only\n", &proxies, true).is_err());
    }

    #[test]
    fn json_lines_get_a_population_field() {
        let text = "{\"protocol\":{}}\n\
                    {\"arch\":\"a\",\"scores\":{\"az_nas\":{\"mean\":0.0,\"components\":[1.0,1.0,1.0,1.0]}}}\n\
                    {\"arch\":\"b\",\"scores\":{\"az_nas\":{\"error\":\"x\"}}}\n\
                    {\"arch\":\"c\",\"scores\":{\"az_nas\":{\"mean\":0.0,\"components\":[2.0,2.0,2.0,2.0]}}}\n";
        let out = rank_population(text, &[ProxyKind::AzNas], false).expect("ranks");
        let rows: Vec<serde_json::Value> = out.lines().skip(1).map(|l| serde_json::from_str(l).unwrap()).collect();
        let p = |i: usize| rows[i]["scores"]["az_nas"]["population"].as_f64();
        assert!((p(0).unwrap() - 4.0 * 0.5f64.ln()).abs() < 1e-12);
        assert_eq!(p(1), None);
        assert_eq!(p(2), Some(0.0));
    }

    #[test]
    fn numbers_round_trip_without_hundreds_of_digits() {
        for v in [0.0, 1.5, -2.25, 1e300, -1e300, 3e-7, 123456.789] {
            let s = number(v);
            assert!(s.len() < 30, "{s}");
            assert_eq!(s.parse::<f64>().unwrap(), v);
        }
    }
}
