#!/usr/bin/env bash
# Only src/render/pdf/pdf_hpdf.c uses libharu's internals. No other file includes one
# of its internal headers, and every other file using libharu compiles
# with HPDF_SHARED, where hpdf.h declares libharu's API alone over opaque
# handles: a struct field or an internal call is then an error.
#   hpdf_public_api.sh CC SOURCE_DIR COMPILE_FLAGS...
set -euo pipefail
cc=$1 src=$2
shift 2
status=0
cd "$src"
internal=$(grep -rl --include='*.[ch]' '^#include *<hpdf_' src fuzz tests/unit | grep -v '^src/render/pdf/pdf_hpdf\.c$' || true)
if [ -n "$internal" ]; then
  echo "FAIL: libharu's internal headers are included outside src/render/pdf/pdf_hpdf.c:" $internal >&2
  status=1
fi
users=$(grep -rl --include='*.c' '^#include *\(<hpdf\.h>\|"pdf_hpdf\.h"\|"pdf_objects\.h"\)' src |
  grep -v '^src/render/pdf/pdf_hpdf\.c$')
[ -n "$users" ] || { echo "FAIL: no file uses libharu" >&2; exit 1; }
for f in $users; do
  if ! out=$("$cc" -std=c11 -fsyntax-only -Werror=implicit-function-declaration -DHPDF_SHARED \
    "$@" "$f" 2>&1); then
    echo "FAIL: $f uses more of libharu than hpdf.h declares:" >&2
    echo "$out" >&2
    status=1
  fi
done
exit $status
