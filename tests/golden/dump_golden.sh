#!/usr/bin/env bash
# Golden test of resolution: render a sample's model dump (the hidden
# `--format dump`: one line per anchor cell, grid references without the
# title rows) and compare it with tests/golden/SAMPLE/model.dump.txt, so a
# change in what resolution makes of a dataset shows as a readable diff.
#   dump_golden.sh BUDGETX SAMPLE_DIR GOLDEN
# With BX_UPDATE_GOLDEN=1 the golden file is rewritten instead (a change
# made on purpose: review `git diff` before committing it).
set -euo pipefail
budgetx=$1 sample=$2 golden=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if ! "$budgetx" render "$sample" -o "$out" --format dump 2> "$out/stderr"; then
  cat "$out/stderr" >&2
  echo "FAIL: budgetx render $sample --format dump failed" >&2
  exit 1
fi
dump=$(ls "$out"/*.dump.txt)
if [ "${BX_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$dump" "$golden"
  echo "rewrote $golden"
  exit 0
fi
if ! diff -u --label "$golden" --label "rendered from $sample" "$golden" "$dump"; then
  echo "FAIL: the model dump of $sample differs from $golden (- golden, + rendered)" >&2
  echo "If the change is intended: BX_UPDATE_GOLDEN=1 ctest --test-dir build -R golden_dump_, then review git diff tests/golden" >&2
  exit 1
fi
echo "model dump of $sample matches $golden ($(wc -l < "$dump") lines)"
