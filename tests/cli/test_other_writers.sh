#!/usr/bin/env bash
# Workbooks other writers made of the samples' tables (docs/workbooks.md),
# read with --set and rendered again: the same tables (the PDF's text, and
# the XLSX's cells) as the sample gives.
#   - the bench's Python peer (XlsxWriter), from the model dump;
#   - a workbook laid out as offices keep it (tests/tools/office_books.py,
#     openpyxl): title merged wider, a blank row, 单位：元 for 万元 on every
#     other table, amounts as text with separators, full-width-space
#     indentation, a hidden helper column, a footnote row;
#   - LibreOffice's .xlsx and .xls (BIFF8, read with FreeXL) of the office
#     workbook of shenzhen-2024.
#   test_other_writers.sh BUDGETX SAMPLES_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 samples=$2
tools=$tests_dir/tools peer=$tests_dir/../bench/peers/python_pipeline.py
py=/usr/bin/python3 # Debian's, with python3-xlsxwriter and python3-openpyxl

cells() { python3 "$tools/xlsx_cells.py" "$1" | sed '/^== budgetx$/,$d'; }
yaml_value() { sed -n "s/^$2: *//p" "$1/dataset.yaml" | head -n 1; }

# read BOOK as tables of SAMPLE's set and compare what it renders
same_tables() {
  local book=$1 sample=$2 what=$3 name set out
  name=$(basename "$sample") set=$(yaml_value "$sample" template)
  out=$work/read-$what-$name
  local hints=()
  [ "$set" = selfeval ] && hints=(--unit "$(yaml_value "$sample" unit)" --year "$(yaml_value "$sample" year)")
  capture "$budgetx" import "$book" --set "$set" "${hints[@]}" -o "$out" -q
  [ -f "$out/dataset.yaml" ] || { fail "$what of $name: not imported: $(cat "$run_err")"; return; }
  run 0 "$budgetx" render "$out" -o "$out-again" --format both --tables-only -q --force
  pdftotext -layout "$out-again/$(basename "$out").pdf" "$out.txt"
  same_text "$work/$name/$name.txt" "$out.txt" "$what of $name: the PDF's text"
  cells "$out-again/$(basename "$out").xlsx" > "$out.cells"
  # our writer's own cells: the figures and texts, not another writer's formats
  same_text "$work/$name/$name.cells" "$out.cells" "$what of $name: the XLSX's cells"
}

compared=0
for sample in "$samples"/*/; do
  name=$(basename "$sample")
  capture "$budgetx" render "$sample" -o "$work/$name" --format both --tables-only -q --force
  grep -q "没有表格的报告" "$run_err" && continue
  run 0 "$budgetx" render "$sample" -o "$work/$name" --format dump --tables-only -q --force
  pdftotext -layout "$work/$name/$name.pdf" "$work/$name/$name.txt"
  cells "$work/$name/$name.xlsx" > "$work/$name/$name.cells"
  "$py" "$peer" --format xlsx -o "$work/peer" "$work/$name/$name.dump.txt"
  same_tables "$work/peer/$name.xlsx" "$sample" peer
  "$py" "$tools/office_books.py" "$work/$name/$name.dump.txt" "$work/office-$name.xlsx"
  same_tables "$work/office-$name.xlsx" "$sample" office
  compared=$((compared + 1))
done
[ "$compared" -ge 7 ] || fail "only $compared samples compared"

# LibreOffice's own profile in $work: tests run side by side
lo=(soffice -env:UserInstallation="file://$work/lo-profile" --headless)
mkdir -p "$work/lo-xls" "$work/lo-xlsx"
"${lo[@]}" --convert-to xls --outdir "$work/lo-xls" "$work/office-shenzhen-2024.xlsx" > /dev/null 2>&1
"${lo[@]}" --convert-to xlsx --outdir "$work/lo-xlsx" "$work/office-shenzhen-2024.xlsx" > /dev/null 2>&1
same_tables "$work/lo-xls/office-shenzhen-2024.xls" "$samples/shenzhen-2024" libreoffice-xls
same_tables "$work/lo-xlsx/office-shenzhen-2024.xlsx" "$samples/shenzhen-2024" libreoffice-xlsx
finish "other writers' workbooks of $compared samples (XlsxWriter, openpyxl office-style), LibreOffice's .xlsx and .xls: the same tables"
