#!/usr/bin/env bash
# `cmake --install` puts the CLI, library, header, pkg-config file, man page
# and layouts in place; the installed CLI finds its layouts beside itself,
# and a program built with pkg-config renders a sample.
#   test_install.sh BUILD_DIR SAMPLE_DIR [EXTRA_CFLAGS]
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
build=$1 sample=$2 extra=${3:-}
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" > /dev/null
for f in bin/budgetx include/budgetx.h share/man/man1/budgetx.1 \
         share/budgetx/layouts/shenzhen-2024/set.yaml; do
  [ -e "$prefix/$f" ] || fail "$f not installed"
done
ls "$prefix"/lib*/libbudgetx.* > /dev/null 2>&1 || fail "libbudgetx not installed"

# an installed budgetx never looks into the checkout it was built from (a
# Debug build's debug information names its sources: only the folders it
# would search count)
src=$(cd "$(dirname "$0")/../.." && pwd)
for f in "$prefix/bin/budgetx" "$prefix"/lib*/libbudgetx.*; do
  for shipped in layouts fonts; do
    grep -qaF "$src/$shipped" "$f" && fail "$f would look in $src/$shipped"
  done
done
# the build tree's budgetx does (what the check above would miss if it broke)
grep -qaF "$src/layouts" "$build/budgetx" || fail "$build/budgetx does not know $src/layouts"
pc=$(ls "$prefix"/lib*/pkgconfig/budgetx.pc) || die "budgetx.pc not installed"

run 0 "$prefix/bin/budgetx" check "$sample"
grep -qF "$prefix/bin/../share/budgetx/layouts/shenzhen-2024" "$run_out" ||
  fail "installed budgetx used other layouts: $(head -1 "$run_out")"
run 0 "$prefix/bin/budgetx" render "$sample" -o "$prefix/out" --format xlsx
ls "$prefix"/out/*.xlsx > /dev/null 2>&1 || fail "the installed budgetx wrote no workbook"

export PKG_CONFIG_PATH=${pc%/*}
# $extra and pkg-config's output are lists of flags: split on purpose
# shellcheck disable=SC2046,SC2086
cc -std=c11 -Wall -Wextra -Werror $extra "$(dirname "$0")/example.c" -o "$prefix/example" \
  $(pkg-config --cflags --static --libs budgetx)
run 0 env BUDGETX_LAYOUTS="$prefix/share/budgetx/layouts" "$prefix/example" "$sample" "$prefix/out2"
ls "$prefix"/out2/*.xlsx > /dev/null 2>&1 || fail "the example program wrote no workbook"

finish "install works"
