#!/usr/bin/env bash
# The tables of a sample laid beside the published pages: the same table
# pages, rows per page, column rules within 1.5 mm at the same table width,
# header texts and their line breaks (tests/tools/page_geometry.py; the
# published geometry is tests/golden/<sample>/geometry.json).
#   page_geometry.sh BUDGETX SAMPLE_DIR GEOMETRY_JSON
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2 geometry=$3

"$budgetx" render "$sample" -o "$work/out" --format pdf --tables-only -q
python3 "$tests_dir/tools/page_geometry.py" compare "$geometry" "$(ls "$work/out"/*.pdf)" ||
  die "the tables do not lie like the published pages"
finish "$(basename "$sample"): the tables lie like the published pages"
