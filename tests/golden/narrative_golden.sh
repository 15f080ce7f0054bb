#!/usr/bin/env bash
# Golden test of the whole document's text: a sample's 文字部分, as budgetx
# writes it (the model dump's blocks), against the seed's, block by block
# (tests/golden/SAMPLE/narrative.txt, transcribed from the seed).
#   narrative_golden.sh BUDGETX SAMPLE_DIR EXPECTED
set -euo pipefail
budgetx=$1 sample=$2 expected=$3
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if ! "$budgetx" render "$sample" -o "$out" --format dump 2> "$out/stderr"; then
  cat "$out/stderr" >&2
  echo "FAIL: budgetx render $sample --format dump failed" >&2
  exit 1
fi
python3 "$here/../tools/narrative_check.py" "$out"/*.dump.txt "$expected"
