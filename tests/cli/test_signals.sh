#!/usr/bin/env bash
# Killing a render midway leaves the previous outputs intact and no partial
# file: a long render (20,000 rows) is stopped with SIGTERM and with SIGINT
# while it writes; each output is then either the previous file, unchanged,
# or a complete new one, no temporary file is left behind, and the render
# dies of the signal.
#
# No guess of how long anything takes: the test waits until a temporary
# output file appears, freezes the render (SIGSTOP) and, once every thread
# is stopped, checks that the temporary file is still there — so the render
# is certainly mid-way through writing — then sends the signal and lets it
# run on (SIGCONT): the signal is the first thing it handles.
#
# And the moment a stray signal is likeliest to leave a file no one
# removes — right after a temporary output is created, before its name is
# noted — is made to happen every time: under the shim
# tests/tools/failwrite.c, the first temporary output a render or an
# import creates sends the signal at once.
#   test_signals.sh BUDGETX SHIM SAMPLE_DIR
# (its small functions are called through wait_until and at_exit)
# shellcheck disable=SC2317
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 shim=$2 sample=$3
# per wait; generous: the checks come first, slow under the sanitizers
limit=${BX_SIGNAL_WAIT:-300}
out=$work/out

mkdir -p "$work/small" "$work/big"
cp -r "$sample" "$work/small/data"
python3 "$tests_dir/tools/many_rows.py" "$sample" "$work/big/data" 20000

# the render in the background; stopped for good if the test ends early
pid=""
at_exit 'end_render'
end_render() {
  [ -n "$pid" ] || return 0
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  pid=""
}

# output.c writes OUT_DIR/.NAME.PID.N.tmp and renames it when complete
temp_file() { compgen -G "$out/.*.tmp" > /dev/null; }
gone() { ! kill -0 "$pid" 2> /dev/null; }
writing_or_gone() { temp_file || gone; }

# every thread stopped: the state follows the last ')' in /proc/.../stat
frozen() {
  local stat state
  for stat in /proc/"$pid"/task/*/stat; do
    state=$(< "$stat") || return 1
    state=${state##*) }
    [ "${state:0:1}" = T ] || return 1
  done
}

# the render's exit status in $rc, and no pid left to clean up (not in a
# $(…): wait works only in the shell that started the render)
reap() {
  rc=0
  wait "$pid" || rc=$?
  pid=""
}

# interrupt SIG — the render of the big dataset, interrupted while it writes
interrupt() {
  local sig=$1
  "$budgetx" render "$work/big/data" -o "$out" --force 2> /dev/null &
  pid=$!
  wait_until "$limit" writing_or_gone ||
    die "SIG$sig: no temporary file in $limit s (is $out written to?)"
  if ! temp_file; then
    reap
    fail "SIG$sig: the render ended (status $rc) before it was seen writing"
    return
  fi
  kill -STOP "$pid"
  wait_until "$limit" frozen || die "SIG$sig: the render did not stop"
  if ! temp_file; then
    kill -CONT "$pid"
    reap
    fail "SIG$sig: the render finished (status $rc) before it was stopped: give it more rows"
    return
  fi
  # pending while it is stopped, delivered as it resumes
  kill -s "$sig" "$pid"
  kill -CONT "$pid"
  reap
  [ "$rc" -eq $((128 + $(kill -l "$sig"))) ] ||
    fail "SIG$sig: exit status $rc, expected $((128 + $(kill -l "$sig"))) (killed by SIG$sig)"
}

# complete FILE — a whole workbook or PDF, not a cut one
complete() {
  case $1 in
    *.xlsx) python3 -c 'import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)' "$1" ;;
    *.pdf) pdfinfo "$1" > /dev/null 2>&1 ;;
  esac
}

for sig in TERM INT; do
  rm -rf "$out"
  run 0 "$budgetx" render "$work/small/data" -o "$out"
  cp "$out/data.xlsx" "$work/before.xlsx"
  cp "$out/data.pdf" "$work/before.pdf"
  interrupt "$sig"
  leftovers=$(find "$out" -mindepth 1 -maxdepth 1 ! -name data.xlsx ! -name data.pdf -printf '%f ')
  [ -z "$leftovers" ] || fail "SIG$sig: left behind: $leftovers"
  for ext in xlsx pdf; do
    f=$out/data.$ext
    [ -f "$f" ] || { fail "SIG$sig: data.$ext is gone"; continue; }
    # not the previous file: then it must be a complete new one
    cmp -s "$f" "$work/before.$ext" || complete "$f" || fail "SIG$sig: a partial data.$ext"
  done
done

# on_create SIG CMD… — CMD, with SIG sent as its first temporary output is
# created; it must die of it
on_create() {
  local sig=$1
  shift
  capture env BX_SIGNAL_ON_CREATE="$(kill -l "$sig")" LD_PRELOAD="$shim" \
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" "$@"
  [ "$run_status" -eq $((128 + $(kill -l "$sig"))) ] ||
    fail "SIG$sig on creating: exit status $run_status, expected $((128 + $(kill -l "$sig")))"
}

for sig in TERM INT; do
  rm -rf "$out"
  run 0 "$budgetx" render "$work/small/data" -o "$out"
  cp "$out/data.xlsx" "$work/before.xlsx"
  cp "$out/data.pdf" "$work/before.pdf"
  on_create "$sig" "$budgetx" render "$work/small/data" -o "$out" --force
  leftovers=$(find "$out" -mindepth 1 -maxdepth 1 ! -name data.xlsx ! -name data.pdf -printf '%f ')
  [ -z "$leftovers" ] || fail "SIG$sig on creating: left behind: $leftovers"
  same_bytes "$work/before.xlsx" "$out/data.xlsx" "SIG$sig on creating: data.xlsx"
  same_bytes "$work/before.pdf" "$out/data.pdf" "SIG$sig on creating: data.pdf"
  # import: a temporary folder, the dataset's files written into it
  rm -rf "$work/imported"
  mkdir "$work/imported"
  on_create "$sig" "$budgetx" import "$out/data.xlsx" -o "$work/imported/data"
  leftovers=$(find "$work/imported" -mindepth 1 -printf '%f ')
  [ -z "$leftovers" ] || fail "SIG$sig on creating, import: left behind: $leftovers"
done

finish "an interrupted render leaves the previous outputs and no partial file"
