#!/usr/bin/env bash
# Web speed figures for the README (not part of CI): compressed bytes of wasm + assets, page
# interactive time, 15,625-point scatter redraw, and one cell scored with every proxy in the
# worker on WebGPU (SwiftShader here) and the wasm CPU, next to the native CPU.
# Usage: bash scripts/web-bench.sh [BATCH]   (builds dist/ with trunk first if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
batch=${1:-8}
bash scripts/setup.sh
[ -f dist/index.html ] || trunk build --release --offline
echo "== compressed bytes (gzip -9)"
total=0
for f in dist/*.wasm dist/*.js dist/*.css dist/assets/*; do
  n=$(gzip -9 -c "$f" | wc -c)
  total=$((total + n))
  printf '%10d  %s\n' "$n" "$f"
done
printf '%10d  total\n' "$total"
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
root=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$root"' EXIT
mkdir -p "$root/zsnas"
cp -r dist/. "$root/zsnas/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$root" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
echo "== browser (headless Chromium)"
node tests/e2e/bench.mjs "http://127.0.0.1:$port/zsnas/" "$batch"
echo "== native CPU, same cell and batch (release)"
arch='|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|'
cargo build --release --quiet
echo "$arch" > "$root/arch.txt"
/usr/bin/time -f '%e s wall' target/release/zsnas score --dataset cifar10 --proxies all --archs-file "$root/arch.txt" \
  --batch-size "$batch" --device cpu --out "$root/native.csv" 2>&1 | tail -1
