#!/usr/bin/env bash
# Runs every test, installing what is missing first (scripts/setup.sh):
#   formatting and lints (native and wasm32), native tests, browser tests in headless Chromium
#   (WebGPU through SwiftShader, and the CPU) and Firefox ESR (CPU fallback), then the release
#   site built by Trunk, served from a sub-path and driven in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# One build cache for every checkout on this machine (a fresh clone, e.g. CI's, reuses the
# compiled dependencies; without it everything still builds from scratch, only slower).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/zsnas-target}"
export CARGO_TERM_COLOR=never
start=$(date +%s)
step() { printf '\n== [%4ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

step "setup"
bash scripts/setup.sh

step "format"
cargo fmt --check

step "clippy (native)"
cargo clippy --all-targets --locked -- -D warnings

step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "native tests"
cargo test --locked

# Browser tests: tests/web.rs (in the page) and tests/web_worker.rs (in a dedicated worker),
# compiled to wasm32 and run by wasm-bindgen-test-runner.
export WASM_BINDGEN_TEST_TIMEOUT=1200
step "browser tests: Chromium (WebGPU via SwiftShader, and CPU)"
env -u GECKODRIVER CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked --target wasm32-unknown-unknown --test web --test web_worker

step "browser tests: Firefox ESR (CPU fallback)"
env -u CHROMEDRIVER GECKODRIVER="$(command -v geckodriver)" \
  cargo test --locked --target wasm32-unknown-unknown --test web --test web_worker

step "release site (trunk build --release) driven in Chromium"
trunk build --release --offline
bash scripts/site-test.sh dist

step "all tests passed in $(( $(date +%s) - start )) s"
