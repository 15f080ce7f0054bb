#!/usr/bin/env bash
# Golden test of the PDF back end: render a sample and check every table's
# pages against the expectations written from the published document.
#   pdf_golden.sh BUDGETX SAMPLE_DIR GOLDEN_DIR [--title-once]
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2 golden=$3
shift 3

"$budgetx" render "$sample" -o "$work/out" --format pdf --tables-only
python3 "$tests_dir/tools/pdf_check.py" "$(ls "$work/out"/*.pdf)" "$golden" "$@"
