#!/usr/bin/env bash
# A sample whose seed has no tables (chibi-2022: the narrative only) is held
# to the figures the narrative states: render both formats and look each
# stated figure up in the workbook (by row label and column) and in the PDF.
#   facts_golden.sh BUDGETX SAMPLE_DIR FACTS
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2 facts=$3

"$budgetx" render "$sample" -o "$work/out"
python3 "$tests_dir/tools/facts_check.py" "$(ls "$work/out"/*.xlsx)" "$facts" "$(ls "$work/out"/*.pdf)"
