//! Scores kept in the browser's localStorage, keyed by cell + protocol + device + proxy, so a
//! reload or a revisit shows them again and recomputes nothing. Storage that is missing, full or
//! holds something unreadable is treated as empty: never a panic.

use crate::compute::DeviceKind;
use crate::proxy::Protocol;
use crate::proxy::run::Scored;

/// Version prefix: bump it when the meaning of a stored score changes.
const PREFIX: &str = "zsnas.score.v1";

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
    format!("{PREFIX}|{arch}|{}|{}|{proxy}", protocol.key(), device.name())
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
