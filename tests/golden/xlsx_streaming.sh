#!/usr/bin/env bash
# A big workbook is streamed (libxlsxwriter's constant-memory mode), a
# small one kept in memory: both ways must write the same cells, styles,
# row heights and merges. Renders a sample both ways and compares.
#   xlsx_streaming.sh BUDGETX SAMPLE_DIR...
set -euo pipefail
budgetx=$1
shift
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for sample in "$@"; do
  for mode in never always; do
    BUDGETX_XLSX_STREAMING=$mode "$budgetx" render "$sample" -o "$out/$mode" --format xlsx 2> /dev/null
    python3 "$here/tools/xlsx_cells.py" "$out/$mode"/*.xlsx > "$out/$mode.txt"
    rm -rf "${out:?}/$mode"
  done
  if ! diff -u "$out/never.txt" "$out/always.txt" > "$out/diff"; then
    echo "FAIL: $(basename "$sample"): streamed workbook differs:" >&2
    head -40 "$out/diff" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "streamed and in-memory workbooks hold the same cells"
exit $status
