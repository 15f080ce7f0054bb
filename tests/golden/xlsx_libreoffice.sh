#!/usr/bin/env bash
# The workbook opens in LibreOffice and reads back identically: LibreOffice
# loads it and saves it again as XLSX; every value, text, indentation,
# number format and merge of the re-saved file must equal ours. (A file
# LibreOffice had to "repair" would lose or change cells.)
#   xlsx_libreoffice.sh BUDGETX SAMPLE_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2

"$budgetx" render "$sample" -o "$work/ours" --format xlsx
book=$(ls "$work"/ours/*.xlsx)
timeout 300 soffice -env:UserInstallation="file://$work/profile" --headless --norestore \
  --convert-to xlsx --outdir "$work/lo" "$book" > "$work/soffice.log" 2>&1 ||
  die "LibreOffice could not convert $book:
$(tail_of "$work/soffice.log")"
resaved="$work/lo/$(basename "$book")"
[ -s "$resaved" ] || die "LibreOffice wrote nothing"
python3 "$tests_dir/tools/xlsx_canon.py" --flat "$book" > "$work/ours.txt"
python3 "$tests_dir/tools/xlsx_canon.py" --flat "$resaved" > "$work/lo.txt"
same_text "$work/ours.txt" "$work/lo.txt" "the workbook as LibreOffice reads it"
finish "LibreOffice reads $(grep -c '^sheet:' "$work/ours.txt") sheets identically"
