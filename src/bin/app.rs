//! The web page's entry point (built by Trunk for wasm32; natively an empty program).

#[cfg(target_arch = "wasm32")]
fn main() {
    zsnas::app::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
