#!/usr/bin/env bash
# N rows (default 300) in 表3 and 表8 paginate correctly: every page of
# those tables carries the title block and the header, and every row is on
# exactly one page, in order. With 9,000 rows 表3 exceeds the cells whose
# lines the layout keeps, so its cells are wrapped again as they are drawn.
#   pdf_pagination.sh BUDGETX SAMPLE_DIR [N]
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2 rows=${3:-300}

python3 "$tests_dir/tools/many_rows.py" "$sample" "$work/data" "$rows"
# the generated rows do not add up to the published totals: --force
"$budgetx" render "$work/data" -o "$work/out" --format pdf --force --tables-only 2> /dev/null
python3 - "$work/out/data.pdf" "$rows" <<'PY'
import collections, re, subprocess, sys
pdf, rows = sys.argv[1], int(sys.argv[2])
text = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True, check=True).stdout
seen = {3: [], 8: []}
npages = {3: 0, 8: 0}
for i, t in enumerate(text.split("\f")[:-1], 1):
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
    if codes != list(range(1, rows + 1)):
        missing = sorted(set(range(1, rows + 1)) - set(codes))
        dup = sorted(c for c, k in collections.Counter(codes).items() if k > 1)
        sys.exit("FAIL: 表%d rows lost %s, repeated %s, or out of order" % (n, missing[:10], dup[:10]))
    if npages[n] < rows // 60:
        sys.exit("FAIL: 表%d has only %d pages for %d rows" % (n, npages[n], rows))
    print("表%d: %d rows on %d pages, each once and in order, title block and header on every page" % (n, rows, npages[n]))
PY
