#!/usr/bin/env bash
# A 普陀区 department no published document shows renders with the district's
# layout set unchanged: money from all three budgets (the 政府性基金 and 国有资本
# 经营 tables with rows), 事业收入 and 其他收入, 33 functional 项 over several
# pages (tests/tools/gen_putuo.py, three seeds); check finds nothing.
#   test_putuo_synthetic.sh BUDGETX
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1

for seed in 1 2 3; do
  data="$work/seed$seed"
  python3 "$tests_dir/tools/gen_putuo.py" "$data" "$seed" > /dev/null
  run 0 "$budgetx" check "$data"
  grep -q "共 0 个错误，0 个尾数差异提示" "$run_out" || fail "seed $seed: $(tail -3 "$run_out")"
  run 0 "$budgetx" render "$data" -o "$work/out$seed" -q
  run 0 "$budgetx" render "$data" -o "$work/dump$seed" --format dump -q
  dump=$(ls "$work/dump$seed"/*.dump.txt)
  grep -q "故本表为空表" "$dump" && fail "seed $seed: a fund table is empty"
  grep -qP "^A\d+\tcode\ttext\t212$" "$dump" || fail "seed $seed: no 212 城乡社区支出 row"
  grep -qP "^A\d+\tcode\ttext\t223$" "$dump" || fail "seed $seed: no 国有资本经营预算 row"
  pages=$(pdfinfo "$(ls "$work/out$seed"/*.pdf)" | awk '/^Pages:/ {print $2}')
  [ "$pages" -gt 13 ] || fail "seed $seed: $pages pages, expected the long tables to run over several"
done
finish "three generated 普陀区 departments render and check clean with the district's set"
