#!/usr/bin/env bash
# A PDF of more pages than one PDF array holds (libharu: 32,767) puts its
# pages into a tree of page nodes. Such a document takes minutes under the
# sanitizers, so this test makes the tree at 1,000 pages a node
# (BUDGETX_PDF_PAGES_PER_NODE) for a document of about 8,700: every row is
# there once, in order, and poppler reads every page. (bench/ renders
# 1,000,000 rows, 150,000 pages, without the knob.) Rows of 表3 with names
# long enough to take several pages each make the pages cheaply.
#   test_page_tree.sh BUDGETX SAMPLE_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2
rows=${BX_PAGE_TREE_ROWS:-760}

cp -r "$sample" "$work/data"
python3 - "$work/data/03_支出总表.csv" "$rows" << 'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
lines = open(path, encoding="utf-8").read().splitlines()
out = [lines[0], lines[1]]  # header and the unit row
for i in range(1, n + 1):
    # a name of about nine pages, starting with its number
    name = "第%05d行" % i + "测试科目名称很长" * 500
    out.append(",3%06d,%s,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00" % (i, name))
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
run 0 env BUDGETX_PDF_PAGES_PER_NODE=1000 "$budgetx" render "$work/data" -o "$work/out" \
  --format pdf --force
pdf=$work/out/data.pdf
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -gt 8000 ] || fail "only ${pages:-no} pages: the test wants more than 8,000"
# every row once, the last one on the last pages (files, not pipes: grep -q
# would end pdftotext early, and pipefail report it)
pdftotext "$pdf" "$work/text"
count=$(grep -o "第[0-9]\{5\}行" "$work/text" | sort -u | wc -l)
[ "$count" -eq "$rows" ] || fail "$count of $rows rows found in the text"
pdftotext -f 8001 -l "$pages" "$pdf" "$work/tail"
grep -q "第$(printf %05d "$rows")行" "$work/tail" || fail "the last row is not after page 8,000"
# the tree is there: page nodes below the root
python3 - "$pdf" << 'PY' || fail "no tree of page nodes in the PDF"
import re, sys
data = open(sys.argv[1], "rb").read()
sys.exit(0 if len(re.findall(rb"/Type /Pages", data)) > 5 else 1)
PY
pdfinfo "$pdf" > /dev/null 2> "$work/warnings"
[ ! -s "$work/warnings" ] || fail "pdfinfo warns: $(head -3 "$work/warnings")"
finish "$pages pages in a page tree"
