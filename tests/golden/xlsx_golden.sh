#!/usr/bin/env bash
# Golden test of the XLSX back end: render a sample, read the workbook back
# with tests/tools/xlsx_canon.py, and compare every sheet with the
# expectations written from the published document (tests/golden/SET/).
#   xlsx_golden.sh BUDGETX SAMPLE_DIR GOLDEN_DIR
set -euo pipefail
budgetx=$1 sample=$2 golden=$3
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$budgetx" render "$sample" -o "$out" --format xlsx
book=$(ls "$out"/*.xlsx)
expected=$(ls "$golden"/table*.txt | wc -l)
# the tables are the visible sheets; the dataset rides in one hidden sheet
sheets=$(python3 -c 'import sys, zipfile, re; print(len(re.findall(r"<sheet (?![^>]*state=)", zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())))' "$book")
hidden=$(python3 -c 'import sys, zipfile, re; print(" ".join(re.findall(r"<sheet name=\"([^\"]*)\"[^>]*state=\"hidden\"", zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())))' "$book")
if [ "$hidden" != "budgetx" ]; then
  echo "FAIL: hidden sheets '$hidden', expected the dataset's sheet 'budgetx'" >&2
  exit 1
fi
if [ "$sheets" != "$expected" ]; then
  echo "FAIL: $sheets worksheets, expected $expected" >&2
  exit 1
fi
status=0
for want in "$golden"/table*.txt; do
  n=$(basename "$want" .txt); n=$((10#${n#table}))
  if ! python3 "$here/tools/xlsx_canon.py" "$book" "$n" | diff -u "$want" - > "$out/diff"; then
    echo "FAIL: sheet $n differs from $want:" >&2
    cat "$out/diff" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "all $expected sheets match $golden"
exit $status
