//! The asset builder: raw benchmark files (`../shared/data/`) → compact bundles in `assets/`.
//!
//! Regenerate with `cargo run --release -- assets --data ../shared/data --out assets`. Reads CSV
//! (tiny hand-written parser), JSON (serde_json, numbers re-parsed exactly) and `.npy` (tiny
//! reader for `|u1` / `<i2`, C order), validates as it goes, and writes deterministic files plus
//! `PROVENANCE.md`. Native only.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::bench::bundle::{Array, ArrayData, Bundle};
use crate::bench::dataset::BenchDataset;
use crate::bench::fbnet::FBNET_LUT_METRICS;
use crate::bench::nb201_archs::{ArchTable, NB201_CELLS};
use crate::bench::nb201_latency::NB201_OP_NAMES;
use crate::bench::nb201_reference::{FREEREA_SCORES, NASLIB_PROXIES};
use crate::bench::{AssetName, OURS_CELLS, OURS_SEED, ours_command, ours_file_name};
use crate::report::score_columns::parse_score_csv;
use crate::space::fbnet::{Block as FbnetBlock, FBNET_LAYERS, FbnetArch, FbnetInput};

/// Why the assets could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A raw file's content is not what the builder expects.
    #[error("{file}: {detail}")]
    Data {
        /// The raw file, relative to the data folder.
        file: String,
        /// What is wrong, with row/column where known.
        detail: String,
    },
}

fn data_err(file: &str, detail: impl Into<String>) -> BuildError {
    BuildError::Data { file: file.to_string(), detail: detail.into() }
}

/// What was written: file names and sizes, for printing.
#[derive(Debug, Clone, PartialEq)]
pub struct AssetReport {
    /// Output folder.
    pub out_dir: PathBuf,
    /// (file name, size in bytes), in writing order, `PROVENANCE.md` last.
    pub files: Vec<(String, u64)>,
}

impl AssetReport {
    /// Sum of all file sizes.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|(_, n)| n).sum()
    }
}

impl fmt::Display for AssetReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "assets written to {}:", self.out_dir.display())?;
        for (name, n) in &self.files {
            writeln!(f, "  {name:<32} {n:>10} bytes")?;
        }
        write!(f, "  {:<32} {:>10} bytes", "total", self.total_bytes())
    }
}

/// Build every asset from the raw files in `data_dir` into `out_dir` (created if missing),
/// plus `out_dir/PROVENANCE.md`. Deterministic: same inputs, byte-identical outputs.
pub fn build_assets(data_dir: &Path, out_dir: &Path) -> Result<AssetReport, BuildError> {
    let raw = Raw { dir: data_dir };
    let (archs_bundle, table) = build_archs(&raw)?;
    let mut bundles = vec![(AssetName::Nb201Archs, archs_bundle)];
    bundles.push((AssetName::Nb201Accuracy, build_accuracy(&raw)?));
    bundles.push((AssetName::Nb201Latency, build_latency(&raw)?));
    bundles.push((AssetName::Nb201OpLatency, build_op_latency(&raw)?));
    bundles.push((AssetName::Nb201ReferenceFreerea, build_freerea(&raw)?));
    bundles.push((AssetName::Nb201ReferenceNaslib, build_naslib(&raw, &table)?));
    for d in BenchDataset::ALL {
        bundles.push((AssetName::images(d), build_images(&raw, d)?));
    }
    bundles.push((AssetName::HwnasbenchTestVectors, build_hw_vectors(&raw)?));
    bundles.push((AssetName::FbnetLut, build_fbnet_lut(&raw)?));
    bundles.push((AssetName::FbnetSampledLatency, build_fbnet_sampled(&raw)?));

    std::fs::create_dir_all(out_dir).map_err(|source| BuildError::Io { path: out_dir.to_path_buf(), source })?;
    let mut files = Vec::new();
    for (name, bundle) in &bundles {
        let bytes = bundle.encode();
        write(&out_dir.join(name.file_name()), &bytes)?;
        files.push((name.file_name(), bytes.len() as u64));
    }
    let mut prov = provenance(&files);
    prov.push_str(&ours_provenance(out_dir, &table)?);
    write(&out_dir.join("PROVENANCE.md"), prov.as_bytes())?;
    files.push(("PROVENANCE.md".to_string(), prov.len() as u64));
    Ok(AssetReport { out_dir: out_dir.to_path_buf(), files })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    std::fs::write(path, bytes).map_err(|source| BuildError::Io { path: path.to_path_buf(), source })
}

/// The raw data folder.
struct Raw<'a> {
    dir: &'a Path,
}

impl Raw<'_> {
    fn bytes(&self, rel: &str) -> Result<Vec<u8>, BuildError> {
        let path = self.dir.join(rel);
        std::fs::read(&path).map_err(|source| BuildError::Io { path, source })
    }

    fn text(&self, rel: &str) -> Result<String, BuildError> {
        String::from_utf8(self.bytes(rel)?).map_err(|_| data_err(rel, "not UTF-8"))
    }

    fn csv(&self, rel: &str, header: &[&str]) -> Result<Csv, BuildError> {
        Csv::parse(rel, &self.text(rel)?, header)
    }

    fn json(&self, rel: &str) -> Result<serde_json::Value, BuildError> {
        let quoted = quote_json_numbers(&self.text(rel)?);
        serde_json::from_str(&quoted).map_err(|e| data_err(rel, format!("bad JSON: {e}")))
    }
}

// ---------------------------------------------------------------- CSV

/// A parsed CSV file: plain comma-separated fields, no quoting (none of the raw files quote).
struct Csv {
    file: String,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn parse(file: &str, text: &str, header: &[&str]) -> Result<Csv, BuildError> {
        let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
        let (_, first) = lines.next().ok_or_else(|| data_err(file, "empty file"))?;
        let got: Vec<&str> = first.trim_end_matches('\r').split(',').collect();
        if got != header {
            return Err(data_err(file, format!("header is {got:?}, expected {header:?}")));
        }
        let mut rows = Vec::new();
        for (n, line) in lines {
            let line = line.trim_end_matches('\r');
            if line.contains('"') {
                return Err(data_err(file, format!("line {}: quoted fields", n + 1)));
            }
            let row: Vec<String> = line.split(',').map(str::to_string).collect();
            if row.len() != header.len() {
                return Err(data_err(file, format!("line {}: {} fields, expected {}", n + 1, row.len(), header.len())));
            }
            rows.push(row);
        }
        Ok(Csv { file: file.to_string(), rows })
    }

    fn err(&self, row: usize, detail: impl fmt::Display) -> BuildError {
        // Data row r is file line r + 2 (1-based, after the header).
        data_err(&self.file, format!("line {}: {detail}", row + 2))
    }

    /// Column `col` as f64; empty cells are NaN.
    fn floats(&self, rows: &[usize], col: usize) -> Result<Vec<f64>, BuildError> {
        rows.iter()
            .map(|&r| {
                let s = self.rows[r][col].trim();
                if s.is_empty() {
                    Ok(f64::NAN)
                } else {
                    s.parse::<f64>().map_err(|_| self.err(r, format!("'{s}' is not a number")))
                }
            })
            .collect()
    }

    /// Check column 0 holds the NATS indices 0..15624 in order, for the given rows.
    fn check_indices(&self, rows: &[usize]) -> Result<(), BuildError> {
        if rows.len() != NB201_CELLS {
            return Err(data_err(&self.file, format!("{} rows, expected {NB201_CELLS}", rows.len())));
        }
        self.check_index_col(rows, 0)
    }

    fn check_index_col(&self, rows: &[usize], col: usize) -> Result<(), BuildError> {
        for (i, &r) in rows.iter().enumerate() {
            if self.rows[r][col] != i.to_string() {
                return Err(self.err(r, format!("index '{}', expected {i}", self.rows[r][col])));
            }
        }
        Ok(())
    }
}

/// True when `x` survives f64 → f32 → shortest decimal → f64, i.e. the source's decimal value
/// is recovered exactly from the f32.
fn f32_lossless(x: f64) -> bool {
    x.is_nan() || format!("{}", x as f32).parse::<f64>() == Ok(x)
}

/// f32 when every value is [`f32_lossless`], else f64.
fn float_data(v: Vec<f64>) -> ArrayData {
    if v.iter().all(|&x| f32_lossless(x)) {
        ArrayData::F32(v.iter().map(|&x| x as f32).collect())
    } else {
        ArrayData::F64(v)
    }
}

/// f32, failing when any value would lose precision.
fn f32_exact(file: &str, what: &str, v: &[f64]) -> Result<ArrayData, BuildError> {
    if let Some(x) = v.iter().find(|&&x| !f32_lossless(x)) {
        return Err(data_err(file, format!("{what}: {x} needs more than f32 precision")));
    }
    Ok(ArrayData::F32(v.iter().map(|&x| x as f32).collect()))
}

// ---------------------------------------------------------------- JSON

/// Wrap every JSON number literal (outside strings) in quotes, so serde_json hands us the exact
/// text and `str::parse::<f64>` (correctly rounded) converts it; keeps test vectors bit-exact.
fn quote_json_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if c == '-' || c.is_ascii_digit() {
            out.push('"');
            out.push(c);
            while let Some(&n) = chars.peek() {
                if n.is_ascii_digit() || matches!(n, '.' | 'e' | 'E' | '+' | '-') {
                    out.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push('"');
        } else {
            out.push(c);
        }
    }
    out
}

/// A number from a quoted-numbers JSON value.
fn json_f64(file: &str, v: &serde_json::Value, what: &str) -> Result<f64, BuildError> {
    v.as_str().and_then(|s| s.parse::<f64>().ok()).ok_or_else(|| data_err(file, format!("{what}: not a number")))
}

// ---------------------------------------------------------------- NPY

/// A `.npy` array: shape and raw little-endian data.
struct Npy {
    shape: Vec<usize>,
    data: Vec<u8>,
}

/// Read a version 1/2/3 `.npy` file whose dtype is `descr` (`|u1` or `<i2`), C order.
fn read_npy(file: &str, bytes: &[u8], descr: &str) -> Result<Npy, BuildError> {
    let err = |d: String| data_err(file, d);
    if bytes.get(..6) != Some(b"\x93NUMPY".as_slice()) {
        return Err(err("not a .npy file (bad magic)".into()));
    }
    let major = *bytes.get(6).ok_or_else(|| err("truncated".into()))?;
    let (hlen, start) = match major {
        1 => bytes.get(8..10).map(|b| (usize::from(u16::from_le_bytes([b[0], b[1]])), 10)),
        2 | 3 => bytes.get(8..12).map(|b| (u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize, 12)),
        v => return Err(err(format!(".npy version {v} unsupported"))),
    }
    .ok_or_else(|| err("truncated header".into()))?;
    let header = bytes
        .get(start..start + hlen)
        .and_then(|h| std::str::from_utf8(h).ok())
        .ok_or_else(|| err("bad header".into()))?;
    let field = |key: &str| -> Option<&str> {
        let i = header.find(&format!("'{key}':"))? + key.len() + 3;
        Some(header[i..].trim_start())
    };
    let d = field("descr").ok_or_else(|| err("header lacks descr".into()))?;
    if !d.starts_with(&format!("'{descr}'")) {
        return Err(err(format!("dtype {d:.8}…, expected '{descr}'")));
    }
    let fo = field("fortran_order").ok_or_else(|| err("header lacks fortran_order".into()))?;
    if !fo.starts_with("False") {
        return Err(err("Fortran order unsupported".into()));
    }
    let s = field("shape").ok_or_else(|| err("header lacks shape".into()))?;
    let inner = s.strip_prefix('(').and_then(|s| s.split(')').next()).ok_or_else(|| err("bad shape".into()))?;
    let shape = inner
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| t.parse::<usize>().map_err(|_| err(format!("bad shape '{inner}'"))))
        .collect::<Result<Vec<_>, _>>()?;
    let size = if descr == "|u1" { 1 } else { 2 };
    let n: usize = shape.iter().product::<usize>() * size;
    let data = bytes.get(start + hlen..).unwrap_or(&[]);
    if data.len() != n {
        return Err(err(format!("{} data bytes, shape {shape:?} needs {n}", data.len())));
    }
    Ok(Npy { shape, data: data.to_vec() })
}

// ---------------------------------------------------------------- arch strings

/// Cell code of an NB201 arch string `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`: Σ op_id(e)·5^e.
fn arch_code(s: &str) -> Option<u16> {
    let groups: Vec<&str> = s.split('+').collect();
    if groups.len() != 3 {
        return None;
    }
    let (mut code, mut place) = (0u16, 1u16);
    for (node, g) in groups.iter().enumerate() {
        let inner = g.strip_prefix('|')?.strip_suffix('|')?;
        let edges: Vec<&str> = inner.split('|').collect();
        if edges.len() != node + 1 {
            return None;
        }
        for (j, e) in edges.iter().enumerate() {
            let (op, from) = e.split_once('~')?;
            if from != j.to_string() {
                return None;
            }
            let id = NB201_OP_NAMES.iter().position(|&n| n == op)? as u16;
            code += id * place;
            place = place.saturating_mul(5);
        }
    }
    Some(code)
}

// ---------------------------------------------------------------- builders

fn all_rows(csv: &Csv) -> Vec<usize> {
    (0..csv.rows.len()).collect()
}

fn build_archs(raw: &Raw) -> Result<(Bundle, ArchTable), BuildError> {
    let file = "nb201/archs.csv";
    let csv = raw.csv(file, &["index", "arch"])?;
    let rows = all_rows(&csv);
    csv.check_indices(&rows)?;
    let codes = rows
        .iter()
        .map(|&r| arch_code(&csv.rows[r][1]).ok_or_else(|| csv.err(r, format!("bad arch string '{}'", csv.rows[r][1]))))
        .collect::<Result<Vec<_>, _>>()?;
    let table = ArchTable::from_codes(codes.clone()).map_err(|d| data_err(file, d))?;
    let mut b = Bundle::new(AssetName::Nb201Archs.name());
    b.set_meta("source", file);
    b.set_meta(
        "code",
        "sum of op_id(e)*5^e, edges (0>1),(0>2),(1>2),(0>3),(1>3),(2>3); ops none=0 skip_connect=1 nor_conv_1x1=2 nor_conv_3x3=3 avg_pool_3x3=4",
    );
    b.push(Array::vector("code", ArrayData::U16(codes)));
    Ok((b, table))
}

fn build_accuracy(raw: &Raw) -> Result<Bundle, BuildError> {
    let mut b = Bundle::new(AssetName::Nb201Accuracy.name());
    b.set_meta("units", "percent");
    let sets: [(&str, &[&str], &[&str]); 3] = [
        (
            "nb201/accuracy.csv",
            &["index", "cifar10", "cifar100", "imagenet16_120"],
            &["test200_cifar10", "test200_cifar100", "test200_imagenet16_120"],
        ),
        (
            "nb201/accuracy_cifar10_valid.csv",
            &["index", "valid_accuracy", "test_accuracy"],
            &["cifar10_valid_valid200", "cifar10_valid_test200"],
        ),
        (
            "nb201/accuracy_12epoch.csv",
            &["index", "cifar10", "cifar100", "imagenet16_120"],
            &["test12_cifar10", "test12_cifar100", "test12_imagenet16_120"],
        ),
    ];
    for (file, header, names) in sets {
        let csv = raw.csv(file, header)?;
        let rows = all_rows(&csv);
        csv.check_indices(&rows)?;
        for (k, name) in names.iter().enumerate() {
            let v = csv.floats(&rows, k + 1)?;
            if let Some(r) = v.iter().position(|x| !(0.0..=100.0).contains(x)) {
                return Err(csv.err(r, format!("{name}: accuracy {} not in 0..100", v[r])));
            }
            b.push(Array::vector(*name, f32_exact(file, name, &v)?));
            b.set_meta(&format!("source.{name}"), format!("{file}:{}", header[k + 1]));
        }
    }
    Ok(b)
}

/// Devices of the latency CSV whose names carry no batch-size suffix.
const UNSUFFIXED_DEVICES: [&str; 11] = [
    "raspi4",
    "pixel3",
    "eyeriss",
    "fpga",
    "gold_6226",
    "gold_6240",
    "pixel2",
    "samsung_a50",
    "samsung_s7",
    "silver_4114",
    "silver_4210r",
];
const HWNASBENCH_DEVICES: [&str; 4] = ["raspi4", "pixel3", "eyeriss", "fpga"];

/// Device and batch size of a latency column: the name's `_<batch>` suffix, 1 for the
/// HW-NAS-Bench devices, 0 (not stated) for the other unsuffixed devices.
fn latency_column<'a>(file: &str, col: &'a str) -> Result<(&'a str, u32), BuildError> {
    if UNSUFFIXED_DEVICES.contains(&col) {
        let bs = if HWNASBENCH_DEVICES.contains(&col) { 1 } else { 0 };
        Ok((col, bs))
    } else {
        col.rsplit_once('_')
            .and_then(|(d, s)| Some((d, s.parse::<u32>().ok()?)))
            .ok_or_else(|| data_err(file, format!("column {col}: no batch-size suffix")))
    }
}

/// Latency columns of a CSV (every column after the first), checked positive and stored as
/// lossless f32, with each column's device, batch size and source key (`hwnasbench` for
/// HW-NAS-Bench's four devices, else `other_source`).
struct LatencyColumns<'a> {
    devices: Vec<&'a str>,
    batch: Vec<u32>,
    sources: Vec<&'static str>,
    values: Vec<f32>,
}

fn latency_columns<'a>(
    file: &str,
    csv: &Csv,
    rows: &[usize],
    header: &[&'a str],
    other_source: &'static str,
) -> Result<LatencyColumns<'a>, BuildError> {
    let mut out = LatencyColumns { devices: vec![], batch: vec![], sources: vec![], values: vec![] };
    for (k, &col) in header.iter().enumerate().skip(1) {
        let (device, bs) = latency_column(file, col)?;
        out.devices.push(device);
        out.batch.push(bs);
        out.sources.push(if HWNASBENCH_DEVICES.contains(&col) { "hwnasbench" } else { other_source });
        let v = csv.floats(rows, k)?;
        if let Some(r) = v.iter().position(|x| !(x.is_finite() && *x > 0.0)) {
            return Err(csv.err(r, format!("{col}: latency {} not positive", v[r])));
        }
        match f32_exact(file, col, &v)? {
            ArrayData::F32(x) => out.values.extend(x),
            _ => return Err(data_err(file, "internal: f32 expected")),
        }
    }
    Ok(out)
}

fn build_latency(raw: &Raw) -> Result<Bundle, BuildError> {
    let file = "nb201/latency_ms.csv";
    let text = raw.text(file)?;
    let first = text.lines().next().unwrap_or("");
    let header: Vec<&str> = first.trim_end_matches('\r').split(',').collect();
    if header.first() != Some(&"index") || header.len() != 28 {
        return Err(data_err(file, "expected 'index' and 27 latency columns"));
    }
    let csv = Csv::parse(file, &text, &header)?;
    let rows = all_rows(&csv);
    csv.check_indices(&rows)?;
    let LatencyColumns { devices, batch, sources, values } = latency_columns(file, &csv, &rows, &header, "brpnas")?;
    let n = header.len() - 1;
    let mut b = Bundle::new(AssetName::Nb201Latency.name());
    b.set_meta("units", "ms");
    b.set_meta("columns", header[1..].join(","));
    b.set_meta("devices", devices.join(","));
    b.set_meta("sources", sources.join(","));
    b.set_meta(
        "note",
        "raspi4/pixel3/eyeriss/fpga = HW-NAS-Bench CIFAR-10 (batch 1), 6 significant digits; others BRP-NAS/Eagle via HELP, batch = name suffix, 0 = not stated",
    );
    b.push(Array::vector("batch_size", ArrayData::U32(batch)));
    b.push(
        Array::new("latency_ms", vec![n, NB201_CELLS], ArrayData::F32(values))
            .ok_or_else(|| data_err(file, "internal: shape"))?,
    );
    Ok(b)
}

fn build_op_latency(raw: &Raw) -> Result<Bundle, BuildError> {
    let file = "nb201/op_latency_ms.json";
    let j = raw.json(file)?;
    let obj = j.as_object().ok_or_else(|| data_err(file, "top level is not an object"))?;
    let devices: Vec<String> = obj
        .get("devices")
        .and_then(|d| d.as_array())
        .ok_or_else(|| data_err(file, "no 'devices' list"))?
        .iter()
        .map(|d| d.as_str().map(str::to_string))
        .collect::<Option<_>>()
        .ok_or_else(|| data_err(file, "device names must be strings"))?;
    let mut used: Vec<String> = ["name", "devices", "metrics", "operations"].map(String::from).to_vec();
    let (mut ops, mut summary) = (Vec::new(), Vec::new());
    for d in &devices {
        let key = format!("{d}_latency");
        let per_op =
            obj.get(&key).and_then(|v| v.as_object()).ok_or_else(|| data_err(file, format!("no '{key}' object")))?;
        if per_op.len() != 5 {
            return Err(data_err(file, format!("{key}: {} ops, expected 5", per_op.len())));
        }
        for op in NB201_OP_NAMES {
            let v = per_op.get(op).ok_or_else(|| data_err(file, format!("{key}: no op '{op}'")))?;
            ops.push(json_f64(file, v, &format!("{key}.{op}"))?);
        }
        used.push(key);
        for stat in ["mean", "std", "min", "max"] {
            let k = format!("{stat}_{d}_latency");
            summary.push(match obj.get(&k) {
                Some(v) => json_f64(file, v, &k)?,
                None => f64::NAN,
            });
            used.push(k);
        }
    }
    let mut b = Bundle::new(AssetName::Nb201OpLatency.name());
    let (mut extra_names, mut extra) = (Vec::new(), Vec::new());
    for (k, v) in obj {
        if used.contains(k) {
            continue;
        }
        match v.as_str().and_then(|s| s.parse::<f64>().ok()) {
            Some(x) if !k.contains(',') => {
                extra_names.push(k.clone());
                extra.push(x);
            }
            _ => b.set_meta(&format!("source.{k}"), v.to_string().replace('"', "")),
        }
    }
    let n = devices.len();
    b.set_meta("units", "ms");
    b.set_meta("devices", devices.join(","));
    b.set_meta("ops", NB201_OP_NAMES.join(","));
    b.set_meta("summary_columns", "mean,std,min,max");
    b.set_meta("extra_names", extra_names.join(","));
    b.set_meta(
        "note",
        "per-op latency cost model; estimate = sum over the 6 edges; edgegpu (Jetson TX2) only here: an estimate",
    );
    let shape_err = || data_err(file, "internal: shape");
    b.push(Array::new("op_latency_ms", vec![n, 5], ArrayData::F64(ops)).ok_or_else(shape_err)?);
    b.push(Array::new("summary_ms", vec![n, 4], ArrayData::F64(summary)).ok_or_else(shape_err)?);
    b.push(Array::vector("extra", ArrayData::F64(extra)));
    Ok(b)
}

/// Rows of `csv` grouped by the dataset in column 0, in [`BenchDataset::ALL`] order.
fn rows_by_dataset(csv: &Csv) -> Result<Vec<(BenchDataset, Vec<usize>)>, BuildError> {
    let mut groups: Vec<(BenchDataset, Vec<usize>)> = BenchDataset::ALL.iter().map(|&d| (d, Vec::new())).collect();
    for (r, row) in csv.rows.iter().enumerate() {
        let d = BenchDataset::from_name(&row[0]).ok_or_else(|| csv.err(r, format!("unknown dataset '{}'", row[0])))?;
        if let Some(g) = groups.iter_mut().find(|(x, _)| *x == d) {
            g.1.push(r);
        }
    }
    Ok(groups)
}

fn build_freerea(raw: &Raw) -> Result<Bundle, BuildError> {
    let file = "nb201/reference_scores_freerea.csv";
    let mut header = vec!["dataset", "index"];
    header.extend(FREEREA_SCORES);
    let csv = raw.csv(file, &header)?;
    let mut b = Bundle::new(AssetName::Nb201ReferenceFreerea.name());
    b.set_meta("scores", FREEREA_SCORES.join(","));
    b.set_meta("units.params_m", "millions of parameters");
    b.set_meta("missing", "NaN = empty cell in the source");
    for (d, rows) in rows_by_dataset(&csv)? {
        if rows.len() != NB201_CELLS {
            return Err(data_err(file, format!("{}: {} rows", d.name(), rows.len())));
        }
        csv.check_index_col(&rows, 1)?;
        for (k, s) in FREEREA_SCORES.iter().enumerate() {
            let mut v = csv.floats(&rows, k + 2)?;
            // The source's imagenet16_120 `params_m` holds raw parameter counts (80,456 ..
            // 1,538,696), not millions like the CIFAR rows: convert (x / 1e6 is correctly
            // rounded, so it equals the decimal in millions exactly).
            if *s == "params_m" && v.iter().all(|&x| x >= 1000.0) {
                v.iter_mut().for_each(|x| *x /= 1e6);
                b.set_meta(
                    &format!("note.{}_params_m", d.name()),
                    "source holds raw parameter counts; divided by 1e6 by the builder",
                );
            }
            b.push(Array::vector(format!("{}_{s}", d.name()), float_data(v)));
        }
    }
    Ok(b)
}

fn build_naslib(raw: &Raw, table: &ArchTable) -> Result<Bundle, BuildError> {
    let file = "nb201/reference_scores_naslib.csv";
    let mut header = vec!["dataset", "index", "arch", "val_accuracy"];
    header.extend(NASLIB_PROXIES);
    let csv = raw.csv(file, &header)?;
    let mut b = Bundle::new(AssetName::Nb201ReferenceNaslib.name());
    b.set_meta("proxies", NASLIB_PROXIES.join(","));
    b.set_meta("units.flops", "MFLOPs");
    b.set_meta("units.params", "millions of parameters");
    b.set_meta("missing", "NaN = empty cell in the source");
    for (d, rows) in rows_by_dataset(&csv)? {
        let mut index = Vec::with_capacity(rows.len());
        for &r in &rows {
            let i: u16 = csv.rows[r][1]
                .parse()
                .ok()
                .filter(|&i| usize::from(i) < NB201_CELLS)
                .ok_or_else(|| csv.err(r, format!("bad index '{}'", csv.rows[r][1])))?;
            let code =
                arch_code(&csv.rows[r][2]).ok_or_else(|| csv.err(r, format!("bad arch '{}'", csv.rows[r][2])))?;
            if table.code_of(usize::from(i)) != Some(code) {
                return Err(csv.err(r, format!("arch does not match archs.csv at index {i}")));
            }
            if index.contains(&i) {
                return Err(csv.err(r, format!("{}: index {i} twice", d.name())));
            }
            index.push(i);
        }
        b.push(Array::vector(format!("{}_index", d.name()), ArrayData::U16(index)));
        for (k, col) in header.iter().enumerate().skip(3) {
            let v = csv.floats(&rows, k)?;
            b.push(Array::vector(format!("{}_{col}", d.name()), float_data(v)));
        }
    }
    Ok(b)
}

/// Images per CIFAR batch.
const CIFAR_BATCH: usize = 256;

/// Class-balanced deterministic choice: round robin over classes 0, 1, …, each class giving its
/// earliest unused row in file order, until `n` rows are chosen (or all rows are used).
fn balanced_choice(labels: &[i16], classes: usize, n: usize) -> Vec<usize> {
    let mut per_class: Vec<std::collections::VecDeque<usize>> = vec![Default::default(); classes];
    for (r, &l) in labels.iter().enumerate() {
        if let Some(q) = usize::try_from(l).ok().and_then(|l| per_class.get_mut(l)) {
            q.push_back(r);
        }
    }
    let mut out = Vec::with_capacity(n);
    while out.len() < n && per_class.iter().any(|q| !q.is_empty()) {
        for q in per_class.iter_mut() {
            if out.len() == n {
                break;
            }
            if let Some(r) = q.pop_front() {
                out.push(r);
            }
        }
    }
    out
}

fn build_images(raw: &Raw, d: BenchDataset) -> Result<Bundle, BuildError> {
    let ifile = format!("images/{}_images.npy", d.name());
    let lfile = format!("images/{}_labels.npy", d.name());
    let images = read_npy(&ifile, &raw.bytes(&ifile)?, "|u1")?;
    let labels_npy = read_npy(&lfile, &raw.bytes(&lfile)?, "<i2")?;
    let r = d.resolution();
    let n = images.shape.first().copied().unwrap_or(0);
    if images.shape != [n, 3, r, r] {
        return Err(data_err(&ifile, format!("shape {:?}, expected [N, 3, {r}, {r}]", images.shape)));
    }
    if labels_npy.shape != [n] {
        return Err(data_err(&lfile, format!("shape {:?}, expected [{n}]", labels_npy.shape)));
    }
    let labels: Vec<i16> = labels_npy.data.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
    if let Some((i, l)) = labels.iter().enumerate().find(|&(_, &l)| l < 0 || l as usize >= d.classes()) {
        return Err(data_err(&lfile, format!("row {i}: label {l} outside 0..{}", d.classes())));
    }
    let (chosen, selection) = match d {
        BenchDataset::ImageNet16_120 => ((0..n).collect::<Vec<_>>(), format!("all {n} images, file order")),
        _ => (
            balanced_choice(&labels, d.classes(), CIFAR_BATCH),
            format!(
                "{CIFAR_BATCH} of {n}: round robin over classes 0..{}, each class taking its earliest unused row in file order",
                d.classes() - 1
            ),
        ),
    };
    let img_len = 3 * r * r;
    let mut pixels = Vec::with_capacity(chosen.len() * img_len);
    for &row in &chosen {
        pixels.extend_from_slice(&images.data[row * img_len..(row + 1) * img_len]);
    }
    let k = chosen.len();
    let mut b = Bundle::new(AssetName::images(d).name());
    b.set_meta("dataset", d.name());
    b.set_meta("selection", selection);
    b.set_meta("layout", "N x 3 x H x W, RGB, uint8 0..255, not normalised");
    b.set_meta("source", format!("{ifile}, {lfile}"));
    b.push(
        Array::new("images", vec![k, 3, r, r], ArrayData::U8(pixels))
            .ok_or_else(|| data_err(&ifile, "internal: shape"))?,
    );
    b.push(Array::vector("labels", ArrayData::U16(chosen.iter().map(|&i| labels[i] as u16).collect())));
    b.push(Array::vector("source_row", ArrayData::U16(chosen.iter().map(|&i| i as u16).collect())));
    Ok(b)
}

fn build_hw_vectors(raw: &Raw) -> Result<Bundle, BuildError> {
    let file = "nb201/hwnasbench_test_vectors.json";
    let j = raw.json(file)?;
    let mut b = Bundle::new(AssetName::HwnasbenchTestVectors.name());
    if let Some(s) = j.get("source").and_then(|s| s.as_str()) {
        b.set_meta("source", s);
    }
    b.set_meta("units", "latency in ms, energy in mJ (HW-NAS-Bench units)");
    // NB201: dataset → index → metric → value.
    let nb =
        j.get("nasbench201").and_then(|v| v.as_object()).ok_or_else(|| data_err(file, "no 'nasbench201' object"))?;
    let order = |name: &str| {
        ["cifar10", "cifar100", "ImageNet16-120", "ImageNet"].iter().position(|&x| x == name).unwrap_or(usize::MAX)
    };
    let mut ds: Vec<&String> = nb.keys().collect();
    ds.sort_by_key(|d| (order(d), d.to_string()));
    let mut rows: Vec<(String, u32, &serde_json::Map<String, serde_json::Value>)> = vec![];
    for d in ds {
        let per = nb[d.as_str()].as_object().ok_or_else(|| data_err(file, format!("nasbench201.{d} not an object")))?;
        let mut idx: Vec<(u32, &serde_json::Value)> = per
            .iter()
            .map(|(k, v)| k.parse::<u32>().map(|i| (i, v)))
            .collect::<Result<_, _>>()
            .map_err(|_| data_err(file, format!("nasbench201.{d}: non-numeric index")))?;
        idx.sort_by_key(|&(i, _)| i);
        for (i, v) in idx {
            let m = v.as_object().ok_or_else(|| data_err(file, format!("nasbench201.{d}.{i} not an object")))?;
            rows.push((d.clone(), i, m));
        }
    }
    let metrics = metric_union(rows.iter().map(|r| r.2));
    let values = metric_matrix(file, rows.iter().map(|r| r.2), &metrics)?;
    b.set_meta("nb201_datasets", rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>().join(","));
    b.set_meta("nb201_metrics", metrics.join(","));
    b.push(Array::vector("nb201_index", ArrayData::U32(rows.iter().map(|r| r.1).collect())));
    b.push(
        Array::new("nb201_values", vec![rows.len(), metrics.len()], ArrayData::F64(values))
            .ok_or_else(|| data_err(file, "internal: shape"))?,
    );

    // FBNet: dataset → [{arch: [22], metrics: {…}}].
    let fb = j.get("fbnet").and_then(|v| v.as_object()).ok_or_else(|| data_err(file, "no 'fbnet' object"))?;
    let mut ds: Vec<&String> = fb.keys().collect();
    ds.sort_by_key(|d| (order(d), d.to_string()));
    let mut frows = vec![];
    let mut archs: Vec<u8> = vec![];
    let mut arch_len = None;
    for d in ds {
        let list = fb[d.as_str()].as_array().ok_or_else(|| data_err(file, format!("fbnet.{d} not a list")))?;
        for (k, e) in list.iter().enumerate() {
            let at = format!("fbnet.{d}[{k}]");
            let arch =
                e.get("arch").and_then(|a| a.as_array()).ok_or_else(|| data_err(file, format!("{at}: no arch")))?;
            if *arch_len.get_or_insert(arch.len()) != arch.len() {
                return Err(data_err(file, format!("{at}: arch length differs")));
            }
            for a in arch {
                let x = json_f64(file, a, &at)?;
                if !(0.0..=8.0).contains(&x) || x.fract() != 0.0 {
                    return Err(data_err(file, format!("{at}: block id {x} not in 0..8")));
                }
                archs.push(x as u8);
            }
            let m = e
                .get("metrics")
                .and_then(|m| m.as_object())
                .ok_or_else(|| data_err(file, format!("{at}: no metrics")))?;
            frows.push((d.clone(), m));
        }
    }
    let fmetrics = metric_union(frows.iter().map(|r| r.1));
    let fvalues = metric_matrix(file, frows.iter().map(|r| r.1), &fmetrics)?;
    b.set_meta("fbnet_datasets", frows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>().join(","));
    b.set_meta("fbnet_metrics", fmetrics.join(","));
    b.push(
        Array::new("fbnet_arch", vec![frows.len(), arch_len.unwrap_or(0)], ArrayData::U8(archs))
            .ok_or_else(|| data_err(file, "internal: shape"))?,
    );
    b.push(
        Array::new("fbnet_values", vec![frows.len(), fmetrics.len()], ArrayData::F64(fvalues))
            .ok_or_else(|| data_err(file, "internal: shape"))?,
    );
    Ok(b)
}

/// Top-level entries of `fbnet/op_lut.json` besides the metric tables.
const FBNET_LUT_OTHER: [&str; 4] = ["devices", "metrics", "operations", "architecture_length"];

/// A JSON list of strings.
fn json_strings(file: &str, obj: &JsonMap, key: &str) -> Result<Vec<String>, BuildError> {
    obj.get(key)
        .and_then(|v| v.as_array())
        .and_then(|a| a.iter().map(|x| x.as_str().map(str::to_string)).collect::<Option<Vec<_>>>())
        .ok_or_else(|| data_err(file, format!("'{key}' is not a list of strings")))
}

fn build_fbnet_lut(raw: &Raw) -> Result<Bundle, BuildError> {
    let file = "fbnet/op_lut.json";
    let j = raw.json(file)?;
    let obj = j.as_object().ok_or_else(|| data_err(file, "top level is not an object"))?;
    if let Some(k) =
        obj.keys().find(|k| !FBNET_LUT_METRICS.contains(&k.as_str()) && !FBNET_LUT_OTHER.contains(&k.as_str()))
    {
        return Err(data_err(file, format!("unexpected entry '{k}'")));
    }
    let len = obj
        .get("architecture_length")
        .ok_or_else(|| data_err(file, "no 'architecture_length'"))
        .and_then(|v| json_f64(file, v, "architecture_length"))?;
    if len != FBNET_LAYERS as f64 {
        return Err(data_err(file, format!("architecture_length {len}, expected {FBNET_LAYERS}")));
    }
    let devices = json_strings(file, obj, "devices")?;
    let operations = json_strings(file, obj, "operations")?;
    let (mut keys, mut values): (Option<Vec<String>>, Vec<f64>) = (None, Vec::new());
    for m in FBNET_LUT_METRICS {
        let t = obj.get(m).and_then(|v| v.as_object()).ok_or_else(|| data_err(file, format!("no '{m}' table")))?;
        // serde_json maps iterate in sorted key order: every table lists its ops the same way.
        let ks: Vec<String> = t.keys().cloned().collect();
        match &keys {
            Some(first) if *first != ks => {
                return Err(data_err(file, format!("{m}: op keys differ from {}", FBNET_LUT_METRICS[0])));
            }
            Some(_) => {}
            None => keys = Some(ks),
        }
        for (k, v) in t {
            let x = json_f64(file, v, &format!("{m}.{k}"))?;
            if !(x.is_finite() && x >= 0.0) {
                return Err(data_err(file, format!("{m}.{k}: cost {x} not finite and ≥ 0")));
            }
            values.push(x);
        }
    }
    let keys = keys.unwrap_or_default();
    if let Some(k) = keys.iter().find(|k| k.contains(',') || k.is_empty()) {
        return Err(data_err(file, format!("op key '{k}' is empty or has a comma")));
    }
    // Every op a network of the space can contain must be in the table.
    let mut used = std::collections::BTreeSet::new();
    for input in FbnetInput::ALL {
        for block in FbnetBlock::ALL {
            let arch = FbnetArch { blocks: [block; FBNET_LAYERS] };
            for op in arch.lut_ops(input) {
                if !keys.contains(&op.key) {
                    return Err(data_err(file, format!("{}: no entry for op {}", input.name(), op.key)));
                }
                used.insert(op.key);
            }
        }
    }
    let unused: Vec<&str> = keys.iter().filter(|k| !used.contains(*k)).map(String::as_str).collect();
    let mut b = Bundle::new(AssetName::FbnetLut.name());
    b.set_meta("source", file);
    b.set_meta("units", "latency in ms, energy in mJ");
    b.set_meta("metrics", FBNET_LUT_METRICS.join(","));
    b.set_meta("keys", keys.join(","));
    b.set_meta("architecture_length", FBNET_LAYERS.to_string());
    b.set_meta("devices", devices.join(","));
    b.set_meta("operations", operations.join(","));
    b.set_meta("unused_keys", unused.join(","));
    b.set_meta(
        "note",
        "cost of a network = sum over stem, 22 layers, header, pool, classifier (network order); no Edge TPU table (layer fusion breaks additivity)",
    );
    b.push(
        Array::new("values", vec![FBNET_LUT_METRICS.len(), keys.len()], ArrayData::F64(values))
            .ok_or_else(|| data_err(file, "internal: shape"))?,
    );
    Ok(b)
}

fn build_fbnet_sampled(raw: &Raw) -> Result<Bundle, BuildError> {
    let file = "fbnet/sampled_latency_ms.csv";
    let text = raw.text(file)?;
    let first = text.lines().next().unwrap_or("");
    let header: Vec<&str> = first.trim_end_matches('\r').split(',').collect();
    if header.first() != Some(&"arch") || header.len() != 28 {
        return Err(data_err(file, "expected 'arch' and 27 latency columns"));
    }
    let csv = Csv::parse(file, &text, &header)?;
    let rows = all_rows(&csv);
    let mut archs = Vec::with_capacity(rows.len() * FBNET_LAYERS);
    let mut seen = std::collections::HashSet::new();
    for &r in &rows {
        let a = FbnetArch::parse(&csv.rows[r][0]).map_err(|e| csv.err(r, format!("arch: {e}")))?;
        if !seen.insert(a) {
            return Err(csv.err(r, "arch appears twice"));
        }
        archs.extend(a.ids());
    }
    let LatencyColumns { devices, batch, sources, values } = latency_columns(file, &csv, &rows, &header, "help")?;
    let (n, c) = (rows.len(), header.len() - 1);
    let mut b = Bundle::new(AssetName::FbnetSampledLatency.name());
    b.set_meta("source", file);
    b.set_meta("units", "ms");
    b.set_meta("columns", header[1..].join(","));
    b.set_meta("devices", devices.join(","));
    b.set_meta("sources", sources.join(","));
    b.set_meta(
        "note",
        "raspi4/pixel3/eyeriss/fpga = HW-NAS-Bench CIFAR-100 (batch 1) = FBNet LUT sums to 6 significant digits; others HELP, batch = name suffix, 0 = not stated",
    );
    let shape_err = || data_err(file, "internal: shape");
    b.push(Array::new("arch", vec![n, FBNET_LAYERS], ArrayData::U8(archs)).ok_or_else(shape_err)?);
    b.push(Array::vector("batch_size", ArrayData::U32(batch)));
    b.push(Array::new("latency_ms", vec![c, n], ArrayData::F32(values)).ok_or_else(shape_err)?);
    Ok(b)
}

type JsonMap = serde_json::Map<String, serde_json::Value>;

/// All metric names, alphabetical (serde_json maps are sorted).
fn metric_union<'a>(maps: impl Iterator<Item = &'a JsonMap>) -> Vec<String> {
    let mut set = std::collections::BTreeSet::new();
    for m in maps {
        set.extend(m.keys().cloned());
    }
    set.into_iter().collect()
}

/// Row-major values, NaN where a row lacks a metric.
fn metric_matrix<'a>(
    file: &str,
    maps: impl Iterator<Item = &'a JsonMap>,
    metrics: &[String],
) -> Result<Vec<f64>, BuildError> {
    let mut out = vec![];
    for m in maps {
        for k in metrics {
            out.push(match m.get(k) {
                Some(v) => json_f64(file, v, k)?,
                None => f64::NAN,
            });
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- provenance

fn provenance(files: &[(String, u64)]) -> String {
    let size: BTreeMap<&str, u64> = files.iter().map(|(n, s)| (n.as_str(), *s)).collect();
    let mut s = String::new();
    s.push_str(
        "# Provenance of the bundled assets\n\n\
Generated by the asset builder (`src/cli/assets.rs`) from the raw files described in\n\
`../shared/data/README.md`; do not edit by hand. Regenerate (byte-identical) with:\n\n\
```sh\ncargo run --release -- assets --data ../shared/data --out assets\n```\n\n\
Format: `.zsa` = zsnas named-array container v1 (see `src/bench/bundle.rs`): magic `ZSNASSET`,\n\
version, payload length, CRC-32, raw DEFLATE (level 9) of a JSON header + little-endian arrays\n\
(multi-byte arrays byte-planar). Floats are f32 only where every source value is recovered\n\
exactly from the f32; otherwise f64.\n\n",
    );
    let entries: [(AssetName, &str, &str, &str); 12] = [
        (
            AssetName::Nb201Archs,
            "`nb201/archs.csv` (15,625 rows: index, arch)",
            "v-tao/nats-bench-landscape `nats_bench.csv` (NATS-Bench facts, MIT); cross-checked with fracapuano/sim-is-more `nats_arch_index.json` (MIT)",
            "All rows. Array `code` (u16): cell code Σ op_id(e)·5^e of each NATS index, edges in arch-string order. Checked: indices 0..15624 in order, every arch string parses, codes form a permutation of 0..15624.",
        ),
        (
            AssetName::Nb201Accuracy,
            "`nb201/accuracy.csv`, `nb201/accuracy_cifar10_valid.csv`, `nb201/accuracy_12epoch.csv`",
            "NiccoloCavagnero/FreeREA `cached_metrics/nats/*/accuracies.csv` commit 9c2a726 (MIT); gabro8a/NAS-Landscapes `data/accuracy/cifar10_avg.csv` commit abd5221 (MIT); v-tao/nats-bench-landscape commit bca0282 (no license file; NATS-Bench facts)",
            "All rows and columns, % accuracy as f32 (lossless: ≤ 6 significant digits). Arrays `test200_{cifar10,cifar100,imagenet16_120}`, `cifar10_valid_{valid,test}200`, `test12_{cifar10,cifar100,imagenet16_120}` (12-epoch values are single-seed draws).",
        ),
        (
            AssetName::Nb201Latency,
            "`nb201/latency_ms.csv` (15,625 rows × 27 columns)",
            "HayeonLee/HELP `data/nasbench201/latency/*.pt` commit 45f70eb (MIT); raspi4/pixel3/eyeriss/fpga = HW-NAS-Bench CIFAR-10 values, the rest BRP-NAS / Eagle",
            "All columns, ms as f32 (lossless: the CSV has ≤ 6 significant digits, so HW-NAS-Bench's full-precision values, e.g. the test vectors, agree to 6 digits only). Array `latency_ms` [27, 15625], `batch_size` (name suffix; 1 for HW-NAS-Bench; 0 = not stated).",
        ),
        (
            AssetName::Nb201OpLatency,
            "`nb201/op_latency_ms.json`",
            "fracapuano/sim-is-more `searchspaces/nats_blocks.json` commit f6e7e31 (MIT)",
            "Everything: per-op latency (ms) of the 5 ops on 18 devices, reordered to NB201 op-id order (`op_latency_ms` [18, 5], f64); per-device mean/std/min/max of whole-cell latency (`summary_ms` [18, 4], NaN where absent: eyeriss min/max); the other constants (naswot/logsynflow/skip mean/std) in `extra`. An estimate (sum over edges), the only edge-GPU source.",
        ),
        (
            AssetName::Nb201ReferenceFreerea,
            "`nb201/reference_scores_freerea.csv` (3 × 15,625 rows)",
            "NiccoloCavagnero/FreeREA commit 9c2a726 (MIT)",
            "All rows; arrays `{dataset}_{naswot,logsynflow,synflow,nregions,params_m}` by NATS index; f32 where lossless, else f64; NaN = empty (nregions on imagenet16_120); `-inf` kept. The source's imagenet16_120 `params_m` holds raw parameter counts (80,456 .. 1,538,696), unlike the CIFAR rows (millions): the builder divides them by 10^6.",
        ),
        (
            AssetName::Nb201ReferenceNaslib,
            "`nb201/reference_scores_naslib.csv` (725 + 725 + 724 rows)",
            "automl/NASLib `naslib/data/zc_nasbench201.json` commit 44c8cc2 (Apache-2.0)",
            "All rows; per dataset `{dataset}_index` (u16 NATS index), `{dataset}_val_accuracy` and the 12 proxies; f32 where lossless, else f64; NaN = empty. Checked: each row's arch string matches archs.csv at its index.",
        ),
        (
            AssetName::ImagesCifar10,
            "`images/cifar10_images.npy`, `images/cifar10_labels.npy` (960 images)",
            "fracapuano/sim-is-more `data/*__batch{32,64}_*` commit 9b57c2c (MIT), de-duplicated",
            "256 images, class-balanced and deterministic: round robin over classes 0..9, each class taking its earliest unused row in file order (26 each of classes 0–5, 25 each of 6–9); every prefix is as balanced as possible. `source_row` records the raw row of each image.",
        ),
        (
            AssetName::ImagesCifar100,
            "`images/cifar100_images.npy`, `images/cifar100_labels.npy` (960 images)",
            "fracapuano/sim-is-more `data/*__batch{32,64}_*` commit 9b57c2c (MIT), de-duplicated",
            "256 images chosen as for CIFAR-10 over classes 0..99 (2 or 3 per class). `source_row` records the raw row.",
        ),
        (
            AssetName::ImagesImagenet16_120,
            "`images/imagenet16_120_images.npy`, `images/imagenet16_120_labels.npy` (106 images)",
            "fracapuano/sim-is-more `data/*__batch{32,64}_*` commit 9b57c2c (MIT), de-duplicated",
            "All 106 images in file order (70 of the 120 classes present).",
        ),
        (
            AssetName::HwnasbenchTestVectors,
            "`nb201/hwnasbench_test_vectors.json`",
            "GATECH-EIC/HW-NAS-Bench `example.ipynb` commit 393bb8a (MIT)",
            "Everything, f64, numbers parsed exactly from the JSON text: NB201 archs 0, 1, 2 × cifar10/cifar100/ImageNet16-120 (11 metrics) and 3 FBNet archs × cifar100/ImageNet (9 metrics; NaN where a metric is absent).",
        ),
        (
            AssetName::FbnetLut,
            "`fbnet/op_lut.json` (8 metric tables × 225 op keys)",
            "fracapuano/sim-is-more `fbnet_cached_metrics.json` commit 9b57c2c (MIT); its sums reproduce GATECH-EIC/HW-NAS-Bench's (MIT) published FBNet values bit for bit",
            "Everything, f64, numbers parsed exactly from the JSON text: `values` [8, 225] (rows edgegpu_latency, edgegpu_energy, raspi4_latency, pixel3_latency, eyeriss_latency, eyeriss_energy, fpga_latency, fpga_energy; latency ms, energy mJ), op keys sorted in metadata `keys`. Checked: all 8 tables have the same keys, every value finite and ≥ 0, and every op of the space (stem, 22 layers × 9 blocks, header, pool, classifier; CIFAR-100 and ImageNet inputs) has an entry; the one key no network uses (`FC_Cin1504_Cout10`, a CIFAR-10 head) is listed in `unused_keys`. No Edge TPU table: its layer fusion breaks additivity.",
        ),
        (
            AssetName::FbnetSampledLatency,
            "`fbnet/sampled_latency_ms.csv` (5,000 rows × 27 columns)",
            "HayeonLee/HELP `data/fbnet` commit 45f70eb (MIT); raspi4/pixel3/eyeriss/fpga = HW-NAS-Bench CIFAR-100 values, the rest HELP's collection",
            "All rows and columns: `arch` u8 [5000, 22] (block ids 0..8; every row parses, no row twice), `latency_ms` f32 [27, 5000] (lossless: the CSV has ≤ 6 significant digits), `batch_size` (name suffix; 1 for HW-NAS-Bench; 0 = not stated).",
        ),
    ];
    for (asset, src, origin, what) in entries {
        let f = asset.file_name();
        let n = size.get(f.as_str()).copied().unwrap_or(0);
        s.push_str(&format!(
            "## `{f}` ({n} bytes)\n\n- Source rows (data README): {src}\n- Origin (license): {origin}\n- Selection: {what}\n\n"
        ));
    }
    s
}

/// The section on our own scores (`nb201_ours_*.csv`, written by `zsnas score`, not by this
/// builder): each file present in `out_dir` is checked (it parses, has the protocol's dataset
/// and [`OURS_CELLS`] rows) and listed with its size and the exact command that wrote it.
fn ours_provenance(out_dir: &Path, table: &ArchTable) -> Result<String, BuildError> {
    let mut s = format!(
        "## Our own scores: `nb201_ours_{{cifar10,cifar100,imagenet16_120}}.csv`\n\n\
Not built from raw data: each file is `zsnas score`'s CSV as written (protocol line, header,\n\
one row per cell), the default protocol of PROXIES.md §1 (batch 64, seed 0, PyTorch-default\n\
init, batch-statistics BN, real images, 2 batches for ZiCo), on a fixed sample of\n\
{OURS_CELLS} cells per dataset stratified by that dataset's 200-epoch test accuracy (`--stratified`:\n\
one cell drawn from each of {OURS_CELLS} equal-count accuracy strata, seed {OURS_SEED}). Every proxy except the\n\
two that take B passes of the whole batch per cell (ntk_cond, te_nas). `az_nas` is a rank\n\
within the file's {OURS_CELLS} cells (its four components are the raw values). Each was run as two\n\
processes (`--shard 0/2`, `--shard 1/2`) whose rows were concatenated into the file; rerunning\n\
the command then scores nothing and only re-ranks `az_nas` over all rows. Two fixes came after\n\
scoring: grasp froze its ReLU pattern (commit 472eb45; CIFAR-10 and ImageNet16-120 had been\n\
scored before it) and fisher counts each channel fan-in times (commit ff91f76; all three). Those\n\
columns were recomputed with the same command and `--proxies grasp` or `--proxies fisher` and\n\
put in place (no other proxy changed), so each file is what the command writes from ff91f76 on.\n\
`meco_all` (MeCo over every module output, as its official code hooks it) was added later the\n\
same way: scored with the same command and `--proxies meco_all`, its column put after `meco`.\n\
`gradsign` and `knas` (B single-sample passes, one loop for both) were added last: scored with\n\
the same command and `--proxies gradsign,knas` into a file of their own, then joined to the\n\
bundled file with `zsnas merge <bundled file> <that file> --out <bundled file>`, which checks\n\
that both have the same protocol and cells and puts their columns last.\n\
Float scores depend on the order of f32 sums, so later changes to the CPU kernels move them\n\
within f32's own spread on these networks: rescoring CIFAR-10's 200 cells for grad_norm, snip,\n\
zico and jacob_cov at commit c9fe2f1 (AVX-512 kernels for the last stage) gave scores that rank\n\
like the bundled ones (Spearman 0.9973–0.99999 per proxy) and ρ with test accuracy within 0.004\n\
of the bundled file's (`docs/SPEED.md`, \"Seventh round\").\n\
\n",
    );
    for d in BenchDataset::ALL {
        let name = ours_file_name(d);
        let path = out_dir.join(&name);
        let size = match std::fs::read_to_string(&path) {
            Ok(text) => {
                let (columns, _) = parse_score_csv(&text, table).map_err(|e| data_err(&name, e))?;
                if columns.dataset.name() != d.name() || columns.indices.len() != OURS_CELLS {
                    let n = columns.indices.len();
                    return Err(data_err(&name, format!("expected {OURS_CELLS} {} rows, found {n}", d.name())));
                }
                format!("{} bytes", text.len())
            }
            Err(_) => "not present".to_string(),
        };
        s.push_str(&format!("- `{name}` ({size}):\n  `{}`\n", ours_command(d)));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_sample_names_proxies_zsnas_score_accepts() {
        let proxies = crate::cli::score::parse_proxies(crate::bench::OURS_PROXIES).expect("every name is a proxy");
        let left_out: Vec<&str> =
            crate::proxy::ProxyKind::ALL.iter().filter(|p| !proxies.contains(p)).map(|p| p.name()).collect();
        assert_eq!(left_out, ["ntk_cond", "te_nas"]);
        assert!(
            left_out.iter().all(|n| crate::proxy::ProxyKind::from_name(n).is_some_and(|p| p.info().needs.per_sample))
        );
    }

    #[test]
    fn arch_code_matches_definition() {
        let s = "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|";
        // ops 4, 2, 1, 2, 1, 1 → 4 + 2·5 + 1·25 + 2·125 + 1·625 + 1·3125
        assert_eq!(arch_code(s), Some(4 + 10 + 25 + 250 + 625 + 3125));
        assert_eq!(arch_code("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"), Some(0));
        assert_eq!(arch_code("|none~0|+|none~0|none~1|+|none~0|none~1|"), None);
        assert_eq!(arch_code("|none~1|+|none~0|none~1|+|none~0|none~1|none~2|"), None);
        assert_eq!(arch_code("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|"), None);
    }

    #[test]
    fn latency_column_names() {
        assert_eq!(latency_column("f", "titan_rtx_32").unwrap(), ("titan_rtx", 32));
        assert_eq!(latency_column("f", "raspi4").unwrap(), ("raspi4", 1));
        assert_eq!(latency_column("f", "gold_6226").unwrap(), ("gold_6226", 0));
        assert!(latency_column("f", "edgetpu").is_err());
    }

    #[test]
    fn json_numbers_are_quoted_exactly() {
        let q = quote_json_numbers(r#"{"a": -1.5e+26, "b": [1, 2], "c": "x-1\"2", "d": 10.481976820010459}"#);
        let v: serde_json::Value = serde_json::from_str(&q).unwrap();
        assert_eq!(v["a"], "-1.5e+26");
        assert_eq!(v["c"], "x-1\"2");
        assert_eq!(v["d"].as_str().unwrap().parse::<f64>().unwrap(), 10.481976820010459);
    }

    #[test]
    fn f32_lossless_check() {
        assert!(f32_lossless(10.482));
        assert!(f32_lossless(85.8633));
        assert!(f32_lossless(f64::NEG_INFINITY));
        assert!(!f32_lossless(10.481976820010459));
        assert!(!f32_lossless(4.020330333759214e47));
    }

    #[test]
    fn balanced_choice_round_robin() {
        let labels = [1, 0, 1, 1, 0, 2];
        assert_eq!(balanced_choice(&labels, 3, 5), vec![1, 0, 5, 4, 2]);
        assert_eq!(balanced_choice(&labels, 3, 10).len(), 6);
    }
}
