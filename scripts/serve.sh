#!/usr/bin/env bash
# Serves the explorer at http://127.0.0.1:8080/ (installs what is missing first).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
exec trunk serve --offline "$@"
