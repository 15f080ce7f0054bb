#!/usr/bin/env bash
# Adding a thirteenth table needs only a layout file and a CSV: copy the
# shenzhen-2024 set, add 表13, render, and find the new worksheet with its
# header and figures — no C change involved.
#   test_extend.sh BUDGETX LAYOUTS_DIR SAMPLE_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 layouts=$2 sample=$3

mkdir -p "$work/layouts"
cp -r "$layouts/shenzhen-2024" "$work/layouts/"
cat > "$work/layouts/shenzhen-2024/13_部门预算项目表.yaml" <<'YAML'
number: 13
title: 部门预算项目明细表
caption: {left: "部门名称：{unit}", right: 单位：万元}
data: 13_部门预算项目明细表.csv
columns:
  - {title: 项目名称, field: 项目名称, width: 20}
  - title: "{year}年预算数"
    children:
      - {title: 合计, field: 合计, type: amount}
      - {title: 财政拨款, field: 财政拨款, type: amount}
notes: [注：新增的第十三张表。]
YAML
sed -i 's/^  - 12_整体支出绩效目标表.yaml$/&\n  - 13_部门预算项目表.yaml/' "$work/layouts/shenzhen-2024/set.yaml"
cp -r "$sample" "$work/data"
printf '项目名称,合计,财政拨款\n基金监督管理,831.30,831.30\n预算准备金,"1,150.00",150\n' \
  > "$work/data/13_部门预算项目明细表.csv"

"$budgetx" render "$work/data" -o "$work/out" --format xlsx --layouts "$work/layouts"
python3 "$tests_dir/tools/xlsx_canon.py" "$work/out/data.xlsx" 13 > "$work/table13.txt"
cat > "$work/expected.txt" <<'TXT'
sheet: 表13 部门预算项目明细表
row1: 表 13
row2: 部门预算项目明细表
row3: 部门名称：深圳市医疗保障局（本级） | 单位：万元
header:
A4:A5 项目名称
B4:C4 2024年预算数
B5 合计
C5 财政拨款
body:
基金监督管理	831.30	831.30
预算准备金	1,150.00	150.00
注：新增的第十三张表。
merges:
A8:C8 注：新增的第十三张表。
formats: #,##0.00
TXT
same_text "$work/expected.txt" "$work/table13.txt" "the thirteenth table"
finish "a thirteenth table took a layout file and a CSV"
