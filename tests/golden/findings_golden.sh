#!/usr/bin/env bash
# The consistency checks on a sample find exactly the rounding notices the
# published tables contain (tests/golden/SAMPLE/findings.txt: every line a
# difference of one display unit, 尾数差异) and the notices of its text (a
# published figure reproduced as given, with what the tables compute), and
# no error — unless --with-errors: a published document that does not add
# up (万里街道's 1 元), whose errors are its findings.
#   findings_golden.sh BUDGETX SAMPLE_DIR FINDINGS [--with-errors]
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2 findings=$3 errors=${4:-}

# check exits 1 on an error: under pipefail that stops the test, unless the
# errors are expected (then it must exit 1); the samples' and the layout
# sets' files named from their folders, wherever the tree is
status=0
"$budgetx" check "$sample" > "$work/raw.txt" || status=$?
if [ "$errors" = --with-errors ]; then
  [ "$status" = 1 ] || die "check exited $status, expected 1 (the published errors)"
elif [ "$status" != 0 ]; then
  die "check exited $status: $(head -3 "$work/raw.txt")"
fi
tail -n +2 "$work/raw.txt" | sed "s|$sample/||" |
  sed -E 's|^[^:]*/(layouts/[^:]*)|\1|' > "$work/findings.txt"
same_text "$findings" "$work/findings.txt" "the checks' findings on $sample"
finish "$(tail -1 "$work/findings.txt")"
