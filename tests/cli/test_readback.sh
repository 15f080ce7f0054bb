#!/usr/bin/env bash
# Workbooks read back (budgetx render/import BOOK.xlsx, --diff): every
# sample round-trips to identical files; edits made in the OOXML the way a
# spreadsheet program stores them (numbers, texts, formulas, rows added
# and removed, indentation changed or lost) come back, are checked and are
# listed by --diff; a changed heading is an error naming its cell; a file
# LibreOffice saved reads back as ours does.
#   test_readback.sh BUDGETX SAMPLES_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 samples=$2

edit() { python3 "$tests_dir/tools/xlsx_edit.py" "$@"; }

# 1. render → read back → render: identical workbook and PDF, every sample
for s in shenzhen-2024 shenzhen-2022 shenzhen-selfeval-2021 chibi-2022 putuo-2025-office \
  putuo-2025-office-unit; do
  "$budgetx" render "$samples/$s" -o "$work/$s/a" 2> /dev/null || { fail "$s: render"; continue; }
  "$budgetx" render "$work/$s/a/$s.xlsx" -o "$work/$s/b" 2> "$work/$s.log" ||
    { fail "$s: render of the workbook: $(tail_of "$work/$s.log")"; continue; }
  for ext in xlsx pdf; do
    same_bytes "$work/$s/a/$s.$ext" "$work/$s/b/$s.$ext" "$s: the second $ext"
  done
  # import writes a dataset that renders the same again
  "$budgetx" import "$work/$s/a/$s.xlsx" -o "$work/$s/ds" 2> /dev/null || fail "$s: import"
  "$budgetx" render "$work/$s/ds" -o "$work/$s/c" 2> /dev/null && mv "$work/$s/c/ds.pdf" "$work/$s/c/x.pdf" &&
    cmp -s "$work/$s/a/$s.pdf" "$work/$s/c/x.pdf" || fail "$s: the imported dataset renders differently"
  run 0 "$budgetx" render "$work/$s/a/$s.xlsx" -o "$work/$s/d" --diff "$samples/$s"
  expect_out "没有改动" "$s: --diff of an untouched workbook"
done

# zeros a table shows blank (display: zero: blank) are still 0.00 when read back
for f in "$samples/putuo-2025-office"/*.csv; do
  same_bytes "$f" "$work/putuo-2025-office/ds/$(basename "$f")" "putuo-2025-office: imported $(basename "$f")"
done

# a CSV longer than one cell of the dataset sheet holds (30,000 bytes)
python3 "$samples/../bench/gen_dataset.py" --out "$work/big" --seed 1 --rows 3000 --table 05 > /dev/null
"$budgetx" render "$work/big" -o "$work/big_a" 2> /dev/null || fail "render of 3,000 projects"
"$budgetx" render "$work/big_a/big.xlsx" -o "$work/big_b" 2> /dev/null &&
  cmp -s "$work/big_a/big.pdf" "$work/big_b/big.pdf" && cmp -s "$work/big_a/big.xlsx" "$work/big_b/big.xlsx" ||
  fail "3,000 projects: the second render differs"
python3 - "$work/big_a/big.xlsx" << 'PY' || fail "the big CSV should take several pieces of the dataset sheet"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sst = [re.sub(r"<[^>]+>", "", si) for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
tags = [sst[int(v)] for v in re.findall(r'<c r="A\d+" t="s"><v>(\d+)</v>', z.read("xl/worksheets/sheet13.xml").decode())]
sys.exit(0 if tags.count("text") > tags.count("csv") else 1)
PY

book=$work/shenzhen-2024/a/shenzhen-2024.xlsx
orig=$samples/shenzhen-2024

# 2. one amount edited: the PDF shows it, the checks report the totals it
#    breaks, --diff names exactly that cell (表3 row 9 = 2080501, E = 基本支出)
edit "$book" "$work/e1.xlsx" "表3 支出总表" number:E9=310.5
# an edit that breaks a total stops the render (status 1)
run 1 "$budgetx" render "$work/e1.xlsx" -o "$work/e1" --diff "$orig"
expect_out "改动了 1 处" "--diff counts one change"
expect_out "表3 支出总表!E9  2080501 行政单位离退休 · 基本支出：303.23 → 310.50" "--diff names the cell"
expect_err "错误：表3 支出总表，2080501 行政单位离退休，支出总计：应为 310.50，实为 303.23" "the row's total is reported"
expect_err "20805 行政事业单位养老支出，基本支出：应为 1,264.84" "the parent 科目 is reported"
run 0 "$budgetx" render "$work/e1.xlsx" -o "$work/e1" --force
pdftotext -layout "$work/e1/e1.pdf" "$work/e1.txt"
grep "2080501" "$work/e1.txt" | grep -q "310.50" || fail "the PDF does not show 310.50"
# the workbook written from it carries the correction (and the broken total)
run 1 "$budgetx" import "$work/e1/e1.xlsx" -o "$work/e1ds"
expect_in "$work/e1ds/03_支出总表.csv" "2080501,行政单位离退休,303.23,310.50" "the new workbook's 表3"

# a label corrected in a body row: the row keeps its figures and its place
edit "$book" "$work/t1.xlsx" "表3 支出总表" text:C9=行政单位离退休费
run 0 "$budgetx" import "$work/t1.xlsx" -o "$work/t1ds" --diff "$orig"
expect_out "表3 支出总表!C9  2080501 · 科目名称：行政单位离退休 → 行政单位离退休费" "a label edited"
grep -q "^,2080501,行政单位离退休费,303.23,303.23," "$work/t1ds/03_支出总表.csv" || fail "the edited label in the CSV"

# 3. amounts typed as text with separators are read. (The edit leaves the
#    unit's row of 表3 and 表1's rows as they were: the checks report
#    those totals, status 1.)
edit "$book" "$work/e2.xlsx" "表3 支出总表" "text:E9=313.23" "text:D9=313.23" "text:D8=1,267.56" \
  "text:E8=1,267.56" "number:D7=1269.77" "number:E7=1269.77"
run 1 "$budgetx" import "$work/e2.xlsx" -o "$work/e2ds" --diff "$orig"
expect_out "改动了 6 处" "six cells typed as text and numbers"
expect_in "$work/e2ds/03_支出总表.csv" ",20805,行政事业单位养老支出,1267.56,1267.56" "“1,267.56” typed as text"

# 4. errors name the sheet and cell, and nothing is written
edit "$book" "$work/e3.xlsx" "表3 支出总表" text:D4=支出合计
run 1 "$budgetx" render "$work/e3.xlsx" -o "$work/e3"
expect_err "表3 支出总表!D4：表头应为“支出总计”，工作簿中为“支出合计”" "a changed heading"
expect_empty "$work/e3" "a failed read"
edit "$book" "$work/e4.xlsx" "表3 支出总表" number:F9=0.001
run 1 "$budgetx" import "$work/e4.xlsx" -o "$work/e4"
expect_err "表3 支出总表!F9：金额“0.001”的小数位数过多（数据以万元计、2 位小数）" "too many decimals"
edit "$book" "$work/e5.xlsx" "表3 支出总表" "formula:E9=SUM(E10:E11)"
run 1 "$budgetx" import "$work/e5.xlsx" -o "$work/e5"
expect_err "表3 支出总表!E9：公式没有计算结果" "a formula without its value"
edit "$book" "$work/e6.xlsx" "表3 支出总表" "formula:E9=300+3.23=303.23"
run 0 "$budgetx" import "$work/e6.xlsx" -o "$work/e6" --diff "$orig"
expect_out "没有改动" "a formula's computed value"
edit "$book" "$work/e7.xlsx" "表3 支出总表" "text:E9=三百"
run 1 "$budgetx" import "$work/e7.xlsx" -o "$work/e7"
expect_err "表3 支出总表!E9：金额格式无效“三百”" "a word in an amount"
# a workbook without the dataset's sheet (made by hand, or stripped)
python3 - "$book" "$work/bare.xlsx" << 'PY'
import re, sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for item in src.infolist():
    data = src.read(item.filename)
    if item.filename == "xl/workbook.xml":
        data = re.sub(rb'<sheet name="budgetx"[^>]*/>', b"", data)
    dst.writestr(item, data)
dst.close()
PY
# is read by its titles and headings, as tables of the one set they are
run 0 "$budgetx" render "$work/bare.xlsx" -o "$work/bare" -q
[ -s "$work/bare/bare.xlsx" ] || fail "a workbook without its dataset sheet: not rendered"
echo "not a zip" > "$work/junk.xlsx"
run 1 "$budgetx" import "$work/junk.xlsx" -o "$work/junk"

# 5. rows added and removed where rows vary: a 项目 row, an indicator
edit "$book" "$work/r1.xlsx" "表5 项目支出总表" insert:9 text:A10=新增测试项目 number:B10=100 number:C10=100 number:D10=100
# the new row breaks the total: status 1
run 1 "$budgetx" import "$work/r1.xlsx" -o "$work/r1ds" --diff "$orig"
expect_out "表5 项目支出总表!A10  （新增行） 新增测试项目 100.00 100.00 100.00" "a new 项目 row"
expect_err "总计：应为 10,712.73，实为 10,612.72" "the total the new row breaks"
sed -n 3,4p "$work/r1ds/05_项目支出总表.csv" | tr '\n' '|' | grep -q "^1,基金监督管理,.*|1,新增测试项目,100.00,100.00,100.00," ||
  fail "the new row is not after 基金监督管理 at level 1"
edit "$book" "$work/r2.xlsx" "表12 整体支出绩效目标表" delete:24 insert:22 text:D23=新增指标 text:E23=≥1次
run 0 "$budgetx" render "$work/r2.xlsx" -o "$work/r2" --diff "$orig"
expect_out "（新增行） 新增指标 ≥1次" "the added indicator"
expect_out "表12 整体支出绩效目标表  （删除行，原第 24 行） 通过多媒体开展专题宣传次数" "the removed indicator, by its row in the old workbook"
pdftotext -layout "$work/r2/r2.pdf" "$work/r2.txt"
grep -q "新增指标" "$work/r2.txt" && ! grep -q "通过多媒体开展专题宣传次数" "$work/r2.txt" ||
  fail "the PDF does not show the indicators as edited"
# a row typed under the header of a table the dataset left empty
cp -r "$orig" "$work/emptied"
head -1 "$orig/10_政府性基金预算支出表.csv" > "$work/emptied/10_政府性基金预算支出表.csv"
run 0 "$budgetx" render "$work/emptied" -o "$work/emptied_out" --force --format xlsx
edit "$work/emptied_out/emptied.xlsx" "$work/r3.xlsx" "表10 政府性基金预算支出表" insert:4 \
  "text:A5=深圳市医疗保障局（本级）" text:B5= text:C5= number:D5=0 number:E5=0 number:F5=0
capture "$budgetx" import "$work/r3.xlsx" -o "$work/r3ds"
[ "$(sed -n 2p "$work/r3ds/10_政府性基金预算支出表.csv")" = "深圳市医疗保障局（本级）,,,0.00,0.00,0.00" ] ||
  fail "a row typed into an empty table body (import exited $run_status)"

# a ledger line (表1) and a form's value (自评表)
edit "$book" "$work/l1.xlsx" "表1 收支总表" number:B7=18166.66
# 0.01 more: within rounding, notices but no error
run 0 "$budgetx" import "$work/l1.xlsx" -o "$work/l1" --diff "$orig"
expect_out "表1 收支总表!B7  1.一般公共预算拨款 · 收        入/2024年预算数：18,166.65 → 18,166.66" "a ledger amount"

# a workbook is never written over by its own render; batches take workbooks
cp "$book" "$work/own.xlsx"
run 2 "$budgetx" render "$work/own.xlsx" -o "$work"
expect_err "不能写在输入文件" "rendering a workbook over itself"
same_bytes "$book" "$work/own.xlsx" "a workbook rendered over itself"
"$budgetx" render "$work/own.xlsx" "$work/e6.xlsx" "$samples/chibi-2022" -o "$work/batch" -j 2 2> /dev/null &&
  cmp -s "$work/shenzhen-2024/a/shenzhen-2024.pdf" "$work/batch/own/own.pdf" &&
  [ -f "$work/batch/e6/e6.pdf" ] && [ -f "$work/batch/chibi-2022/chibi-2022.pdf" ] ||
  fail "a batch of workbooks and a dataset"

# 6. levels are indentation: a workbook saved by a program that drops cell
#    styles (SheetJS) has none left; its rows keep the dataset's levels (a
#    notice says so) and it renders as the original. One row's indentation
#    changed is a level changed, listed by --diff.
edit "$book" "$work/flat.xlsx" - noindent:
run 0 "$budgetx" import "$work/flat.xlsx" -o "$work/flatds" --diff "$orig"
expect_out "没有改动" "--diff of a workbook without indentation"
expect_err "工作簿中没有缩进格式" "the notice that the levels were kept"
for f in "$orig"/*.csv; do
  cmp -s "$f" "$work/flatds/${f##*/}" || fail "${f##*/} read back from a workbook without indentation differs"
done
run 0 "$budgetx" render "$work/flat.xlsx" -o "$work/flat"
expect_err "工作簿中没有缩进格式" "render prints the notice"
same_bytes "$work/shenzhen-2024/a/shenzhen-2024.pdf" "$work/flat/flat.pdf" "the PDF of a workbook without indentation"
# a row typed into such a workbook takes the level of the row above (基本工资, 2)
edit "$work/flat.xlsx" "$work/flat2.xlsx" "表4 基本支出总表" insert:8 text:A9=新增工资项目
capture "$budgetx" import "$work/flat2.xlsx" -o "$work/flat2ds"
grep -q "^2,新增工资项目," "$work/flat2ds/04_基本支出总表.csv" ||
  fail "a new row in a workbook without indentation: $(grep 新增 "$work/flat2ds/04_基本支出总表.csv")"
# 基本工资 (款, 2) given the format of 工资福利支出 (类, 1)
edit "$book" "$work/lv.xlsx" "表4 基本支出总表" style:A8=A7
run 1 "$budgetx" import "$work/lv.xlsx" -o "$work/lvds" --diff "$orig"
expect_out "改动了 1 处" "one level changed"
expect_out "表4 基本支出总表!A8  基本工资 · 支出项目类别：层级 2 → 1" "--diff names the level changed"
grep -q "^1,基本工资," "$work/lvds/04_基本支出总表.csv" || fail "the level changed is not in the CSV"

# 7. LibreOffice's save of our workbook reads back as ours does
timeout 300 soffice -env:UserInstallation="file://$work/profile" --headless --norestore \
  --convert-to xlsx --outdir "$work/lo" "$book" > "$work/soffice.log" 2>&1 ||
  fail "LibreOffice could not convert the workbook: $(tail_of "$work/soffice.log")"
"$budgetx" import "$work/lo/shenzhen-2024.xlsx" -o "$work/lods" 2> "$work/lo.err" ||
  fail "the file LibreOffice saved does not read back: $(tail_of "$work/lo.err")"
diff -r "$work/shenzhen-2024/ds" "$work/lods" > "$work/lo.diff" ||
  fail "LibreOffice's file reads back differently: $(head "$work/lo.diff")"
"$budgetx" render "$work/lo/shenzhen-2024.xlsx" -o "$work/lor" 2> /dev/null &&
  cmp -s "$work/shenzhen-2024/a/shenzhen-2024.pdf" "$work/lor/shenzhen-2024.pdf" ||
  fail "the PDF from LibreOffice's file differs"

finish "read-back: all checks passed"
