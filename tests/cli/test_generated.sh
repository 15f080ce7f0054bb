#!/usr/bin/env bash
# The checks hold for departments unlike the samples: datasets made by
# bench/gen_dataset.py with 政府性基金 and 国有资本经营 money, basic spending
# from 事业收入 and carry-overs, “三公” paid by projects, 行政运行 under
# several 款 — consistent by construction, so every one must pass `check`
# with no finding, and render.
#   test_generated.sh BUDGETX SOURCE_DIR [SEEDS]
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 src=$2 seeds=${3:-40}

features=""
for seed in $(seq 1 "$seeds"); do
  d=$work/d$seed
  python3 "$src/bench/gen_dataset.py" --out "$d" --seed "$seed" --scale 1 -v > "$work/gen$seed.log" 2>&1 ||
    { fail "seed $seed: gen_dataset.py: $(tail -3 "$work/gen$seed.log")"; continue; }
  features+=$(grep -i "feature" "$work/gen$seed.log" || true)
  capture "$budgetx" check "$d"
  verdict=$(tail -1 "$run_out")
  if [ "$run_status" -ne 0 ] || [ "$verdict" != "共 0 个错误，0 个尾数差异提示。" ]; then
    fail "seed $seed: check exited $run_status: $verdict
$(cat "$run_out" "$run_err" | grep 错误 | head -5)"
  fi
done
# every feature appears among the seeds
for f in fund soe nonapp-basic nonfin-carryover repeated-names sangong-projects; do
  grep -q "$f" <<< "$features" || fail "no seed has $f"
done
run 0 "$budgetx" render "$work/d1" "$work/d2" "$work/d3" -o "$work/out"

finish "$seeds generated departments pass every check"
