//! Scores kept in the browser's localStorage, keyed by cell + protocol + device + proxy, so a
//! reload or a revisit shows them again and recomputes nothing. Storage that is missing, full or
//! holds something unreadable is treated as empty: never a panic.

use crate::bench::ArchTable;
use crate::compute::DeviceKind;
use crate::proxy::run::Scored;
use crate::proxy::{Protocol, ProxyKind};
use crate::report::score_columns::ScoreColumns;
use crate::report::score_key::{SCORE_KEY_PREFIX as PREFIX, ScoreKey};
use crate::space::Dataset;
use crate::space::nb201::Cell;

/// A stored result: the score or why the proxy failed, and the device label that computed it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StoredScore {
    /// The score, or the failure message.
    pub result: Result<Scored, String>,
    /// Device label, e.g. "WebGPU: google swiftshader".
    pub device_label: String,
}

/// The storage key of one score.
pub fn key(arch: &str, protocol: &Protocol, device: DeviceKind, proxy: &str) -> String {
    ScoreKey { arch: arch.to_string(), protocol: protocol.clone(), device, proxy: proxy.to_string() }.key()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored score under `key`, if any and readable.
pub fn load(key: &str) -> Option<StoredScore> {
    let text = storage()?.get_item(key).ok()??;
    serde_json::from_str(&text).ok()
}

/// Stores `score` under `key`; `false` when storage is unavailable or full.
pub fn save(key: &str, score: &StoredScore) -> bool {
    let Ok(text) = serde_json::to_string(score) else { return false };
    storage().is_some_and(|s| s.set_item(key, &text).is_ok())
}

/// Removes every stored score; returns how many were removed.
pub fn clear_all() -> usize {
    let Some(s) = storage() else { return 0 };
    let n = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..n).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(PREFIX)).collect();
    for k in &keys {
        let _ = s.remove_item(k);
    }
    keys.len()
}

/// The user's own stored scores on `dataset` as score columns by NATS index (population-relative
/// proxies ranked within these cells), for the protocol
/// with the most scored cells there (scores under different protocols are not comparable), and
/// that protocol. A cell scored on both devices counts once (the first stored value).
pub fn live_columns(dataset: Dataset, archs: &ArchTable) -> (ScoreColumns, Option<Protocol>) {
    let mut found: Vec<(ScoreKey, Scored)> = Vec::new();
    if let Some(s) = storage() {
        let n = s.length().unwrap_or(0);
        for i in 0..n {
            let Some(k) = s.key(i).ok().flatten() else { continue };
            let Some(parsed) = ScoreKey::parse(&k).filter(|p| p.protocol.dataset == dataset) else { continue };
            if let Some(StoredScore { result: Ok(score), .. }) = load(&k) {
                found.push((parsed, score));
            }
        }
    }
    // The protocol with the most distinct scored cells.
    let mut protocols: Vec<(Protocol, usize)> = Vec::new();
    for (k, _) in &found {
        match protocols.iter_mut().find(|(p, _)| *p == k.protocol) {
            Some((_, c)) => *c += 1,
            None => protocols.push((k.protocol.clone(), 1)),
        }
    }
    let best = protocols.into_iter().max_by_key(|(_, c)| *c).map(|(p, _)| p);
    let mut indices: Vec<usize> = Vec::new();
    let mut columns: Vec<(String, Vec<f64>)> = Vec::new();
    let mut components: Vec<(String, Vec<Vec<f64>>)> = Vec::new(); // population proxies, per row
    for (k, score) in found.into_iter().filter(|(k, _)| Some(&k.protocol) == best.as_ref()) {
        let Some(index) = Cell::parse(&k.arch).ok().and_then(|c| archs.index_of(c.code())) else { continue };
        let row = match indices.iter().position(|&i| i == index) {
            Some(r) => r,
            None => {
                indices.push(index);
                columns.iter_mut().for_each(|(_, v)| v.push(f64::NAN));
                components.iter_mut().for_each(|(_, v)| v.push(Vec::new()));
                indices.len() - 1
            }
        };
        if !score.components.is_empty() {
            let c = match components.iter().position(|(n, _)| *n == k.proxy) {
                Some(c) => c,
                None => {
                    components.push((k.proxy.clone(), vec![Vec::new(); indices.len()]));
                    components.len() - 1
                }
            };
            if components[c].1[row].is_empty() {
                components[c].1[row] = score.components.clone();
            }
        }
        let value = score.mean;
        let col = match columns.iter().position(|(n, _)| *n == k.proxy) {
            Some(c) => c,
            None => {
                columns.push((k.proxy.clone(), vec![f64::NAN; indices.len()]));
                columns.len() - 1
            }
        };
        if columns[col].1[row].is_nan() {
            columns[col].1[row] = value;
        }
    }
    // Population-relative proxies (te_nas, az_nas): ranks within the cells stored here.
    for (name, rows) in components {
        let ranked = ProxyKind::from_name(&name).and_then(|p| p.population_scores(&rows));
        if let (Some(ranked), Some(col)) = (ranked, columns.iter_mut().find(|(n, _)| *n == name)) {
            col.1 = ranked;
        }
    }
    (ScoreColumns { dataset, indices, columns }, best)
}

/// Every stored successful score under exactly `protocol` (any cell, any device; one per cell),
/// by proxy name: the populations new scores are ranked in. One pass over the storage.
pub fn stored_values(protocol: &Protocol) -> std::collections::HashMap<String, Vec<f64>> {
    let mut by_proxy: std::collections::HashMap<String, Vec<f64>> = std::collections::HashMap::new();
    let Some(s) = storage() else { return by_proxy };
    let mut seen = std::collections::HashSet::new();
    for i in 0..s.length().unwrap_or(0) {
        let Some(k) = s.key(i).ok().flatten() else { continue };
        let Some(parsed) = ScoreKey::parse(&k).filter(|p| p.protocol == *protocol) else { continue };
        if let Some(StoredScore { result: Ok(score), .. }) = load(&k)
            && score.mean.is_finite()
            && seen.insert((parsed.proxy.clone(), parsed.arch))
        {
            by_proxy.entry(parsed.proxy).or_default().push(score.mean);
        }
    }
    by_proxy
}
