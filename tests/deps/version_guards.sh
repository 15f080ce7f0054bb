#!/usr/bin/env bash
# Built against a libharu or libxlsxwriter it was not written for, budgetx
# fails to compile, and to configure below its floors, with a message
# naming the version found. The other versions' headers are copies of the
# installed ones with only their version macros changed, first on the
# include path; each guard is also shown to accept the versions it names.
#   version_guards.sh CC CMAKE SOURCE_DIR HPDF_INCLUDE_DIR XLSXWRITER_HEADER_DIR COMPILE_FLAGS...
set -euo pipefail
cc=$1 cmake=$2 src=$3 hpdf_dir=$4 lxw_dir=$5
shift 5
flags=("$@")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

fail() {
  echo "FAIL: $*" >&2
  status=1
}

# The installed libharu headers, as version MAJOR.MINOR.BUGFIX (written as
# libharu 2.4 writes hpdf_version.h), in a new folder: its path is printed.
libharu() {
  local dir=$tmp/libharu-$1.$2.$3
  mkdir -p "$dir"
  cp "$hpdf_dir"/hpdf*.h "$dir"/
  cat > "$dir/hpdf_version.h" << EOF
#define HPDF_MAJOR_VERSION $1
#define HPDF_MINOR_VERSION $2
#define HPDF_BUGFIX_VERSION $3
#define HPDF_EXTRA_VERSION ""
#define hpdf_vquote(x) #x
#define hpdf_vexp(x) hpdf_vquote(x)
#define HPDF_VERSION_TEXT (hpdf_vexp(HPDF_MAJOR_VERSION) "." hpdf_vexp(HPDF_MINOR_VERSION) "." hpdf_vexp(HPDF_BUGFIX_VERSION) HPDF_EXTRA_VERSION)
#define HPDF_VERSION_ID ((HPDF_MAJOR_VERSION) * 10000 + (HPDF_MINOR_VERSION) * 100 + (HPDF_BUGFIX_VERSION))
EOF
  echo "$dir"
}

# The installed xlsxwriter.h as version VERSION (VERSION_ID: its digits).
libxlsxwriter() {
  local dir=$tmp/libxlsxwriter-$1
  mkdir -p "$dir"
  sed -e "s/^#define LXW_VERSION .*/#define LXW_VERSION \"$1\"/" \
      -e "s/^#define LXW_VERSION_ID .*/#define LXW_VERSION_ID ${1//./}/" \
      "$lxw_dir/xlsxwriter.h" > "$dir/xlsxwriter.h"
  grep -q "^#define LXW_VERSION_ID ${1//./}\$" "$dir/xlsxwriter.h" ||
    { echo "FAIL: cannot rewrite the version of $lxw_dir/xlsxwriter.h" >&2; exit 1; }
  echo "$dir"
}

# compile HEADERS FILE: syntax only, with HEADERS first on the include path.
compile() {
  "$cc" -std=c11 -fsyntax-only -I"$1" "${flags[@]}" "$src/$2" > "$tmp/out" 2>&1
}

# accepts HEADERS FILE: it compiles.
accepts() {
  compile "$1" "$2" || { fail "$2 does not compile with $1:"; cat "$tmp/out" >&2; }
}

# refuses HEADERS FILE MESSAGE: it does not compile, and says MESSAGE.
refuses() {
  if compile "$1" "$2"; then
    fail "$2 compiles with $1"
  elif ! grep -qF "$3" "$tmp/out"; then
    fail "$2 with $1 does not say \"$3\":"
    cat "$tmp/out" >&2
  fi
}

pdf=src/render/pdf/pdf_hpdf.c
accepts "$(libharu 2 3 0)" $pdf
refuses "$(libharu 2 4 0)" $pdf "this is libharu 2.4.0"
refuses "$(libharu 2 2 1)" $pdf "this is libharu 2.2.1"
refuses "$(libharu 2 3 1)" $pdf "written for libharu 2.3.0"

xlsx=src/render/xlsx/render_xlsx.c
accepts "$(libxlsxwriter 1.1.4)" $xlsx
accepts "$(libxlsxwriter 1.2.3)" $xlsx
refuses "$(libxlsxwriter 1.1.3)" $xlsx "this is libxlsxwriter 1.1.3"
refuses "$(libxlsxwriter 1.2.4)" $xlsx "this is libxlsxwriter 1.2.4"

# The configure-time floors.
floor() { # floor NAME HEADER FLOOR MACRO...: runs bx_require_header_version
  local name=$1 header=$2
  shift 2
  printf 'include("%s")\nbx_require_header_version(%s "%s" %s)\n' \
    "$src/cmake/BxHeaderVersion.cmake" "$name" "$header" "$*" > "$tmp/floor.cmake"
  "$cmake" -P "$tmp/floor.cmake" > "$tmp/out" 2>&1
}
hpdf_macros="HPDF_MAJOR_VERSION HPDF_MINOR_VERSION HPDF_BUGFIX_VERSION"
floor libharu "$(libharu 2 3 0)/hpdf_version.h" 2.3.0 $hpdf_macros ||
  { fail "libharu 2.3.0 is below its floor:"; cat "$tmp/out" >&2; }
if floor libharu "$(libharu 2 2 1)/hpdf_version.h" 2.3.0 $hpdf_macros; then
  fail "libharu 2.2.1 passes the floor 2.3.0"
elif ! grep -qF "libharu 2.2.1" "$tmp/out"; then
  fail "the floor's message does not name libharu 2.2.1:"
  cat "$tmp/out" >&2
fi
if floor libxlsxwriter "$(libxlsxwriter 1.1.3)/xlsxwriter.h" 1.1.4 LXW_VERSION; then
  fail "libxlsxwriter 1.1.3 passes the floor 1.1.4"
elif ! grep -qF "libxlsxwriter 1.1.3" "$tmp/out"; then
  fail "the floor's message does not name libxlsxwriter 1.1.3:"
  cat "$tmp/out" >&2
fi
exit $status
