//! `zsnas`: the command-line front end (native only; empty on wasm32).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    zsnas::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
