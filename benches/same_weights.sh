#!/usr/bin/env bash
# Same network, same images: exports NB201 cells exactly as `zsnas score` builds them (initial
# weights, batch 0, our scores; examples/export_cell.rs) and recomputes NASLib's proxies on them
# in PyTorch (benches/same_weights.py), so that only the implementation differs. Prints, per
# proxy, the largest and median relative difference and the Spearman ρ over the cells.
#
#   bash benches/same_weights.sh --dataset cifar10 --indices 4811,5480 [--seed 0]
#        [--proxies l2_norm,grad_norm,...] [--threads T] [--keep DIR]
#
# Default protocol otherwise (batch 64, PyTorch init, batch-statistics BN, real images). The
# release example is built when missing; benches/.venv is created as for benches/compare.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
DATASET=cifar10 SEED=0 INDICES="" THREADS=$(nproc) KEEP=""
PROXIES=l2_norm,grad_norm,plain,snip,synflow,nwot,fisher,jacob_cov,epe_nas,grasp
while [ $# -gt 0 ]; do
  case "$1" in
    --dataset) DATASET=$2; shift 2 ;;
    --indices) INDICES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --proxies) PROXIES=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    *) echo "same_weights.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$INDICES" ] || { echo "same_weights.sh: --indices a,b,c is required" >&2; exit 2; }
source benches/torch_venv.sh
OUT=${KEEP:-$(mktemp -d)}
[ -n "$KEEP" ] || trap 'rm -rf "$OUT"' EXIT
mkdir -p "$OUT"
RAYON_NUM_THREADS=$THREADS cargo run --quiet --release --locked --example export_cell -- \
  "$DATASET" "$SEED" "$OUT" "$INDICES" "$PROXIES"
"$VENV/bin/python" benches/same_weights.py "$OUT" --proxies "$PROXIES" --threads "$THREADS"
