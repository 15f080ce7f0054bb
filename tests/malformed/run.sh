#!/usr/bin/env bash
# Malformed and messy input (tests/malformed/README.md lists the cases):
# every malformed case gets one clear message with file, line and column,
# exit status 1, and no output written; every messy-but-valid case renders.
#   run.sh BUDGETX SAMPLE_DIR LAYOUTS_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2 layouts=$3
cases=0

fresh() { # a copy of the sample and of the layouts to break
  rm -rf "$work/data" "$work/layouts" "$work/out"
  cp -r "$sample" "$work/data"
  mkdir -p "$work/layouts"
  cp -r "$layouts/shenzhen-2024" "$work/layouts/"
}

# bad NAME MESSAGE — render must fail with status 1, print MESSAGE, write nothing
bad() {
  cases=$((cases + 1))
  capture "$budgetx" render "$work/data" -o "$work/out" --layouts "$work/layouts"
  [ "$run_status" -eq 1 ] || fail "$1: exit status $run_status, expected 1 ($(tail -1 "$run_err"))"
  grep -qF -- "$2" "$run_err" || fail "$1: no '$2' in: $(tail -2 "$run_err")"
  expect_empty "$work/out" "$1"
}

# good NAME — messy but valid input renders both files
good() {
  cases=$((cases + 1))
  capture "$budgetx" render "$work/data" -o "$work/out" --layouts "$work/layouts"
  [ "$run_status" -eq 0 ] || fail "$1: render exited $run_status: $(tail -2 "$run_err")"
  [ "$(ls "$work/out" 2>/dev/null | wc -l)" -eq 2 ] || fail "$1: expected 2 files"
}

csv3=03_支出总表.csv
csv7=07_一般公共预算支出表按功能分类.csv

# ---- CSV ----
fresh; printf ',"2999,未完\n' >> "$work/data/$csv3"
bad "unbalanced quote" "$csv3:22: 第 22 行：CSV 格式错误：引号没有结束"
fresh; sed -i '3s/$/,9/' "$work/data/$csv3"
bad "wrong column count" "$csv3:3: 第 3 行：这一行有 13 列，表头有 12 列"
fresh; sed -i '1s/$/,备注/; 2,$s/$/,/' "$work/data/$csv3"
bad "unknown column" "$csv3:1:13: 第 1 行第 13 列：未知的列“备注”"
fresh; sed -i '1s/^预算单位,/单位,/' "$work/data/$csv3"
bad "missing required column" "$csv3:1: 第 1 行：缺少列“预算单位”"
fresh; sed -i '3p' "$work/data/$csv3"
bad "duplicate code" "科目编码 208 重复（第 3 行已有）"
fresh; : > "$work/data/$csv7"
bad "empty file" "$csv7: 文件是空的：第一行应为表头"
fresh; head -c 3000 /dev/urandom | tr -d '\n' > "$work/data/$csv7"; printf '\x80\xff\n' >> "$work/data/$csv7"
bad "binary data" "$csv7"
fresh; python3 -c "import sys; sys.stdout.write('任务名称,主要内容,总额,财政拨款,其他资金\n甲,' + 'x' * 200000 + ',1,1,0\n')" > "$work/data/12_年度主要任务.csv"
bad "cell over the limit" "12_年度主要任务.csv:2:2: 第 2 行第 2 列：单元格超过 100000 字节的上限"
fresh; printf '\x00\x01\x02' > "$work/data/$csv7"
bad "NUL bytes" "$csv7:1: 第 1 行（第 1 字节）：文件含有空字符（NUL），不是文本文件"

# ---- amounts ----
fresh; sed -i '3s/,1259.77,1259.77,/,99999999999999999999,1259.77,/' "$work/data/$csv3"
bad "overflow beyond int64" "$csv3:3:4: 第 3 行第 4 列：金额超出可处理的范围“99999999999999999999”"
fresh; sed -i '3s/,1259.77,1259.77,/,"1,2,3",1259.77,/' "$work/data/$csv3"
bad "1,2,3" "$csv3:3:4: 第 3 行第 4 列：金额的千位分隔符位置不正确“1,2,3”"
fresh; sed -i '3s/,1259.77,1259.77,/,１２３,1259.77,/' "$work/data/$csv3"
bad "full-width digits" "$csv3:3:4: 第 3 行第 4 列：金额格式无效“１２３”"
fresh; sed -i '3s/,1259.77,1259.77,/,1259.775,1259.77,/' "$work/data/$csv3"
bad "too many decimals" "$csv3:3:4: 第 3 行第 4 列：金额的小数位数超过允许的位数“1259.775”（最多 2 位小数）"

# ---- dataset.yaml ----
fresh; sed -i 's/^year: 2024$/year: [2024/' "$work/data/dataset.yaml"
bad "dataset YAML syntax" "dataset.yaml:"
fresh; sed -i 's/^year: 2024$/year: [2024]/' "$work/data/dataset.yaml"
bad "dataset wrong type" "dataset.yaml:4:7: “year”应为单个值"
fresh; sed -i 's/^year: 2024$/year: 2024\nyaer: 2024/' "$work/data/dataset.yaml"
bad "dataset unknown key" "dataset.yaml:5:1: 未知的键“yaer”"

# ---- layouts ----
L=$work/layouts/shenzhen-2024
fresh; sed -i 's/^title: 支出总表$/title: [支出总表/' "$L/03_支出总表.yaml"
bad "layout YAML syntax" "03_支出总表.yaml:"
fresh; sed -i 's/^title: 支出总表$/title: [支出总表]/' "$L/03_支出总表.yaml"
bad "layout wrong type" "03_支出总表.yaml:4:8: “title”应为单个值"
fresh; sed -i 's/^title: 支出总表$/title: 支出总表\ntitel: 支出总表/' "$L/03_支出总表.yaml"
bad "layout unknown key" "03_支出总表.yaml:5:1: 未知的键“titel”"
fresh; sed -i 's/      - {field: 目标值, span: 3}/      - {field: 目标值, span: 2}/' "$L/12_整体支出绩效目标表.yaml"
bad "spans that do not add up" "12_整体支出绩效目标表.yaml:54:11: 这一行的单元格共占 5 列，应占 6 列"
fresh; sed -i 's/  - {title: 支出总计, field: 支出总计, type: amount, width: 6}/  - {title: 支出总计, type: amount, width: 6}/' "$L/03_支出总表.yaml"
bad "a column bound to no data" "03_支出总表.yaml:13:5: 列“支出总计”没有绑定数据（缺少 field）"
fresh; python3 - "$L/07_一般公共预算支出表按功能分类.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
deep = "".join("  " * (i + 1) + "- title: 组%d\n" % i + "  " * (i + 1) + "  children:\n" for i in range(40))
deep += "  " * 41 + "- {title: 叶, field: 叶, type: amount}\n"
s = s.replace("columns:\n", "columns:\n" + deep, 1)
open(p, "w", encoding="utf-8").write(s)
PY
bad "deep nesting" "表头层级超过 16 层的上限"

# ---- messy but valid ----
fresh; for f in "$work/data"/*.csv; do printf '\xef\xbb\xbf' | cat - "$f" | sed 's/$/\r/' > "$f.tmp" && mv "$f.tmp" "$f"; printf '\r\n\r\n,,,\r\n' >> "$f"; done
good "BOM, CRLF, trailing blank lines"
fresh; printf '%s' "$(cat "$work/data/$csv7")" > "$work/data/$csv7"
good "last line without newline"
fresh; for f in "$work/data"/*.csv; do iconv -f UTF-8 -t GB18030 "$f" > "$f.tmp" && mv "$f.tmp" "$f"; done
good "GB18030 (GBK) files"
fresh; sed -i '3s/,1259.77,1259.77,/,"1,259.77","1,259.77",/' "$work/data/$csv3"
good "thousands separators"
fresh; python3 -c "import sys; sys.stdout.write('任务名称,主要内容,总额,财政拨款,其他资金\n基本支出,' + '长文本，' * 7500 + ',11254.27,11254.27,0\n')" > "$work/data/12_年度主要任务.csv"
"$budgetx" render "$work/data" -o "$work/out" --layouts "$work/layouts" --force > /dev/null 2> "$work/err" ||
  fail "a 30,000-character cell: $(tail -1 "$work/err")"
cases=$((cases + 1))
fresh; sed -i '3s/,社会保障和就业支出,/,=SUM(A1:A9),/' "$work/data/$csv3"
"$budgetx" render "$work/data" -o "$work/out" --format xlsx --force > /dev/null 2>&1 || fail "formula-looking text"
# files, not pipes into grep -q: under pipefail unzip's SIGPIPE would
# hide a match
unzip -p "$work/out/data.xlsx" xl/worksheets/sheet3.xml > "$work/sheet3.xml"
unzip -p "$work/out/data.xlsx" xl/sharedStrings.xml > "$work/strings.xml"
if grep -q "<f>" "$work/sheet3.xml"; then fail "a formula was written"; fi
expect_in "$work/strings.xml" "=SUM(A1:A9)" "formula text in the shared strings"
cases=$((cases + 1))

[ "$failures" -eq 0 ] || echo "FAIL: $failures check(s) of $cases malformed-input cases failed" >&2
finish "$cases malformed-input cases behave"
