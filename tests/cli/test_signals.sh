#!/usr/bin/env bash
# Killing a render midway leaves the previous outputs intact and no partial
# file: a long render (20,000 rows) is stopped with SIGTERM and with SIGINT
# while it writes (its temporary file is there); each output is then either
# the previous file, unchanged, or a complete new one, and no temporary file
# is left behind.
#   test_signals.sh BUDGETX SAMPLE_DIR
set -uo pipefail
budgetx=$1 sample=$2
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

mkdir -p "$work/small" "$work/big"
cp -r "$sample" "$work/small/data"
python3 "$here/tools/many_rows.py" "$sample" "$work/big/data" 20000

for sig in TERM INT; do
  rm -rf "$work/out"
  "$budgetx" render "$work/small/data" -o "$work/out" 2> /dev/null || fail "first render"
  cp "$work/out/data.xlsx" "$work/before.xlsx"
  cp "$work/out/data.pdf" "$work/before.pdf"
  "$budgetx" render "$work/big/data" -o "$work/out" --force 2> /dev/null &
  pid=$!
  # wait until it is writing an output: a temporary file appears (the
  # checks come first; slow under the sanitizers on a busy machine)
  for _ in $(seq 6000); do
    ls -A "$work/out" | grep -q '\.tmp$' && break
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.05
  done
  ls -A "$work/out" | grep -q '\.tmp$' || fail "SIG$sig: never saw the render writing"
  kill -s "$sig" "$pid"
  wait "$pid"
  rc=$?
  [ $rc -ne 0 ] || fail "SIG$sig: the render finished before the signal (make it longer)"
  leftovers=$(ls -A "$work/out" | grep -v -x -e data.xlsx -e data.pdf)
  [ -z "$leftovers" ] || fail "SIG$sig: left behind: $leftovers"
  for ext in xlsx pdf; do
    f=$work/out/data.$ext
    [ -f "$f" ] || { fail "SIG$sig: data.$ext is gone"; continue; }
    cmp -s "$f" "$work/before.$ext" && continue
    # not the previous file: then it must be a complete new one
    if [ $ext = xlsx ]; then
      python3 -c 'import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)' "$f" ||
        fail "SIG$sig: a partial data.xlsx"
    else
      pdfinfo "$f" > /dev/null 2>&1 || fail "SIG$sig: a partial data.pdf"
    fi
  done
done

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "an interrupted render leaves the previous outputs and no partial file"
