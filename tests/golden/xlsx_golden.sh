#!/usr/bin/env bash
# Golden test of the XLSX back end: render a sample, read the workbook back
# with tests/tools/xlsx_canon.py, and compare every sheet with the
# expectations written from the published document (tests/golden/SET/).
#   xlsx_golden.sh BUDGETX SAMPLE_DIR GOLDEN_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2 golden=$3

"$budgetx" render "$sample" -o "$work/out" --format xlsx
book=$(ls "$work/out"/*.xlsx)
expected=$(ls "$golden"/table*.txt | wc -l)
# the tables are the visible sheets; the dataset rides in one hidden sheet
sheets=$(python3 -c 'import sys, zipfile, re; print(len(re.findall(r"<sheet (?![^>]*state=)", zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())))' "$book")
hidden=$(python3 -c 'import sys, zipfile, re; print(" ".join(re.findall(r"<sheet name=\"([^\"]*)\"[^>]*state=\"hidden\"", zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())))' "$book")
[ "$hidden" = "budgetx" ] || die "hidden sheets '$hidden', expected the dataset's sheet 'budgetx'"
[ "$sheets" = "$expected" ] || die "$sheets worksheets, expected $expected"

for want in "$golden"/table*.txt; do
  n=$(basename "$want" .txt)
  n=$((10#${n#table}))
  python3 "$tests_dir/tools/xlsx_canon.py" "$book" "$n" > "$work/sheet$n.txt"
  same_text "$want" "$work/sheet$n.txt" "sheet $n"
done
finish "all $expected sheets match $golden"
