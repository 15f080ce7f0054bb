#!/usr/bin/env bash
# Three PDF readers (poppler, MuPDF, Ghostscript) read a rendered sample
# alike: the same text from every page, text that survives Ghostscript's
# re-distilling, every page drawn without an error (tests/tools/pdf_readers.py).
#   pdf_readers.sh BUDGETX SAMPLE_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2

"$budgetx" render "$sample" -o "$work/out" --format pdf -q
python3 "$tests_dir/tools/pdf_readers.py" "$(ls "$work/out"/*.pdf)"
