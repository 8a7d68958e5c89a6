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

# The release site build (Trunk, fat LTO: the longest chain, ~25 CPU-min and 17 min wall cold)
# runs in the background from here, in a target dir of its own so that it never waits on
# cargo's lock, and uses the cores the steps below leave idle (serial links, test runs): a cold
# run measured 100.7 min with it last and the machine 72 % busy. Its log is printed before the
# site test; it is stopped if any step fails.
web_log=$(mktemp)
step "release site build (trunk build --release) started in the background"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR}-web" setsid -w trunk build --release --offline >"$web_log" 2>&1 &
web_pid=$!
trap 'kill -- -"$web_pid" 2>/dev/null || true; rm -f "$web_log"' EXIT

step "format"
cargo fmt --check

step "clippy (native)"
cargo clippy --all-targets --locked -- -D warnings

step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "native tests"
cargo test --locked
# The direct 3×3 convolution kernels (vendor/burn-flex) again, held to their AVX2 path: the
# default run takes AVX-512 where the CPU has it. A no-op check where the CPU lacks AVX2.
ZSNAS_FLEX_KERNELS=avx2 cargo test --locked --test conv_direct

# Browser tests: tests/web.rs (in the page) and tests/web_worker.rs (in a dedicated worker),
# compiled to wasm32 and run by wasm-bindgen-test-runner.
export WASM_BINDGEN_TEST_TIMEOUT=1200
step "browser tests: Chromium (WebGPU via SwiftShader, and CPU)"
env -u GECKODRIVER CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked --target wasm32-unknown-unknown --test web --test web_worker

step "browser tests: Firefox ESR (CPU fallback)"
env -u CHROMEDRIVER GECKODRIVER="$(command -v geckodriver)" \
  cargo test --locked --target wasm32-unknown-unknown --test web --test web_worker

step "release site: waiting for the background trunk build"
web_rc=0
wait "$web_pid" || web_rc=$?
cat "$web_log"
[ "$web_rc" = 0 ] || { echo "trunk build --release failed (exit $web_rc)" >&2; exit 1; }

step "release site driven in Chromium"
bash scripts/site-test.sh dist

step "all tests passed in $(( $(date +%s) - start )) s"
