#!/usr/bin/env bash
# The CLI's contract (../shared/DESIGN.md): exit statuses, messages on
# stderr, one workbook per render, nothing written after a failed run, a
# good output never clobbered, the same bytes under any locale.
#   test_cli.sh BUDGETX SAMPLE_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2

# --help, --version, usage errors (status 2, message on stderr)
run 0 "$budgetx" --help;            expect_out "budgetx render DATASET_DIR... -o OUT_DIR" "--help text"
run 0 "$budgetx" --version
grep -qE "^budgetx [0-9]+\.[0-9]+\.[0-9]+$" "$run_out" || fail "--version text: $(cat "$run_out")"
run 2 "$budgetx";                   expect_err "缺少命令"
run 2 "$budgetx" frobnicate x;      expect_err "未知命令 frobnicate"
run 2 "$budgetx" render "$sample";  expect_err "render 需要 -o 输出目录"
run 2 "$budgetx" render -o "$work/x"; expect_err "render 需要数据目录"
run 2 "$budgetx" render "$sample" -o "$work/x" --bogus; expect_err "未知选项 --bogus"
run 2 "$budgetx" render "$sample" -o "$work/x" --format docx; expect_err "未知的格式“docx”"
run 2 "$budgetx" check "$sample" -o "$work/x"; expect_err "check 不接受选项 -o"
[ ! -e "$work/x" ] || fail "a usage error created the output folder"

# a good render: exactly one workbook
run 0 "$budgetx" render "$sample" -o "$work/good" --format xlsx
[ "$(ls "$work/good" | wc -l)" -eq 1 ] || fail "expected one file in OUT_DIR: $(ls "$work/good")"
ls "$work/good"/*.xlsx > /dev/null 2>&1 || fail "no .xlsx written"
run 0 "$budgetx" check "$sample";   expect_out "共 0 个错误" "check's verdict"

# the default: both formats, one file each
run 0 "$budgetx" render "$sample" -o "$work/both"
[ "$(ls "$work/both" | wc -l)" -eq 2 ] || fail "expected an .xlsx and a .pdf: $(ls "$work/both")"
ls "$work/both"/*.xlsx "$work/both"/*.pdf > /dev/null 2>&1 || fail "render without --format writes both"
run 0 "$budgetx" render "$sample" -o "$work/both2"
same_bytes "$work/both"/*.pdf "$work/both2"/*.pdf "a second PDF render"

# fonts: the default faces are Noto Serif CJK SC Regular and Bold, CFF
# outlines from Debian's fonts-noto-cjk; a TrueType font given works; a file
# that is no font, a missing file, a default file without its face are
# errors; a character the font lacks is an error naming its cell and writes
# no PDF
run 0 "$budgetx" render "$sample" -o "$work/noto" --format pdf
pdffonts "$work/noto"/*.pdf > "$work/noto.fonts"
for face in Regular Bold; do
  grep -qE "^[A-Z]{6}\+NotoSerifCJKsc-$face +CID Type 0C +Identity-H +yes yes yes" "$work/noto.fonts" ||
    fail "Noto Serif CJK SC $face not embedded as a CFF subset: $(cat "$work/noto.fonts")"
done
arphic=/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf
run 0 "$budgetx" render "$sample" -o "$work/arphic" --format pdf --font "$arphic"
pdffonts "$work/arphic"/*.pdf | grep -qE "BousungEG-Light-GB +CID TrueType .*yes yes yes" ||
  fail "TrueType font not embedded"
printf 'OTTO\0\0\0\0' > "$work/cff.otf"
run 2 "$budgetx" render "$sample" -o "$work/cff" --format pdf --font "$work/cff.otf"
expect_err "cff.otf: 字体文件无法解析（需要含 cmap 表和 glyf 或 CFF 轮廓的字体）"
printf 'PK\3\4' > "$work/zip.ttf"
run 2 "$budgetx" render "$sample" -o "$work/cff" --format pdf --font "$work/zip.ttf"
expect_err "zip.ttf: 不是 TrueType 或 OpenType 字体文件（.ttf、.otf、.ttc）"
run 2 "$budgetx" render "$sample" -o "$work/cff" --format pdf --font "$work/none.ttf"
expect_err "none.ttf: 无法打开字体文件"
# a folder searched first ($BUDGETX_FONTS) with a file of the default's name
# that does not hold the default face: an error naming the faces it has
mkdir "$work/fonts"
ln -s "$arphic" "$work/fonts/NotoSerifCJK-Regular.ttc"
run 2 env BUDGETX_FONTS="$work/fonts" "$budgetx" render "$sample" -o "$work/cff" --format pdf
expect_err "NotoSerifCJK-Regular.ttc: 字体文件中没有字体 NotoSerifCJKsc-Regular（其中有：BousungEG-Light-GB）"
expect_empty "$work/cff" "a font error"
# 喆 and 堃 (outside GB2312) in the unit's name: in the default fonts, not in
# AR PL SungtiL GB
cp -r "$sample" "$work/names"
sed -i 's/^unit: 深圳市医疗保障局（本级）$/unit: 深圳市医疗保障局（喆堃）/' "$work/names/dataset.yaml"
run 0 "$budgetx" render "$work/names" -o "$work/names-out" --format pdf -q
pdftotext "$work/names-out"/*.pdf "$work/names.txt"
grep -qF "部门名称：深圳市医疗保障局（喆堃）" "$work/names.txt" || fail "喆堃 not in the PDF's text"
run 1 "$budgetx" render "$work/names" -o "$work/names-arphic" --format pdf -q --font "$arphic"
expect_err "字体中没有这些字符，PDF 中会显示为空白：“喆”（U+5586，表1 收支总表!表号与表头说明）、“堃”（U+5803，表1 收支总表!表号与表头说明）。请用 --font 指定包含这些字符的字体"
expect_empty "$work/names-arphic" "a missing glyph"
cp -r "$sample" "$work/rare"
sed -i 's/,208,社会保障和就业支出,/,208,社会保障和就业支出\xf0\xb0\x80\x80,/' "$work/rare/03_支出总表.csv"
run 1 "$budgetx" render "$work/rare" -o "$work/rare-out" --format pdf
expect_err "字体中没有这些字符，PDF 中会显示为空白：“𰀀”（U+30000，表3 支出总表!C7“社会保障和就业支出𰀀”）"
expect_empty "$work/rare-out" "a missing glyph"

# same bytes again, and under another locale
run 0 env LC_ALL=C "$budgetx" render "$sample" -o "$work/again" --format xlsx
same_bytes "$work/good"/*.xlsx "$work/again"/*.xlsx "a render under LC_ALL=C"

# a GB18030 (GBK) copy of the sample renders to the same bytes
gb=$work/gb/$(basename "$sample")
mkdir -p "$work/gb"
cp -r "$sample" "$gb"
for f in "$gb"/*.csv; do
  iconv -f UTF-8 -t GB18030 "$f" > "$f.tmp" && mv "$f.tmp" "$f"
done
run 0 "$budgetx" render "$gb" -o "$work/gbout"
same_bytes "$work/both"/*.xlsx "$work/gbout"/*.xlsx "GB18030 copy: the XLSX"
same_bytes "$work/both"/*.pdf "$work/gbout"/*.pdf "GB18030 copy: the PDF"
# --encoding forces one reading: UTF-8 on GB18030 bytes names the place
run 1 "$budgetx" check "$gb" --encoding utf-8
expect_err "01_收支总表.csv:1: 第 1 行（第 1 字节）：无效的 UTF-8 字节"
run 0 "$budgetx" check "$gb" --encoding gb18030
run 2 "$budgetx" check "$sample" --encoding latin1; expect_err "编码“latin1”无效"

# never written over its own inputs
cp -r "$sample" "$work/self"
ln -s 03_支出总表.csv "$work/self/self.xlsx"
cp "$work/self/03_支出总表.csv" "$work/self.csv"
run 2 "$budgetx" render "$work/self" -o "$work/self"
expect_err "self.xlsx: 不能写在输入文件"
same_bytes "$work/self.csv" "$work/self/03_支出总表.csv" "an input"

# bad data: status 1, file:line:column and the finance user's message
cp -r "$sample" "$work/bad"
sed -i '3s/1259.77/"12,59.77"/' "$work/bad/03_支出总表.csv"
run 1 "$budgetx" check "$work/bad"
expect_err "03_支出总表.csv:3:4: 第 3 行第 4 列：金额的千位分隔符位置不正确“12,59.77”"
run 1 "$budgetx" render "$work/bad" -o "$work/fresh" --format xlsx
expect_empty "$work/fresh" "a failed render"

# a failed render does not clobber a good workbook, and leaves no temp file
cp -r "$work/good" "$work/keep"
cp "$work/keep"/*.xlsx "$work/before.xlsx"
mv "$work/keep"/*.xlsx "$work/keep/bad.xlsx" # the name the bad dataset renders to
run 1 "$budgetx" render "$work/bad" -o "$work/keep" --format xlsx
same_bytes "$work/before.xlsx" "$work/keep/bad.xlsx" "the workbook a failed render found"
[ "$(ls -A "$work/keep" | wc -l)" -eq 1 ] || fail "temporary files left: $(ls -A "$work/keep")"

# missing dataset, missing file, unwritable output
run 1 "$budgetx" check "$work/nonexistent"; expect_err "nonexistent: 找不到数据目录：路径不存在"
cp -r "$sample" "$work/missing"
rm "$work/missing/07_一般公共预算支出表按功能分类.csv"
run 1 "$budgetx" check "$work/missing"; expect_err "07_一般公共预算支出表按功能分类.csv: 无法打开文件"
touch "$work/afile"
run 1 "$budgetx" render "$sample" -o "$work/afile" --format xlsx; expect_err "输出位置不是目录"

finish "CLI contract holds"
