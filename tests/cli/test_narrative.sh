#!/usr/bin/env bash
# The whole document's text from the command line: a corrected workbook
# regenerates the sentences that quote the corrected cell; the tables alone
# on request; the text's inputs missing, or a template wrong, are errors
# naming the file and what to do; check lists every printed figure.
#   test_narrative.sh BUDGETX SAMPLES_DIR LAYOUTS_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 samples=$2 layouts=$3
sample=$samples/shenzhen-2024
paragraphs() { grep -P '^paragraph\t' "$1"/*.dump.txt | cut -f3- | tr -d '\t'; } # number and text

# 1. a corrected workbook: 表5 基金监督管理 831.30 → 900.50, then the text
run 0 "$budgetx" render "$sample" -o "$work/a" -q
python3 "$tests_dir/tools/xlsx_edit.py" "$work/a/shenzhen-2024.xlsx" "$work/e.xlsx" \
  "表5 项目支出总表" number:B9=900.5
run 1 "$budgetx" render "$work/e.xlsx" -o "$work/e" --format dump -q # the sums now fail
run 0 "$budgetx" render "$work/e.xlsx" -o "$work/e" --format dump --force -q
paragraphs "$work/e" > "$work/e.txt"
# 900.50 against 2023's 1,074.17: 173.67 less, 16.2 %
expect_in "$work/e.txt" "3.基金监督管理900.5万元" "the corrected project"
expect_in "$work/e.txt" "较2023年年初预算减少173.67万元，下降16.2%" "its change"
run 0 "$budgetx" render "$sample" -o "$work/s" --format dump -q
paragraphs "$work/s" > "$work/s.txt"
[ "$(diff "$work/s.txt" "$work/e.txt" | grep -c '^>')" -eq 1 ] ||
  fail "a corrected figure changed other paragraphs than the one quoting it:
$(diff "$work/s.txt" "$work/e.txt")"

# 2. the tables alone: --tables-only, document: tables
run 0 "$budgetx" render "$sample" -o "$work/whole" --format pdf -q
run 0 "$budgetx" render "$sample" -o "$work/tables" --format pdf -q --tables-only
whole=$(pdfinfo "$work/whole"/*.pdf | awk '/^Pages:/ {print $2}')
tables=$(pdfinfo "$work/tables"/*.pdf | awk '/^Pages:/ {print $2}')
[ "$tables" -eq 16 ] || fail "--tables-only: $tables pages, expected the 16 of the tables"
[ "$whole" -gt "$tables" ] || fail "the whole document has no more pages than its tables"
pdftotext -f 1 -l 1 "$work/tables"/*.pdf "$work/p1.txt"
expect_in "$work/p1.txt" "表1" "--tables-only starts with 表1"
cp -r "$sample" "$work/bare"
rm "$work/bare/上年数.csv"
run 1 "$budgetx" render "$work/bare" -o "$work/bare-out" -q
expect_err "上年数.csv"
expect_err "document: tables"
expect_empty "$work/bare-out" "a render missing the text's inputs"
echo "document: tables" >> "$work/bare/dataset.yaml"
run 0 "$budgetx" render "$work/bare" -o "$work/bare-out" --format pdf -q
[ "$(pdfinfo "$work/bare-out"/*.pdf | awk '/^Pages:/ {print $2}')" -eq 16 ] ||
  fail "document: tables still wrote the text"

# a report (no tables): the whole of it, and no "tables alone"
run 0 "$budgetx" render "$samples/shenzhen-report-2023" -o "$work/report" -q
pdftotext "$work/report"/*.pdf "$work/report.txt"
expect_in "$work/report.txt" "部门整体绩效评价报告" "the report's PDF"
run 2 "$budgetx" render "$samples/shenzhen-report-2023" -o "$work/report2" -q --tables-only
expect_err "是没有表格的报告：不能只输出表格"
expect_empty "$work/report2" "a report asked for its tables"

# 3. a template's mistake names its file and line
cp -r "$layouts/shenzhen-2024" "$work/layouts-bad"
mkdir -p "$work/sets" && mv "$work/layouts-bad" "$work/sets/shenzhen-2024"
sed -i 's/{change 1:收入总计:金额}/{change 1:收入总计:金额 as 不存在}/' \
  "$work/sets/shenzhen-2024/doc_02_收支总体情况.yaml"
run 1 "$budgetx" render "$sample" -o "$work/bad" -q --layouts "$work/sets"
expect_err "doc_02_收支总体情况.yaml:"
expect_err "“{change 1:收入总计:金额 as 不存在}”：没有这组措辞"

# 4. a 目录 with page numbers: each entry's number is the one printed on the
# page its heading begins on
mkdir -p "$work/paged" && cp -r "$layouts/shenzhen-2022" "$work/paged/"
sed -i 's/^  - contents: 目录$/  - contents: 目录\n    pages: true/' "$work/paged/shenzhen-2022/document.yaml"
run 0 "$budgetx" render "$samples/shenzhen-2022" -o "$work/paged-out" --format pdf -q \
  --layouts "$work/paged"
python3 - "$work/paged-out/shenzhen-2022.pdf" <<'PY' || fail "the 目录's page numbers"
import re, subprocess, sys
pdf = sys.argv[1]
pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True,
                                                        text=True).stdout).group(1))
text = [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True,
                       text=True).stdout for p in range(1, pages + 1)]
layout = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", pdf, "-"],
                        capture_output=True, text=True).stdout
toc = [l for l in layout.split("\n") if re.search(r"\S.*\s\d+$", l.strip())]
assert len(toc) >= 10, toc
for line in toc:
    title, number = re.match(r"(.*?)\s*(\d+)$", line.strip()).groups()
    page = next(i for i, t in enumerate(text) if i > 1 and title.replace(" ", "") in t.replace(" ", ""))
    printed = re.search(r"第 (\d+) 页", text[page]).group(1)
    assert printed == number, (title, number, "printed on", printed)
PY

# 5. check lists every printed figure with its cell
run 0 "$budgetx" check "$sample" --format json
python3 - "$run_out" <<'PY' || fail "check --format json: the narrative figures"
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
figs = report["narrative"]
hit = [f for f in figs if f.get("cell") == "1:收入总计:金额" and f["printed"] == "21,866.99"]
assert hit and hit[0]["line"] == 17 and hit[0]["file"].endswith("01_收支总表.csv"), hit
assert any(f["placeholder"].startswith("change ") and f.get("last_year") for f in figs)
assert all(f["block"] > 0 and f["part"] is not None for f in figs)
# every figure used, located: last year's in the comparison file, a share's
# base, the rounding applied
change = next(f for f in figs if f["placeholder"] == "change 1:收入总计:金额")
roles = {c["role"]: c for c in change["cells"]}
assert roles["last_year"]["file"].endswith("上年数.csv") and roles["last_year"]["line"] > 1, roles
assert roles["last_year"]["value"] == change["last_year"], roles
assert change["rounding"] == {"mode": "half-up", "amount_decimals": 2, "percent_decimals": 1,
                              "percent_from": "shown"}, change["rounding"]
assert all(c["file"] for f in figs for c in f.get("cells", [])), "a figure used without its place"
PY

# 6. the digit lint: a number typed into a department's text is an error at
# its file, line and column, and nothing is written
cp -r "$sample" "$work/typed"
line=$(python3 - "$work/typed/文字.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
i = next(k for k, r in enumerate(rows) if r[0] == "机构设置")
rows[i][1] += "另有编制人员86名。"
csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline="")).writerows(rows)
print(i + 1)
PY
)
run 1 "$budgetx" check "$work/typed"
expect_in "$run_out" "文字.csv:$line:2: 错误：文字部分：键入的数字“86”（…局。另有编制人员86名。）" \
  "the typed number, where it is"
expect_in "$run_out" "共 1 个错误" "one typed number, one error"
run 1 "$budgetx" render "$work/typed" -o "$work/typed-out" -q
expect_empty "$work/typed-out" "a render of a text with a typed number"

# 7. the department's figures against the totals they break down: 表5's
# 医疗保障综合管理 1,236.12 is 0.02 more than its seven parts (a notice,
# within their rounding); one part raised by 10 is an error at its line
run 0 "$budgetx" check "$sample"
expect_in "$run_out" "数据.csv:10:3: 提示（尾数差异）：文字部分：7 项（第 10 行起）合计于表5 医疗保障综合管理的总计：各项之和 1,236.10，合计为 1,236.12，差 -0.02（在各项的尾数之内）" \
  "the parts' rounding"
cp -r "$sample" "$work/parts"
sed -i 's/^零星修缮,195.27,/零星修缮,205.27,/' "$work/parts/数据.csv"
run 1 "$budgetx" check "$work/parts"
expect_in "$run_out" "数据.csv:10:3: 错误：文字部分：7 项（第 10 行起）合计于表5 医疗保障综合管理的总计：各项之和 1,246.10，合计为 1,236.12，差 9.98（检查：单位数据之和）" \
  "parts that do not add up"

# 8. the table inside the text (第七部分) and 第三部分's paragraphs list every
# 一级项目 of 表5 once: a project left out, or a row naming no project, is an
# error naming where
cp -r "$sample" "$work/rows"
python3 - "$work/rows/文字.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
for r in rows:
    if r[0] == "重点项目绩效目标" and r[2] == "预算准备金":
        r[2] = "预算准备"
rows = [r for r in rows if not (r[0] == "项目支出说明" and r[2] == "预算准备金")]
csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline="")).writerows(rows)
PY
run 1 "$budgetx" check "$work/rows"
expect_in "$run_out" "文字.csv:45:3: 错误：文字部分：“预算准备”不是 表5 项目支出总表 中 5:level=1 所选的行" \
  "a row naming no project"
expect_in "$run_out" "doc_07_重点项目绩效.yaml:6:3: 错误：文字部分：表5 项目支出总表 的“预算准备金”不在单位文字“重点项目绩效目标”中" \
  "the project left out"
expect_in "$run_out" "doc_03_支出具体情况.yaml:19:3: 错误：文字部分：表5 项目支出总表 的“预算准备金”不在单位文字“项目支出说明”中" \
  "the project left out of 第三部分's list"
run 0 "$budgetx" render "$sample" -o "$work/grid" --format pdf -q
pdftotext "$work/grid/shenzhen-2024.pdf" "$work/grid.txt"
expect_in "$work/grid.txt" "绩效目标" "the table's heading row in the PDF"
expect_in "$work/grid.txt" "3,234.86" "the table's last amount in the PDF"

# 9. the sentences' own unit (上海's 万元 from tables in 元; here the other way):
# document.yaml's style.amounts unit and decimals convert every amount once
mkdir -p "$work/unit" && cp -r "$layouts/shenzhen-2024" "$work/unit/"
sed -i 's/  amounts: {grouping: true, trim: true}/  amounts: {grouping: true, trim: true, unit: 元, decimals: 0}/' \
  "$work/unit/shenzhen-2024/document.yaml"
# (数据.csv's figures are in the sentences' unit: its 万元 no longer add up to
# the cells they break down, now in 元 — errors, hence --force)
run 1 "$budgetx" check "$sample" --layouts "$work/unit"
expect_in "$run_out" "合计于表5 基金监督管理的总计：各项之和 831.30，合计为 8,313,000" \
  "the department's figures against the cell in the sentences' unit"
run 0 "$budgetx" render "$sample" -o "$work/unit-out" --format dump -q --force --layouts "$work/unit"
expect_in "$(ls "$work/unit-out"/*.dump.txt)" "收入218,669,900万元" "21,866.99 万元 in 元"
run 1 "$budgetx" check "$sample" --format json --layouts "$work/unit"
python3 - "$run_out" <<'PY' || fail "check --format json: the sentences' unit"
import json, sys
figs = json.load(open(sys.argv[1], encoding="utf-8"))["narrative"]
f = next(f for f in figs if f.get("cell") == "1:收入总计:金额" and f["placeholder"] == "1:收入总计:金额")
assert f["printed"] == "218,669,900" and f["value"] == "218669900", f
assert f["rounding"]["amount_decimals"] == 0, f
PY

# 10. a set on a base (万里街道's on the district's): its document.yaml starts
# from the base's; its part files replace the base's of the same name; its
# {path} prints each level through path:; 行 names a row by code=; the
# dataset's constants let its texts' document numbers through
wanli=$samples/putuo-2025-wanli
mkdir -p "$work/wl-sets" && cp -r "$layouts/shanghai-putuo-2025" "$layouts/shanghai-putuo-2025-wanli" "$work/wl-sets/"
run 0 "$budgetx" render "$wanli" -o "$work/wl" --format dump -q
expect_in "$(ls "$work/wl"/*.dump.txt)" "“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”科目43.83万元" \
  "the path by level words"
expect_in "$(ls "$work/wl"/*.dump.txt)" "因公出国（境）费0万元，比2024年预算持平。主要原因是" "the set's own 三公 part file"
sed -i 's/path: \["{name}（类）", "{name}（款）", "{name}（项）"\]/path: ["{name}（类）", "（款）"]/' \
  "$work/wl-sets/shanghai-putuo-2025-wanli/doc_03_编制说明.yaml"
run 1 "$budgetx" render "$wanli" -o "$work/wl-bad" -q --layouts "$work/wl-sets"
expect_err "doc_03_编制说明.yaml:13:23: "
expect_err "path 的每一级应含一个 {name}（该级的名称），不含别的占位符：“（款）”"
expect_empty "$work/wl-bad" "a render with a wrong path"
cp -r "$wanli" "$work/wl-data"
sed -i 's/^科目用途,主要用于公共法律服务。,code=2040607$/科目用途,主要用于公共法律服务。,code=2040699/' \
  "$work/wl-data/文字.csv"
run 1 "$budgetx" check "$work/wl-data"
expect_in "$run_out" "“code=2040699”不是 5 一般公共预算支出功能分类预算表 中 5:@leaves 所选的行（列“行”应写表中的行名或 code=科目编码）" \
  "a code that is no row"
cp -r "$wanli" "$work/wl-const"
sed -i '/^  可研批复: /d' "$work/wl-const/dataset.yaml"
run 1 "$budgetx" check "$work/wl-const"
expect_in "$run_out" "错误：文字部分：键入的数字“2017”" "a document number not declared"
expect_in "$run_out" "共 2 个错误" "its two runs of digits"

finish "the whole document's text: corrected, tables only, errors located, listed by check"
