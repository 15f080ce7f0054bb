#!/usr/bin/env bash
# Every code of every embedded font draws its character and has its width
# (tests/tools/pdf_glyphs.py): in the default fonts (Noto Serif CJK SC,
# CFF: codes are the program's CIDs) for every sample given; in a TrueType
# font (AR PL SungtiL GB: codes are glyph ids); in an OpenType font whose
# CFF program is not CID-keyed (made by tests/tools/make_otf.py: codes are
# glyph ids), which the three readers also read alike.
#   pdf_fonts.sh BUDGETX SAMPLE_DIR...
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1
shift
# Debian's python: fontTools is python3-fonttools
py=/usr/bin/python3
noto=/usr/share/fonts/opentype/noto
arphic=/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf
kai=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf # the headings' 楷体

for sample in "$@"; do
  name=$(basename "$sample")
  run 0 "$budgetx" render "$sample" -o "$work/$name" --format pdf -q
  run 0 "$py" "$tests_dir/tools/pdf_glyphs.py" "$work/$name/$name.pdf" \
    "$noto/NotoSerifCJK-Regular.ttc" "$noto/NotoSerifCJK-Bold.ttc" \
    "$noto/NotoSansCJK-Regular.ttc" "$kai"
  cat "$run_out"
done

sample=$1 name=$(basename "$1")
run 0 "$budgetx" render "$sample" -o "$work/arphic" --format pdf -q --font "$arphic"
run 0 "$py" "$tests_dir/tools/pdf_glyphs.py" "$work/arphic/$name.pdf" "$arphic"
cat "$run_out"

pdftotext "$work/$name/$name.pdf" "$work/text.txt"
run 0 "$py" "$tests_dir/tools/make_otf.py" "$noto/NotoSerifCJK-Regular.ttc" NotoSerifCJKsc-Regular \
  "$work/text.txt" "$work/named.otf"
run 0 "$budgetx" render "$sample" -o "$work/named" --format pdf -q --tables-only --font "$work/named.otf"
pdffonts "$work/named/$name.pdf" | grep -qE "BxTestNameKeyed-Regular +CID Type 0C .*yes yes yes" ||
  fail "the OpenType font is not embedded as CFF: $(pdffonts "$work/named/$name.pdf")"
run 0 "$py" "$tests_dir/tools/pdf_glyphs.py" "$work/named/$name.pdf" "$work/named.otf"
cat "$run_out"
run 0 python3 "$tests_dir/tools/pdf_readers.py" "$work/named/$name.pdf"
cat "$run_out"
finish "every code draws its character"
