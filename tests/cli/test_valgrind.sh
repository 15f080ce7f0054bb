#!/usr/bin/env bash
# valgrind finds no memory error and no leak (definite or indirect) in a
# full render, both formats, of every sample.
#   test_valgrind.sh BUDGETX SAMPLES_DIR
set -uo pipefail
budgetx=$1 samples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for sample in "$samples"/*/; do
  name=$(basename "$sample")
  valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
    "$budgetx" render "$sample" -o "$work/$name" > /dev/null 2> "$work/$name.log"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL: $name (exit $rc):" >&2
    grep -v "提示（尾数差异）" "$work/$name.log" | head -40 >&2
    status=1
  else
    echo "$name: clean"
  fi
done
exit $status
