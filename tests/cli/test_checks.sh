#!/usr/bin/env bash
# The checks catch real mistakes at the right place: corrupted copies of the
# 2024 sample (a digit changed, a row dropped, a child code without its
# parent, a total edited, figures too big to add), the exit statuses of
# check and render, --force and --format json.
#   test_checks.sh BUDGETX SAMPLE_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2

# corrupt NAME SED_SCRIPT FILE — a copy of the sample with one edit
corrupt() {
  rm -rf "${work:?}/$1"
  cp -r "$sample" "$work/$1"
  sed -i "$2" "$work/$1/$3"
}

# expect_finding NAME STRING — `check` exits 1 and reports STRING
expect_finding() {
  run 1 "$budgetx" check "$work/$1"
  cat "$run_out" "$run_err" > "$work/$1.report"
  grep -qF -- "$2" "$work/$1.report" || fail "$1: no '$2' in: $(grep 错误 "$work/$1.report" | head -5)"
}

# one digit typed wrong: 行政运行 8347.26 → 8347.36 in 表3
corrupt digit '14s/,8347.26,/,8347.36,/' 03_支出总表.csv
expect_finding digit "03_支出总表.csv:14:4: 错误：表3 支出总表，2101501 行政运行，支出总计：应为 8,347.27，实为 8,347.36，差 0.09"

# a row dropped: 2080501 行政单位离退休 leaves 20805 short in 表7
corrupt dropped '/^,2080501,/d' 07_一般公共预算支出表按功能分类.csv
expect_finding dropped "07_一般公共预算支出表按功能分类.csv:4:4: 错误：表7 一般公共预算支出表（按功能分类），20805 行政事业单位养老支出，支出总计：应为 954.34，实为 1,257.56，差 303.22"

# a child code without its parent: 2210203 → 2210303 in 表3
corrupt orphan 's/^,2210203,/,2210303,/' 03_支出总表.csv
expect_finding orphan "错误：表3 支出总表，2210303 购房补贴：科目 2210303 没有上级科目 22103"

# a total edited: 表1 收入总计 21866.99 → 21966.99
corrupt total 's/^收入,合计,,收入总计,21866.99$/收入,合计,,收入总计,21966.99/' 01_收支总表.csv
expect_finding total "01_收支总表.csv:17:5: 错误：表1 收支总表，收入总计，金额：应为 21,866.99，实为 21,966.99，差 100.00"

# a figure that differs between tables, its own table still adding up:
# 表9's 2024 公务接待费 1.44 → 1.54 (with its 总计 and 增减变化金额)
corrupt cross 's/^,2024年,43.44,0.00,0.00,0.00,0.00,0.00,1.44,/,2024年,43.54,0.00,0.00,0.00,0.00,0.00,1.54,/; s/^,增减变化金额,0.00,0.00,0.00,0.00,0.00,0.00,0.00,/,增减变化金额,0.10,0.00,0.00,0.00,0.00,0.00,0.10,/' 09_三公经费支出表.csv
expect_finding cross "错误：表8 一般公共预算支出表（按经济分类），30217 公务接待费，支出总计：应为 1.54，实为 1.44，差 -0.10"

# figures too big to add: two parts of 9,223,372,036,854.77 under a total of
# −0.01 would wrap into a rounding notice; they are an error at the total
corrupt huge '14s/^,2101501,行政运行,8347.26,7364.94,982.33,/,2101501,行政运行,-0.01,9223372036854.77,9223372036854.77,/' 03_支出总表.csv
expect_finding huge "03_支出总表.csv:14:4: 错误：表3 支出总表，2101501 行政运行，支出总计：超出可处理的范围（检查：支出总计 = 基本支出 + 项目支出 + 事业单位经营支出 + 对附属单位补助支出 + 上缴上级支出）"
grep -q "尾数差异）：表3 支出总表，2101501 行政运行，支出总计" "$work/huge.report" &&
  fail "huge: a wrapped sum passed as a rounding notice"

# render refuses on errors and writes nothing; --force writes both files
run 1 "$budgetx" render "$work/digit" -o "$work/refused"
grep -q "一致性检查发现 .* 个错误，未写入文件" "$run_err" || fail "render's refusal: $(tail -1 "$run_err")"
expect_empty "$work/refused" "render with errors"
run 0 "$budgetx" render "$work/digit" -o "$work/forced" --force
[ "$(ls "$work/forced" | wc -l)" -eq 2 ] || fail "render --force did not write both files"
expect_err "错误：表3 支出总表，2101501 行政运行" "render --force's report of the errors"

# notices do not block: counted, and listed with -v
run 0 "$budgetx" render "$sample" -o "$work/ok" --format xlsx
expect_err "个尾数差异提示（在尾数之内，不影响输出），用 -v 查看" "render's count of rounding notices"
run 0 "$budgetx" render "$sample" -o "$work/ok-v" --format xlsx -v
expect_err "提示（尾数差异）" "render -v's rounding notices"

# --format json is machine-readable and agrees
run 1 "$budgetx" check "$work/digit" --format json
cp "$run_out" "$work/json"
python3 - "$work/json" <<'PY' || fail "check --format json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["errors"] == sum(f["severity"] == "error" for f in d["findings"]) > 0, d["errors"]
f = next(f for f in d["findings"] if f["severity"] == "error")
assert {"table", "row", "column", "expected", "actual", "difference", "file", "line", "column_number", "check"} <= set(f)
assert any(g["checked"] for g in d["figures"]) and all("step" in g for g in d["figures"])
PY

finish "corruptions caught at the right place"
