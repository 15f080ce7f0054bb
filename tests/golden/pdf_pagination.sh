#!/usr/bin/env bash
# 300 rows in 表3 and 表8 paginate correctly: every page of those tables
# carries the title block and the header, and every row is on exactly one
# page, in order.
#   pdf_pagination.sh BUDGETX SAMPLE_DIR
set -euo pipefail
budgetx=$1 sample=$2
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/tools/many_rows.py" "$sample" "$work/data" 300
# the generated rows do not add up to the published totals: --force
"$budgetx" render "$work/data" -o "$work/out" --format pdf --force 2> /dev/null
python3 - "$work/out/data.pdf" <<'PY'
import re, subprocess, sys
pdf = sys.argv[1]
pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
seen = {3: [], 8: []}
npages = {3: 0, 8: 0}
for i in range(1, pages + 1):
    t = subprocess.run(["pdftotext", "-raw", "-f", str(i), "-l", str(i), pdf, "-"], capture_output=True, text=True).stdout
    n = int(re.match(r"\s*表\s*(\d+)", t).group(1))
    if n not in seen:
        continue
    npages[n] += 1
    flat = re.sub(r"\s+", "", t)
    title = "支出总表" if n == 3 else "一般公共预算支出表（按经济分类）"
    head = "表%d%s部门名称：" % (n, title)
    if not flat.startswith(head):
        sys.exit("FAIL: page %d of 表%d lacks its title block: %s" % (i, n, flat[:50]))
    for h in ("预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出"):
        if h not in flat[:400]:
            sys.exit("FAIL: page %d of 表%d lacks the header %s" % (i, n, h))
    seen[n] += [int(c) for c in re.findall(r"(?:^|\s)%d(\d{6})(?=\s)" % n, t)]
for n, codes in seen.items():
    if codes != list(range(1, 301)):
        missing = sorted(set(range(1, 301)) - set(codes))
        dup = sorted({c for c in codes if codes.count(c) > 1})
        sys.exit("FAIL: 表%d rows lost %s, repeated %s, or out of order" % (n, missing[:10], dup[:10]))
    if npages[n] < 5:
        sys.exit("FAIL: 表%d has only %d pages for 300 rows" % (n, npages[n]))
    print("表%d: 300 rows on %d pages, each once and in order, title block and header on every page" % (n, npages[n]))
PY
