#!/usr/bin/env bash
# A sample whose seed has no tables (chibi-2022: the narrative only) is held
# to the figures the narrative states: render both formats and look each
# stated figure up in the workbook (by row label and column) and in the PDF.
#   facts_golden.sh BUDGETX SAMPLE_DIR FACTS
set -euo pipefail
budgetx=$1 sample=$2 facts=$3
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$budgetx" render "$sample" -o "$out"
python3 "$here/tools/facts_check.py" "$(ls "$out"/*.xlsx)" "$facts" "$(ls "$out"/*.pdf)"
