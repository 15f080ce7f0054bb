#!/usr/bin/env bash
# The workbook opens in LibreOffice and reads back identically: LibreOffice
# loads it and saves it again as XLSX; every value, text, indentation,
# number format and merge of the re-saved file must equal ours. (A file
# LibreOffice had to "repair" would lose or change cells.)
#   xlsx_libreoffice.sh BUDGETX SAMPLE_DIR
set -euo pipefail
budgetx=$1 sample=$2
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$budgetx" render "$sample" -o "$work/ours" --format xlsx
book=$(ls "$work"/ours/*.xlsx)
timeout 300 soffice -env:UserInstallation="file://$work/profile" --headless --norestore \
  --convert-to xlsx --outdir "$work/lo" "$book" > "$work/soffice.log" 2>&1 || {
  cat "$work/soffice.log" >&2; echo "FAIL: LibreOffice could not convert $book" >&2; exit 1; }
resaved="$work/lo/$(basename "$book")"
[ -s "$resaved" ] || { echo "FAIL: LibreOffice wrote nothing" >&2; exit 1; }
python3 "$here/tools/xlsx_canon.py" --flat "$book" > "$work/ours.txt"
python3 "$here/tools/xlsx_canon.py" --flat "$resaved" > "$work/lo.txt"
if ! diff -u "$work/ours.txt" "$work/lo.txt"; then
  echo "FAIL: the workbook reads differently in LibreOffice" >&2
  exit 1
fi
echo "LibreOffice reads $(grep -c '^sheet:' "$work/ours.txt") sheets identically"
