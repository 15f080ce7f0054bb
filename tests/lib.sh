# shellcheck shell=bash
# What every shell test shares. A test starts with
#
#   set -euo pipefail
#   # shellcheck source=SCRIPTDIR/../lib.sh
#   . "$(dirname "$0")/../lib.sh"
#
# and then has:
#   $work             a scratch folder, removed when the script exits
#   $tests_dir        the tests/ folder (tests/tools/… are under it)
#   at_exit CMD       run CMD (a string, eval'd) on exit, before $work goes
#   fail MSG          report a failed check and go on; finish exits 1
#   die MSG           report a failed check and stop at once
#   finish [MSG]      exit 1 if any check failed, else print MSG, exit 0
#   capture CMD...    run CMD; $run_status, stdout in $run_out, stderr in $run_err
#   run STATUS CMD... capture, and fail unless CMD exited with STATUS
#   expect_out TEXT   the last run's stdout holds TEXT (a fixed string)
#   expect_err TEXT   the last run's stderr holds TEXT
#   expect_in FILE TEXT [WHAT]   FILE holds TEXT
#   expect_empty DIR [WHAT]      DIR is absent or empty: nothing was written
#   same_bytes WANT GOT [WHAT]   the files are identical, else say where not
#   same_text WANT GOT [WHAT]    the text files are identical, else a diff -u
#                                (its first $diff_lines lines, default 200)
#   wait_until SECONDS CMD...    poll CMD until it succeeds; 1 after SECONDS
#
# A command that fails outside a check (not in an if, ||, && or capture)
# stops the test under set -e; the ERR trap says which one and where.

# -E: the ERR trap also fires in functions and subshells
set -Eeuo pipefail

# (the variables are for the scripts that source this file)
# shellcheck disable=SC2034
tests_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
test_name=$(basename "$0")
failures=0
exit_hooks=()

work=$(mktemp -d "${TMPDIR:-/tmp}/budgetx-${test_name%.sh}.XXXXXX")
run_out=$work/.run.stdout
run_err=$work/.run.stderr
run_status=0

# The hooks first (they may stop processes still writing into $work).
on_exit() {
  local hook
  for hook in "${exit_hooks[@]}"; do
    eval "$hook" || true
  done
  rm -rf "$work"
}
trap on_exit EXIT
# Only the test's own shell speaks: a command substitution that fails is
# reported once, as the command that used it.
on_err() { # STATUS LINE FILE COMMAND
  [ "$BASHPID" = $$ ] || return 0
  echo "FAIL: ${3##*/}:$2: \`$4\` exited $1" >&2
}
trap 'on_err $? $LINENO "${BASH_SOURCE[0]}" "$BASH_COMMAND"' ERR

at_exit() { exit_hooks+=("$1"); }

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

die() {
  echo "FAIL: $*" >&2
  exit 1
}

finish() {
  if [ "$failures" -ne 0 ]; then
    echo "FAIL: $test_name: $failures check(s) failed" >&2
    exit 1
  fi
  [ $# -eq 0 ] || echo "$*"
  exit 0
}

# The end of a file, indented, for a failure message.
tail_of() {
  if [ -s "$1" ]; then
    tail -n "${2:-20}" "$1" | sed 's/^/    /'
  else
    echo "    (nothing)"
  fi
}

capture() {
  run_status=0
  "$@" > "$run_out" 2> "$run_err" || run_status=$?
}

run() {
  local want=$1
  shift
  capture "$@"
  [ "$run_status" -eq "$want" ] && return 0
  fail "'$*' exited $run_status, expected $want; stderr:
$(tail_of "$run_err")"
}

# expect_in FILE TEXT [WHAT] — FILE contains TEXT (a fixed string)
expect_in() {
  grep -qF -- "$2" "$1" 2> /dev/null && return 0
  fail "${3:-$(basename "$1")}: no “$2” in:
$(tail_of "$1")"
}

expect_out() { expect_in "$run_out" "$1" "${2:-stdout}"; }
expect_err() { expect_in "$run_err" "$1" "${2:-stderr}"; }

# expect_empty DIR [WHAT] — a failed run wrote nothing into DIR
expect_empty() {
  [ -z "$(ls -A "$1" 2> /dev/null)" ] && return 0
  fail "${2:-$1}: files written: $(ls -A "$1" | tr '\n' ' ')"
}

# same_bytes WANT GOT [WHAT] — byte for byte (cmp says where they differ)
same_bytes() {
  local where
  where=$(cmp -- "$1" "$2" 2>&1) && return 0
  fail "${3:-$2}: $where"
}

# same_text WANT GOT [WHAT] — line by line, with a unified diff (cut
# short: a wholly different file would bury the rest of the report)
diff_lines=${diff_lines:-200}
same_text() {
  local diff
  diff=$(diff -u --label "expected: $1" --label "actual: $2" -- "$1" "$2" 2>&1) && return 0
  fail "${3:-$2}: differs from what was expected:
$(head -n "$diff_lines" <<< "$diff")$(cut_note "$diff")"
}

cut_note() {
  local n
  n=$(wc -l <<< "$1")
  [ "$n" -le "$diff_lines" ] || printf '\n    … %d more diff lines' $((n - diff_lines))
}

# wait_until SECONDS CMD... — a condition to wait for, never a fixed sleep
# that guesses how long something takes
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.01
  done
}
