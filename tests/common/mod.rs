//! What the command-line tests share: running the built `zsnas` against the bundled assets.

use std::process::Command;

/// Runs `zsnas args…`; returns (success, stdout, stderr).
pub fn zsnas(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zsnas"))
        .args(args)
        .env("ZSNAS_ASSETS", concat!(env!("CARGO_MANIFEST_DIR"), "/assets"))
        .output()
        .expect("zsnas runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// A fresh folder for one test's output files (named after `tag` and this process) and the
/// path of `scores.csv` in it; remove the folder when done.
#[allow(dead_code)] // each test binary compiles this module; not all of them write files
pub fn scratch(tag: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("zsnas-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("scores.csv");
    (dir, out)
}
