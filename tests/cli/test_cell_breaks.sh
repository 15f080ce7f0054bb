#!/usr/bin/env bash
# Line breaks inside the tables' cells, on every sample's PDF, as the
# published tables set them (tests/tools/cell_breaks.py): headings in two
# lines at most, short labels and bracketed phrases never broken; and the
# cases the 2024 document shows: 表9's "增减变化金额" and the unit's name
# "深圳市医疗保障局（本级）" each on one line.
#   test_cell_breaks.sh BUDGETX SAMPLES_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 samples=$2

pdfs=()
for sample in "$samples"/*/; do
  name=$(basename "$sample")
  run 0 "$budgetx" render "$sample" -o "$work/$name" --format pdf -q --force
  pdfs+=("$work/$name"/*.pdf)
done
[ "${#pdfs[@]}" -ge 8 ] || fail "only ${#pdfs[@]} samples rendered"
python3 "$tests_dir/tools/cell_breaks.py" check "${pdfs[@]}" > "$work/check.txt" ||
  fail "$(cat "$work/check.txt")"

python3 "$tests_dir/tools/cell_breaks.py" list "$work/shenzhen-2024/shenzhen-2024.pdf" > "$work/list.txt"
grep -q "政府性基/金预算" "$work/list.txt" || fail "表9's headings are not in two lines: $(cat "$work/list.txt")"
grep -q "增减变\|深圳市医疗保障局/\|深圳市医疗保障/" "$work/list.txt" &&
  fail "a label the published tables keep whole is broken: $(grep "增减变\|深圳市医疗保障" "$work/list.txt")"
pdftotext -layout "$work/shenzhen-2024/shenzhen-2024.pdf" "$work/all.txt"
expect_in "$work/all.txt" "增减变化金额" "表9's label, on one line"
finish "the tables' cells break their lines as the published tables do, on every sample"
