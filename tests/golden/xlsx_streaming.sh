#!/usr/bin/env bash
# A big workbook is streamed (libxlsxwriter's constant-memory mode), a
# small one kept in memory: both ways must write the same cells, styles,
# row heights and merges. Renders a sample both ways and compares.
#   xlsx_streaming.sh BUDGETX SAMPLE_DIR...
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1
shift

for sample in "$@"; do
  name=$(basename "$sample")
  for mode in never always; do
    BUDGETX_XLSX_STREAMING=$mode "$budgetx" render "$sample" -o "$work/$mode" --format xlsx 2> /dev/null
    python3 "$tests_dir/tools/xlsx_cells.py" "$work/$mode"/*.xlsx > "$work/$name.$mode.txt"
    rm -rf "${work:?}/$mode"
  done
  same_text "$work/$name.never.txt" "$work/$name.always.txt" "$name: the streamed workbook"
done
finish "streamed and in-memory workbooks hold the same cells"
