#!/usr/bin/env bash
# Serves a built site (default dist/) from a sub-path on 127.0.0.1 and drives it in headless
# Chromium (tests/e2e/site.mjs): proves the static build works from any directory.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
[ -f "$dist/index.html" ] || { echo "site-test: no $dist/index.html (run trunk build first)" >&2; exit 1; }
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
root=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$root"' EXIT
mkdir -p "$root/some/sub/path"
cp -r "$dist"/. "$root/some/sub/path/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$root" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
mkdir -p target/site-test
node tests/e2e/site.mjs "http://127.0.0.1:$port/some/sub/path/" target/site-test
