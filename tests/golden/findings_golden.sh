#!/usr/bin/env bash
# The consistency checks on a sample find exactly the rounding notices the
# published tables contain (tests/golden/SAMPLE/findings.txt: every line a
# difference of one display unit, 尾数差异) and the notices of its text (a
# published figure reproduced as given, with what the tables compute), and
# no error.
#   findings_golden.sh BUDGETX SAMPLE_DIR FINDINGS
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2 findings=$3

# check exits 1 on an error: under pipefail that stops the test
# the samples' and the layout sets' files named from their folders, wherever
# the tree is
"$budgetx" check "$sample" | tail -n +2 | sed "s|$sample/||" |
  sed -E 's|^[^:]*/(layouts/[^:]*)|\1|' > "$work/findings.txt"
same_text "$findings" "$work/findings.txt" "the checks' findings on $sample"
finish "$(tail -1 "$work/findings.txt")"
