#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing; fast when all is present.
# Sources: rustup (wasm32 target), crates.io (cargo install), Debian (apt). Nothing else is fetched.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*" >&2; }
have_version() { # have_version CMD EXPECTED: true when `CMD --version` mentions EXPECTED
  # grep reads all of it (no -q): an early exit would SIGPIPE the tool and, under pipefail,
  # turn a match into a failure.
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -F "$2" >/dev/null
}
cargo_install() { # cargo_install CRATE VERSION BINARY [extra flags]
  local crate=$1 version=$2 bin=$3; shift 3
  if have_version "$bin" "$version"; then return; fi
  log "installing $crate $version"
  cargo install "$crate" --version "$version" "$@"
}

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

apt_missing=()
for pkg in chromium chromium-driver firefox-esr; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || apt_missing+=("$pkg")
done
if [ ${#apt_missing[@]} -gt 0 ]; then
  log "apt: ${apt_missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
fi

# wasm-bindgen-cli must match the wasm-bindgen library in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, "", $0); print; exit }' Cargo.lock)
[ -n "$wb_version" ] || { log "cannot read wasm-bindgen's version from Cargo.lock"; exit 1; }
# The three installs build side by side: on a bare 2-core machine they took 12.8 min one after
# another, with each one's serial tail (the final crates and the link) leaving a core idle.
pids=()
cargo_install wasm-bindgen-cli "$wb_version" wasm-bindgen & pids+=($!)
cargo_install trunk 0.21.14 trunk --locked & pids+=($!)
cargo_install geckodriver 0.37.1 geckodriver & pids+=($!)
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" = 0 ] || { log "a tool install failed (its output is above)"; exit 1; }
log "ready: $(rustc --version), wasm-bindgen $wb_version, $(trunk --version), $(chromium --version 2>/dev/null | head -1), $(firefox-esr --version 2>/dev/null | head -1)"
