#!/usr/bin/env bash
# Serves the explorer at http://127.0.0.1:8080/ (installs what is missing first).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# One build cache for every checkout on this machine (a fresh clone, e.g. CI's, reuses the
# compiled dependencies; without it everything still builds from scratch, only slower).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/zsnas-target}"
bash scripts/setup.sh
exec trunk serve --offline "$@"
