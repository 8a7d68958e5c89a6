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
