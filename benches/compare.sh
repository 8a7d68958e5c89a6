#!/usr/bin/env bash
# Times nwot, snip, synflow, jacob_cov, ntk_cond and zico with `zsnas bench` and with the PyTorch
# CPU reference (benches/pytorch_reference.py) on the same cells, batch, runs and warm-up, in the
# same run, and prints: proxy, cell, ours ms, PyTorch ms, ours/theirs (medians).
#
#   ZSNAS=target/release/zsnas bash benches/compare.sh [--runs N] [--warmup W] [--cells a,b] [--batch-size B]
#                                                      [--threads T] [--proxies p,q]
#
# Creates benches/.venv with `pip install torch numpy` from PyPI when missing (several GB: the
# default Linux wheel of torch pulls the CUDA libraries). ntk_cond (B backward passes) is timed on
# one run without warm-up on both sides (--slow-runs). Both sides use --threads threads (default:
# as many as cores): PyTorch through torch.set_num_threads, zsnas's Flex backend through
# RAYON_NUM_THREADS (natively burn-flex is built with rayon). On a machine busy with other work,
# threads that outnumber the free cores make either side several times slower (docs/SPEED.md);
# compare with --threads 1 there. --proxies picks a subset of the six (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
ZSNAS=${ZSNAS:-target/release/zsnas}
RUNS=5 WARMUP=1 BATCH=64 CELLS="" THREADS=$(nproc) PROXIES=nwot,snip,synflow,jacob_cov,ntk_cond,zico
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --batch-size) BATCH=$2; shift 2 ;;
    --cells) CELLS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --proxies) PROXIES=$2; shift 2 ;;
    *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$ZSNAS" ] || { echo "compare.sh: no zsnas binary at $ZSNAS (cargo build --release, or set ZSNAS)" >&2; exit 1; }
source benches/torch_venv.sh
CELL_ARGS=()
[ -n "$CELLS" ] && CELL_ARGS=(--cells "$CELLS")
OURS=$(mktemp) THEIRS=$(mktemp)
trap 'rm -f "$OURS" "$THEIRS"' EXIT
RAYON_NUM_THREADS=$THREADS "$ZSNAS" bench --proxies "$PROXIES" --runs "$RUNS" --warmup "$WARMUP" --batch-size "$BATCH" \
  --suite-runs 0 --format json "${CELL_ARGS[@]}" > "$OURS"
# The same cells as arch strings (zsnas accepts NATS indices too; the reference only arch strings).
ARCHS=$("$VENV/bin/python" -c 'import json,sys; print(",".join(dict.fromkeys(r["cell"] for r in json.load(open(sys.argv[1])))))' "$OURS")
"$VENV/bin/python" benches/pytorch_reference.py --cells "$ARCHS" --proxies "$PROXIES" --runs "$RUNS" \
  --warmup "$WARMUP" --batch-size "$BATCH" --threads "$THREADS" > "$THEIRS"
"$VENV/bin/python" - "$OURS" "$THEIRS" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))
theirs = json.load(open(sys.argv[2]))
ref = {(r["proxy"], r["cell"]): r for r in theirs["rows"]}
print(f"PyTorch {theirs['torch']}, {theirs['threads']} threads, batch {theirs['batch_size']}; medians in ms")
print(f"{'proxy':<10} {'cell':<100} {'ours ms':>10} {'PyTorch ms':>11} {'ours/theirs':>11}")
for r in ours:
    t = ref.get((r["proxy"], r["cell"]))
    if t is None:
        continue
    print(f"{r['proxy']:<10} {r['cell']:<100} {r['median_ms']:>10.1f} {t['median_ms']:>11.1f} {r['median_ms'] / t['median_ms']:>11.2f}")
PY
