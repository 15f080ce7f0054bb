#!/usr/bin/env bash
# Golden test of the PDF back end: render a sample and check every table's
# pages against the expectations written from the published document.
#   pdf_golden.sh BUDGETX SAMPLE_DIR GOLDEN_DIR
set -euo pipefail
budgetx=$1 sample=$2 golden=$3
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$budgetx" render "$sample" -o "$out" --format pdf
python3 "$here/tools/pdf_check.py" "$(ls "$out"/*.pdf)" "$golden"
