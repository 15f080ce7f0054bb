#!/usr/bin/env bash
# A fuzz replay (fuzz/replay.c) that runs its harness on nothing fails: an
# empty folder, one holding only empty folders, a missing one, an empty
# one beside a good corpus, no argument at all. The good corpus alone
# passes.
#   replay_refuses.sh REPLAY_BINARY GOOD_CORPUS
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
replay=$1 good=$2

mkdir -p "$work/empty" "$work/nested/a/b"
run 1 "$replay" "$work/empty"
expect_err "replay: no input in $work/empty"
run 1 "$replay" "$work/nested"
expect_err "replay: no input in $work/nested"
run 1 "$replay" "$work/missing"
expect_err "replay: no $work/missing"
run 1 "$replay" "$good" "$work/empty"
expect_err "replay: no input in $work/empty"
run 2 "$replay"
run 0 "$replay" "$good"
expect_out "replayed "

finish "a replay of no input fails"
