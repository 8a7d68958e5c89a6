//! The scoring Web Worker's entry point (built by Trunk for wasm32; natively an empty program).

#[cfg(target_arch = "wasm32")]
fn main() {
    zsnas::app::worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
