#!/usr/bin/env bash
# The checks hold for departments unlike the samples: datasets made by
# bench/gen_dataset.py with 政府性基金 and 国有资本经营 money, basic spending
# from 事业收入 and carry-overs, “三公” paid by projects, 行政运行 under
# several 款 — consistent by construction, so every one must pass `check`
# with no finding, and render.
#   test_generated.sh BUDGETX SOURCE_DIR [SEEDS]
set -uo pipefail
budgetx=$1 src=$2 seeds=${3:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
features=""
for seed in $(seq 1 "$seeds"); do
  d=$work/d$seed
  features+=$(python3 "$src/bench/gen_dataset.py" --out "$d" --seed "$seed" --scale 1 -v 2>&1 | grep -i "feature" || true)
  out=$("$budgetx" check "$d" 2>&1 | tail -1)
  if [ "$out" != "共 0 个错误，0 个尾数差异提示。" ]; then
    echo "FAIL: seed $seed: $out" >&2
    "$budgetx" check "$d" 2>&1 | grep 错误 | head -5 >&2
    failures=$((failures + 1))
  fi
done
# every feature appears among the seeds
for f in fund soe nonapp-basic nonfin-carryover repeated-names sangong-projects; do
  echo "$features" | grep -q "$f" || { echo "FAIL: no seed has $f" >&2; failures=$((failures + 1)); }
done
"$budgetx" render "$work/d1" "$work/d2" "$work/d3" -o "$work/out" 2> "$work/err" ||
  { echo "FAIL: render: $(cat "$work/err")" >&2; failures=$((failures + 1)); }
[ "$failures" -eq 0 ] || exit 1
echo "$seeds generated departments pass every check"
