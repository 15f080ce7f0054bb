#!/usr/bin/env bash
# The consistency checks on a sample find exactly the rounding notices the
# published tables contain (tests/golden/SAMPLE/findings.txt: every line a
# difference of one display unit, 尾数差异), and no error.
#   findings_golden.sh BUDGETX SAMPLE_DIR FINDINGS
set -euo pipefail
budgetx=$1 sample=$2 findings=$3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$budgetx" check "$sample" | tail -n +2 | sed "s|$sample/||" > "$out"
if ! diff -u "$findings" "$out"; then
  echo "FAIL: the checks' findings on $sample differ from $findings" >&2
  exit 1
fi
echo "$(tail -1 "$out")"
