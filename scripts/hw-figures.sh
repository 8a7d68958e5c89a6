#!/usr/bin/env bash
# Writes the hardware-aware selection figures of docs/REPRODUCTION.md (Markdown on stdout):
# for each device/metric and reference score set, the accuracy of the network each proxy picks
# at three budgets (the cheapest 10 %, 50 % and 100 % of cells) against the true best feasible
# network, then the mean gap over proxies as the budget sweeps.
# Usage: bash scripts/hw-figures.sh > /tmp/hw.md   (needs a built zsnas: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
zsnas="${ZSNAS:-${CARGO_TARGET_DIR:-target}/release/zsnas}"

echo "### Picked vs best accuracy at three budgets (CIFAR-10, test accuracy, 200 epochs)"
for ref in freerea naslib; do
  for m in raspi4 pixel3 eyeriss fpga est:edgegpu 1080ti_32 gold_6226 samsung_a50 flops_m; do
    echo
    echo "#### \`$m\`, scores: $ref"
    echo
    "$zsnas" hw --metric "$m" --reference "$ref" --dataset cifar10 --quantiles 0.1,0.5,1 --wide --format md
  done
done

for d in cifar100 imagenet16_120; do
  echo
  echo "### Picked vs best accuracy at three budgets ($d, FreeREA scores)"
  for m in raspi4 pixel3 eyeriss fpga; do
    echo
    echo "#### \`$m\`"
    echo
    "$zsnas" hw --metric "$m" --reference freerea --dataset "$d" --quantiles 0.1,0.5,1 --wide --format md
  done
done

echo
echo "### Median gap over proxies as the budget loosens (CIFAR-10)"
echo
echo "| metric | scores | q0.05 | q0.1 | q0.25 | q0.5 | q0.75 | q1 |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for ref in freerea naslib; do
  for m in raspi4 pixel3 eyeriss fpga est:edgegpu 1080ti_32 gold_6226 samsung_a50 flops_m; do
    "$zsnas" hw --metric "$m" --reference "$ref" --dataset cifar10 --quantiles 0.05,0.1,0.25,0.5,0.75,1 --wide --format csv \
      | awk -F, -v m="$m" -v r="$ref" '$1 == "median over proxies" { printf "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", m, r, $6, $10, $14, $18, $22, $26 }'
  done
done
