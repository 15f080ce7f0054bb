#!/usr/bin/env bash
# Deformations of an office's workbook of shenzhen-2024
# (tests/tools/office_books.py --deform): each either reads to a dataset
# that renders the same tables as the sample, or is refused with a message
# naming the cell (or the sheet and cell) to fix.
#   test_deformed_books.sh BUDGETX SAMPLES_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 samples=$2
py=/usr/bin/python3 # Debian's, with python3-openpyxl
sample=$samples/shenzhen-2024

run 0 "$budgetx" render "$sample" -o "$work/sample" --format both --tables-only -q --force
run 0 "$budgetx" render "$sample" -o "$work/sample" --format dump --tables-only -q --force
pdftotext -layout "$work/sample/shenzhen-2024.pdf" "$work/sample.txt"
dump=$work/sample/shenzhen-2024.dump.txt

# deformation → what reading it gives: "same", or the message (a fixed string)
same() {
  local name=$1
  "$py" "$tests_dir/tools/office_books.py" --deform "$name" "$dump" "$work/$name.xlsx"
  run 0 "$budgetx" import "$work/$name.xlsx" --set shenzhen-2024 -o "$work/$name" -q
  run 0 "$budgetx" render "$work/$name" -o "$work/$name-again" --format pdf --tables-only -q
  pdftotext -layout "$work/$name-again/$name.pdf" "$work/$name.txt"
  same_text "$work/sample.txt" "$work/$name.txt" "$name: the tables"
}
refused() {
  local name=$1 message=$2
  "$py" "$tests_dir/tools/office_books.py" --deform "$name" "$dump" "$work/$name.xlsx"
  run 1 "$budgetx" import "$work/$name.xlsx" --set shenzhen-2024 -o "$work/$name" -q
  expect_err "$message"
}

same rows-above
same shift-right
same blank-rows
same all-yuan
same unit-row
same spaced-headings
same split-code
same extra-sheet
refused heading-changed "$work/heading-changed.xlsx: 表3 支出总表!F4：表头应为“基本支出”，工作簿中为“基本经费”"
refused bad-amount "$work/bad-amount.xlsx: 表3 支出总表!E6：金额格式无效“1,2,34.5”"
refused twice "表3 支出总表 副本!A1：工作表“表3 支出总表”和这张工作表都是表 3 支出总表，只能有一张"
expect_empty "$work/twice" "a refused workbook"
# the total is a figure of the data: read, and the check says it disagrees, at its cell
refused total-edited "$work/total-edited.xlsx: 表3 支出总表!E6: 错误：表3 支出总表，深圳市医疗保障局（本级），支出总计：应为 21,866.99，实为 21,867.99，差 1.00"
# --diff names the cell of the workbook read, not of ours
capture "$budgetx" import "$work/total-edited.xlsx" --set shenzhen-2024 -o "$work/diffed" -q \
  --diff "$sample"
expect_out "表3 支出总表!E6  深圳市医疗保障局（本级） · 支出总计：21,866.99 → 21,867.99"
# a sheet that is no table: said, not an error
capture "$budgetx" import "$work/extra-sheet.xlsx" --set shenzhen-2024 -o "$work/extra-again"
expect_err "工作表“填报说明”不是模板 shenzhen-2024 中的表，未读入"
finish "12 deformations of an office's workbook: 8 read to the same tables, 4 refused at their cells"
