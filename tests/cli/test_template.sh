#!/usr/bin/env bash
# budgetx template: a blank workbook with the set's sheets, title blocks and
# headers, open rows to type into (unlocked, amounts validated) and the rest
# protected; filled in (as a spreadsheet program stores cells) it renders
# and imports like any workbook; --like keeps a dataset's rows without their
# figures.
#   test_template.sh BUDGETX SAMPLES_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 samples=$2

edit() { python3 "$tests_dir/tools/xlsx_edit.py" "$@"; }

unit="深圳市医疗保障局（本级）"
"$budgetx" template --set shenzhen-2024 --unit "$unit" --year 2024 -o "$work/blank.xlsx" 2> /dev/null ||
  fail "template"
run 0 "$budgetx" render "$samples/shenzhen-2024" -o "$work/sample" --format xlsx

# the sheets, title blocks and headers are the sample workbook's; open rows
# are unlocked, amounts validated, the sheets protected
python3 - "$work/blank.xlsx" "$work/sample/shenzhen-2024.xlsx" << 'PY' || fail "the blank workbook's structure"
import re, sys, zipfile
def book(path):
    z = zipfile.ZipFile(path)
    wb = z.read("xl/workbook.xml").decode()
    rels = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', z.read("xl/_rels/workbook.xml.rels").decode()))
    ss = [re.sub(r"<[^>]+>", "", si) for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
    xfs = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", z.read("xl/styles.xml").decode().split("<cellXfs")[1], re.S)
    sheets = []
    for name, state, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+"( state="\w+")? r:id="(rId\d+)"', wb):
        x = z.read("xl/" + rels[rid]).decode()
        cells = {}
        for ref, s, t, body in re.findall(r'<c r="([A-Z]+\d+)"(?: s="(\d+)")?(?: t="(\w+)")?(?:/>|>(.*?)</c>)', x):
            v = re.search(r"<v>(.*?)</v>", body or "")
            text = ss[int(v.group(1))] if v and t == "s" else (v.group(1) if v else "")
            cells[ref] = (text, 'locked="0"' in xfs[int(s or 0)])
        sheets.append((name, bool(state), cells, x))
    return sheets
blank, sample = book(sys.argv[1]), book(sys.argv[2])
assert [s[0] for s in blank] == [s[0] for s in sample], "sheet names differ"
for (name, hidden, cells, xml), (_, _, want, _) in zip(blank, sample):
    if hidden:
        continue
    rownum = lambda ref: int(re.sub(r"[A-Z]+", "", ref))
    first_open = min((rownum(r) for r, (t, open_) in cells.items() if open_), default=None)
    assert first_open, name + ": no open cell"
    for ref, (text, open_) in cells.items():
        if rownum(ref) < first_open:
            assert text == want.get(ref, ("",))[0], "%s!%s: %r, the sample has %r" % (name, ref, text, want.get(ref))
    assert "<sheetProtection" in xml, name + ": not protected"
    if name.startswith("表3"):
        assert 'sqref="D6:D25"' in xml and 'type="decimal"' in xml, name + ": amounts not validated"
PY

# filled in: a 表3 row pair, a ledger, a task of 表12; rendered and imported
edit "$work/blank.xlsx" "$work/f1.xlsx" "表3 支出总表" "text:A6=$unit" number:D6=100 number:E6=100 \
  number:F6=0 text:B7=201 text:C7=一般公共服务支出 number:D7=100 number:E7=100 number:F7=0
edit "$work/f1.xlsx" "$work/f2.xlsx" "表1 收支总表" "text:A6=一、财政拨款" number:B6=100 \
  "text:A7=本年收入合计" number:B7=100 "text:C6=一、一般公共服务支出" number:D6=100 \
  "text:C7=本年支出合计" number:D7=100
"$budgetx" render "$work/f2.xlsx" -o "$work/f2" --force 2> /dev/null || fail "render of a filled template"
pdftotext -layout "$work/f2/f2.pdf" - > "$work/f2.txt"
grep "201" "$work/f2.txt" | grep -q "一般公共服务支出.*100.00" || fail "the PDF lacks the typed 表3 row"
grep -q "本年收入合计 *100.00" "$work/f2.txt" || fail "the PDF lacks the typed ledger total"
# half filled: import writes the dataset, its checks find what is missing (1)
run 1 "$budgetx" import "$work/f2.xlsx" -o "$work/f2ds"
printf '%s\n' "预算单位,科目编码,科目名称,支出总计,基本支出,项目支出,事业单位经营支出,对附属单位补助支出,上缴上级支出,政府采购小计,面向中小企业政府采购项目,面向小型微型企业政府采购项目" \
  "$unit,,,100.00,100.00,0.00,,,,,," ",201,一般公共服务支出,100.00,100.00,0.00,,,,,," |
  diff - "$work/f2ds/03_支出总表.csv" || fail "表3 imported from the filled template"
grep -q "^收入,合计,0,本年收入合计,100.00" "$work/f2ds/01_收支总表.csv" ||
  fail "a typed ledger line named like a total is a total"
# the rendered workbook is a normal one: nothing protected, no blank rows
python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); sys.exit(any(b"sheetProtection" in z.read(n) for n in z.namelist() if "worksheets/sheet3" in n))' \
  "$work/f2/f2.xlsx" || fail "the workbook rendered from a template is still protected"

# LibreOffice's save of a filled template reads back the same
timeout 300 soffice -env:UserInstallation="file://$work/profile" --headless --norestore \
  --convert-to xlsx --outdir "$work/lo" "$work/f2.xlsx" > /dev/null 2>&1 || fail "LibreOffice conversion"
run 1 "$budgetx" import "$work/lo/f2.xlsx" -o "$work/lods"
diff -r "$work/f2ds" "$work/lods" > /dev/null || fail "LibreOffice's save of the template reads back differently"

# --like: the sample's rows without their figures
"$budgetx" template --set shenzhen-2024 --like "$samples/shenzhen-2024" -o "$work/like.xlsx" 2> /dev/null ||
  fail "template --like"
run 0 "$budgetx" import "$work/like.xlsx" -o "$work/likeds"
cut -d, -f1-3 "$samples/shenzhen-2024/03_支出总表.csv" | diff - <(cut -d, -f1-3 "$work/likeds/03_支出总表.csv") ||
  fail "--like keeps the 科目 rows"
grep -q "^,208,社会保障和就业支出,,,,,,,,,$" "$work/likeds/03_支出总表.csv" || fail "--like blanks the figures"

# a set of one sheet per row (自评表) from a dataset: its projects, figures blank
"$budgetx" template --set selfeval --like "$samples/shenzhen-selfeval-2021" -o "$work/se.xlsx" 2> /dev/null ||
  fail "template --set selfeval --like"
run 0 "$budgetx" import "$work/se.xlsx" -o "$work/seds"
grep -q "^1,医疗保障综合管理,,深圳市医疗保障局," "$work/seds/自评项目.csv" ||
  fail "the 自评表 template keeps its projects and blanks 项目金额"
edit "$work/se.xlsx" "$work/se2.xlsx" "附件1-1 医疗保障综合管理" number:C8=31611787
# one figure of many: the totals it is part of do not hold (1)
run 1 "$budgetx" import "$work/se2.xlsx" -o "$work/seds2" --diff "$work/se.xlsx"
expect_out "改动了 1 处" "a figure typed into the 自评表 template"

# refusals
# template without unit and year
run 2 "$budgetx" template --set shenzhen-2024 -o "$work/x.xlsx"
run 1 "$budgetx" template --set selfeval --unit x --year 2024 -o "$work/x.xlsx"
expect_err "逐项生成" "a set of one sheet per row needs --like"
run 1 "$budgetx" template --set no-such-set --unit x --year 2024 -o "$work/x.xlsx"
[ ! -e "$work/x.xlsx" ] || fail "a refused template wrote a file"

finish "template: all checks passed"
