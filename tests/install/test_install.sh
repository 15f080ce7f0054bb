#!/usr/bin/env bash
# `cmake --install` puts the CLI, library, header, pkg-config file, man page
# and layouts in place; the installed CLI finds its layouts beside itself,
# and a program built with pkg-config renders a sample.
#   test_install.sh BUILD_DIR SAMPLE_DIR [EXTRA_CFLAGS]
set -euo pipefail
build=$1 sample=$2 extra=${3:-}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build" --prefix "$prefix" > /dev/null
for f in bin/budgetx include/budgetx.h share/man/man1/budgetx.1 \
         share/budgetx/layouts/shenzhen-2024/set.yaml; do
  [ -e "$prefix/$f" ] || { echo "FAIL: $f not installed" >&2; exit 1; }
done
ls "$prefix"/lib*/libbudgetx.* > /dev/null
pc=$(ls "$prefix"/lib*/pkgconfig/budgetx.pc)

out=$("$prefix/bin/budgetx" check "$sample")
case "$out" in
  *"$prefix/bin/../share/budgetx/layouts/shenzhen-2024"*) ;;
  *) echo "FAIL: installed budgetx used other layouts: $out" >&2; exit 1 ;;
esac
"$prefix/bin/budgetx" render "$sample" -o "$prefix/out" --format xlsx
ls "$prefix"/out/*.xlsx > /dev/null

export PKG_CONFIG_PATH=$(dirname "$pc")
cc -std=c11 -Wall -Wextra -Werror $extra "$(dirname "$0")/example.c" -o "$prefix/example" \
  $(pkg-config --cflags --static --libs budgetx)
BUDGETX_LAYOUTS="$prefix/share/budgetx/layouts" "$prefix/example" "$sample" "$prefix/out2"
ls "$prefix"/out2/*.xlsx > /dev/null
echo "install works: $prefix"
