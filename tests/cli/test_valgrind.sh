#!/usr/bin/env bash
# valgrind finds no memory error and no leak (definite or indirect) in a
# full render, both formats, of every sample.
#   test_valgrind.sh BUDGETX SAMPLES_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 samples=$2

for sample in "$samples"/*/; do
  name=$(basename "$sample")
  capture valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
    "$budgetx" render "$sample" -o "$work/$name"
  if [ "$run_status" -ne 0 ]; then
    fail "$name (exit $run_status):
$(grep -v "提示（尾数差异）" "$run_err" | head -40)"
  else
    echo "$name: clean"
  fi
done
finish "valgrind: every sample renders clean"
