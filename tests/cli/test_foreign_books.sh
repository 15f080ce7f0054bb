#!/usr/bin/env bash
# Workbooks budgetx did not write (docs/workbooks.md): every sample's own
# workbook with its hidden sheet deleted (tests/tools/foreign_books.py
# strip) is read by its titles and headings as tables of the sample's set
# and renders the same tables — every cell of the XLSX (the hidden sheet
# aside) and the PDF's text — as the sample.
#   test_foreign_books.sh BUDGETX SAMPLES_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 samples=$2
tools=$tests_dir/tools

# every cell of a workbook but its hidden sheet's
cells() { python3 "$tools/xlsx_cells.py" "$1" | sed '/^== budgetx$/,$d'; }
yaml_value() { sed -n "s/^$2: *//p" "$1/dataset.yaml" | head -n 1; }

compared=0
for sample in "$samples"/*/; do
  name=$(basename "$sample") set=$(yaml_value "$sample" template)
  capture "$budgetx" render "$sample" -o "$work/$name" --format both --tables-only -q --force
  grep -q "没有表格的报告" "$run_err" && continue # a report, no tables to read
  [ "$run_status" = 0 ] || { fail "$name: not rendered: $(cat "$run_err")"; continue; }
  python3 "$tools/foreign_books.py" strip "$work/$name/$name.xlsx" "$work/$name.xlsx"
  capture "$budgetx" import "$work/$name.xlsx" --set "$set" -o "$work/$name-read" -q
  if grep -q "请用 --unit" "$run_err"; then
    # a set whose tables never print the unit's name (the 自评表)
    [ "$set" = selfeval ] || fail "$name: no unit's name read from its titles: $(cat "$run_err")"
    capture "$budgetx" import "$work/$name.xlsx" --set "$set" -o "$work/$name-read" -q \
      --unit "$(yaml_value "$sample" unit)" --year "$(yaml_value "$sample" year)"
  fi
  [ -f "$work/$name-read/dataset.yaml" ] || { fail "$name: not imported: $(cat "$run_err")"; continue; }
  run 0 "$budgetx" render "$work/$name-read" -o "$work/$name-again" --format both --tables-only -q --force
  cells "$work/$name/$name.xlsx" > "$work/$name.cells"
  cells "$work/$name-again/$name-read.xlsx" > "$work/$name-again.cells"
  same_text "$work/$name.cells" "$work/$name-again.cells" "$name: the XLSX's cells"
  pdftotext -layout "$work/$name/$name.pdf" "$work/$name.txt"
  pdftotext -layout "$work/$name-again/$name-read.pdf" "$work/$name-again.txt"
  same_text "$work/$name.txt" "$work/$name-again.txt" "$name: the PDF's text"
  compared=$((compared + 1))
done
[ "$compared" -ge 7 ] || fail "only $compared samples compared"

# without --set: the one set whose every table the sheets are
run 0 "$budgetx" import "$work/shenzhen-2024.xlsx" -o "$work/guessed" -q
expect_in "$work/guessed/dataset.yaml" "template: shenzhen-2024" "the set guessed from the sheets"
run 0 "$budgetx" import "$work/shenzhen-2022.xlsx" -o "$work/guessed-2022" -q
expect_in "$work/guessed-2022/dataset.yaml" "template: shenzhen-2022" "2022's tables are not 2024's"
run 1 "$budgetx" import "$work/putuo-2025-office.xlsx" -o "$work/ambiguous" -q
expect_err "这个工作簿的表格可以是模板 shanghai-putuo-2025、shanghai-putuo-2025-unit、shanghai-putuo-2025-wanli 中任一个的：请用 --set 指定"
finish "every sample's workbook without its hidden sheet reads back to the same tables ($compared samples)"
