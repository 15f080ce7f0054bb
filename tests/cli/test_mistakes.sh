#!/usr/bin/env bash
# The mistakes a new user makes, as a table: each with the exit status and
# the message it must get (a fixed string of standard error, or of standard
# output for check's findings). Every message is also read for English a
# library or the system might have left in it: after the paths, file names,
# options and the words a message may quote (CSV, Excel, UTF-8, budgetx
# render …) are taken out, no English word may remain.
#   test_mistakes.sh BUDGETX SAMPLES_DIR LAYOUTS_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$(realpath "$1") samples=$(realpath "$2") layouts=$(realpath "$3")
sample=$samples/shenzhen-2024 tools=$(realpath "$(dirname "$0")/../tools")
cd "$work"

# English left in a message: every word of two or more ASCII letters that is
# not part of a path, a file name, an option, a layout set's name, one of
# the command's arguments (a name the user typed) or a word a message may
# quote.
english_in() { # FILE ARGUMENT...
  python3 - "$layouts" "$@" << 'PY'
import os, re, sys
text = open(sys.argv[2], encoding="utf-8", errors="replace").read()
sets = set(os.listdir(sys.argv[1]))
for arg in sorted(sys.argv[3:], key=len, reverse=True):
    if len(arg) > 1:
        text = text.replace(arg, " ")
quoted = {"CSV", "UTF", "XLSX", "XML", "PDF", "YAML", "Excel", "WPS", "BOM", "GBK", "NUL",
          "budgetx", "render", "import", "template", "check", "DIR", "OUT_DIR", "DATASET_DIR",
          "BLANK", "xlsx", "xls", "csv", "pdf", "yaml", "xlsm", "xlsb", "ods", "et", "numbers",
          "LibreOffice", "Unicode", "GB", "Tab"}
text = re.sub(r"[^\s：:，,“”（）()；;]*/[^\s：:，,“”（）()；;]*", " ", text)   # paths
text = re.sub(r"[\w.\-»]+\.(csv|xlsx|xls|xlsm|xlsb|ods|et|numbers|wps|pdf|yaml|txt|md)\b", " ", text)
text = re.sub(r"(?<![\w-])--?[a-z][a-z0-9-]*", " ", text)                      # options
text = re.sub(r"\b[A-Z]{1,3}\d+\b", " ", text)                                # cells: E9
left = [w for w in re.findall(r"[A-Za-z][A-Za-z_]+", text)
        if w not in quoted and w not in sets and not any(w in s.split("-") for s in sets)]
print(" ".join(sorted(set(left))))
PY
}

rows=0
# mistake STATUS TEXT [--stdout] -- COMMAND...
mistake() {
  local want=$1 text=$2 where=$run_err
  shift 2
  if [ "$1" = --stdout ]; then where=$run_out; shift; fi
  [ "$1" = -- ] && shift
  rows=$((rows + 1))
  capture "$@"
  local what="mistake $rows (${*#"$budgetx"})"
  [ "$run_status" -eq "$want" ] ||
    fail "$what: exited $run_status, expected $want; stderr:
$(tail_of "$run_err")"
  grep -qF -- "$text" "$where" ||
    fail "$what: no “$text” in:
$(tail_of "$where")"
  local left
  left=$(english_in "$run_err" "$@")
  [ -z "$left" ] || fail "$what: English in the message ($left):
$(tail_of "$run_err")"
  if [ "$where" = "$run_out" ]; then
    left=$(english_in "$run_out" "$@")
    [ -z "$left" ] || fail "$what: English in the findings ($left):
$(tail_of "$run_out")"
  fi
}

# ---- fixtures
copy() { rm -rf "$1" && cp -r "$sample" "$1"; } # a writable copy of the sample
mkdir -p empty nest/a nest/b
cp -r "$sample/." nest/a/ && cp -r "$sample/." nest/b/
printf '%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n' > published.pdf
cp published.pdf pdf-named.xlsx
cp "$sample/03_支出总表.csv" table.csv
cp "$sample/03_支出总表.csv" csv-named.xlsx
printf 'PK\003\004 not really a zip' > book.xlsm
cp book.xlsm book.ods
: > notes.txt
echo x > a-file

# dataset.yaml in GBK (Notepad's ANSI on Chinese Windows): read, not refused
copy gbk-yaml
iconv -f UTF-8 -t GB18030 "$sample/dataset.yaml" > gbk-yaml/dataset.yaml
# dataset.yaml with a tab for indentation
copy tab-yaml
sed -i 's/^  unit: 万元/\tunit: 万元/' tab-yaml/dataset.yaml
# the CSVs in GBK, as Excel on Chinese Windows saves "CSV（逗号分隔）"
copy gbk-csv
for f in gbk-csv/*.csv; do iconv -f UTF-8 -t GB18030 "$f" > "$f.gbk" && mv "$f.gbk" "$f"; done
# an empty column right of the table, as Excel leaves one
copy extra-col
sed -i 's/$/,/' extra-col/02_收入总表.csv
# tab- and semicolon-separated
copy tabs
tr ',' '\t' < "$sample/02_收入总表.csv" > tabs/02_收入总表.csv
copy semis
tr ',' ';' < "$sample/02_收入总表.csv" > semis/02_收入总表.csv
# a 科目编码 Excel showed in scientific notation
copy exponent
sed -i 's/^,2101501,/,2.10E+06,/' exponent/03_支出总表.csv
# amounts: one with a unit, one in Excel's currency format (the same figure)
copy yuan
sed -i 's/,1259.77,1259.77,/,1259.77元,1259.77,/' yuan/03_支出总表.csv
copy currency
sed -i 's/,1259.77,1259.77,/,"¥1,259.77",1259.77,/' currency/03_支出总表.csv
# a stray quote
copy quote
sed -i '3s/社会保障和就业支出/社会"保障/' quote/03_支出总表.csv
# a blank workbook, unfilled
"$budgetx" template --set shenzhen-2024 --unit 某局 --year 2025 -o blank.xlsx -q
# a workbook budgetx wrote, with a figure that breaks its total
"$budgetx" render "$sample" -o book --format xlsx -q
python3 "$tools/xlsx_edit.py" book/shenzhen-2024.xlsx corrected.xlsx \
  "表3 支出总表" number:E9=310.5
# a folder holding a dataset import did not write, and one holding other files
copy mine
mkdir -p other && echo "会议纪要" > other/纪要.txt

# ---- the table
mistake 2 "缺少命令（render、import、template 或 check）" -- "$budgetx"
mistake 2 "未知命令 rendr，是否想用 render？" -- "$budgetx" rendr "$sample" -o out
mistake 2 "render 需要 -o 输出目录" -- "$budgetx" render "$sample"
mistake 2 "未知选项 --fromat，是否想用 --format？" -- "$budgetx" render "$sample" -o out --fromat pdf
mistake 2 "check 不接受选项 --force" -- "$budgetx" check "$sample" --force
mistake 1 "nosuch: 找不到数据目录：路径不存在" -- "$budgetx" render nosuch -o out
mistake 1 "这是数据集的 dataset.yaml 文件：请给出它所在的文件夹（数据目录）" -- \
  "$budgetx" render "$sample/dataset.yaml" -o out
mistake 1 "这是 PDF 文件" -- "$budgetx" render published.pdf -o out
mistake 1 "这是一个 CSV 文件" -- "$budgetx" check table.csv
mistake 1 "不支持这种工作簿" -- "$budgetx" render book.xlsm -o out
mistake 1 "不支持这种工作簿" -- "$budgetx" check book.ods
mistake 1 "不是数据目录，也不是工作簿（.xlsx、.xls）" -- "$budgetx" check notes.txt
mistake 1 "文件夹中没有 dataset.yaml，不是数据目录" -- "$budgetx" render empty -o out
mistake 1 "其中的 2 个子目录（如 a）是数据目录：逐个给出，或一次给出全部（nest/*/）" -- \
  "$budgetx" render nest -o out
mistake 1 "这是 PDF 文件，不是工作簿（.xlsx）" -- "$budgetx" check pdf-named.xlsx
mistake 1 "这是文本文件（CSV 或网页），只是扩展名为 .xlsx" -- "$budgetx" check csv-named.xlsx
mistake 1 "a-file: 输出位置不是目录" -- "$budgetx" render "$sample" -o a-file
mistake 2 "template 写出的是 .xlsx 工作簿：-o 的文件名应以 .xlsx 结尾" -- \
  "$budgetx" template --set shenzhen-2024 --unit 某局 --year 2025 -o blank.pdf
mistake 2 "文件已存在，未覆盖（其中可能有填好的数据）：换一个文件名，或用 --force 覆盖" -- \
  "$budgetx" template --set shenzhen-2024 --unit 某局 --year 2025 -o blank.xlsx
mistake 1 "不能生成空白工作簿：请用 --like 给出数据集" -- \
  "$budgetx" template --set selfeval --unit 某局 --year 2025 -o self.xlsx
mistake 1 "找不到模板“nosuch-set”的布局（已查找 --layouts、" -- "$budgetx" template --set nosuch-set --unit 某局 --year 2025 -o t.xlsx
mistake 2 "目录中已有一个数据集（不是 budgetx import 写出的），未写入" -- \
  "$budgetx" import book/shenzhen-2024.xlsx -o mine
mistake 2 "目录中有数据集以外的文件“纪要.txt”，未写入" -- "$budgetx" import book/shenzhen-2024.xlsx -o other
mistake 0 "共 0 个错误" --stdout -- "$budgetx" check gbk-yaml
mistake 1 "YAML 语法错误：" -- "$budgetx" check tab-yaml
mistake 1 "指定了 UTF-8 编码，但文件是 GB18030/GBK 编码：不指定编码即可自动识别" -- \
  "$budgetx" check gbk-csv --encoding utf-8
mistake 1 "文件是 UTF-8 编码，不是指定的 GB18030/GBK 编码（不指定编码即可自动识别）" -- \
  "$budgetx" check "$sample" --encoding gb18030
mistake 0 "共 0 个错误" --stdout -- "$budgetx" check extra-col
mistake 1 "这个文件是用制表符分隔的" -- "$budgetx" check tabs
mistake 1 "这个文件是用分号分隔的" -- "$budgetx" check semis
mistake 1 "科目编码“2.10E+06”被 Excel 改成了科学计数法，请把该列设为文本后重新导出" -- \
  "$budgetx" check exponent
mistake 1 "金额格式无效“1259.77元”（可写作 1234.5、1,234.50、-1,234.50、¥1,234.50 或 (1,234.50)）" -- \
  "$budgetx" check yuan
mistake 0 "共 0 个错误" --stdout -- "$budgetx" check currency
mistake 1 "CSV 格式错误：" -- "$budgetx" check quote
mistake 1 "blank.xlsx: 错误：表1 收支总表：表中没有数据，无法与其他表核对（各表都没有数据：模板还没有填写？）" \
  --stdout -- "$budgetx" check blank.xlsx
mistake 1 "corrected.xlsx: 表3 支出总表!D9: 错误：表3 支出总表，2080501 行政单位离退休，支出总计：应为 310.50，实为 303.23" \
  --stdout -- "$budgetx" check corrected.xlsx
# a form's value (dataset.yaml's field) at the cell that shows it
expect_out "corrected.xlsx: 表12 整体支出绩效目标表!E18: 提示（尾数差异）：表12 整体支出绩效目标表，表内单项，金额合计总额"
mistake 1 "一致性检查发现" -- "$budgetx" render corrected.xlsx -o out
[ ! -e out ] || fail "a refused render wrote $(ls out)"
[ -f blank.xlsx ] && [ ! -e blank.pdf ] && [ ! -e self.xlsx ] && [ ! -e mine/budgetx-import.txt ] ||
  fail "a refused command wrote something"
[ "$(cat other/纪要.txt)" = "会议纪要" ] || fail "import touched a file of another folder"

# ---- accepted as they should be, and what a render says
mistake 0 "已写入 out/shenzhen-2024.xlsx（12 张表）、out/shenzhen-2024.pdf（" -- \
  "$budgetx" render "$sample" -o out
mistake 0 "个尾数差异提示（在尾数之内，不影响输出），用 -v 查看" -- "$budgetx" render "$sample" -o out
mistake 0 "已写入空白工作簿 blank.xlsx" -- \
  "$budgetx" template --set shenzhen-2024 --unit 某局 --year 2025 -o blank.xlsx --force
mistake 0 "" -- "$budgetx" import book/shenzhen-2024.xlsx -o mine --force
[ -f mine/budgetx-import.txt ] || fail "import left no marker"
mistake 0 "" -- "$budgetx" import book/shenzhen-2024.xlsx -o mine # ours now: replaced without --force

[ "$rows" -ge 25 ] || fail "only $rows mistakes in the table"
finish "mistakes: $rows, each with its status and its message, in Chinese"
