#!/usr/bin/env bash
# Regenerate the gallery: the first page of every table of every sample's PDF
# as a PNG (pdftoppm), in docs/gallery/<sample>/<label>.png, e.g.
# shenzhen-2024/表1.png, shenzhen-selfeval-2021/附件1-2.png; for a sample
# whose layout set writes the whole document, also its cover and the first
# two pages of its text (封面.png, 文字部分-1.png, 文字部分-2.png).
#   docs/gallery/make.sh [BUDGETX]
set -euo pipefail
cd "$(dirname "$0")"
budgetx=$(realpath "${1:-../../build/budgetx}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for sample in ../../samples/*/; do
  name=$(basename "$sample")
  rm -rf "$name"
  mkdir -p "$name"
  pages=0
  if "$budgetx" render "$sample" -o "$work/$name" --format pdf --tables-only 2> /dev/null; then
    pdf=$(ls "$work/$name"/*.pdf)
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  fi # else a report: no tables
  # the first page of every table: its bookmark's page; named by its label
  # ("表1"), or by its sheet name where a table has no label (上海's)
  if [ "$pages" -gt 0 ]; then
    pdftohtml -xml -i -stdout "$pdf" | python3 -c '
import re, sys
for page, name in re.findall(r"<item page=\"(\d+)\">([^<]*)</item>", sys.stdin.read()):
    print(page, name.split(" ")[0] if re.match(r"(表|附件)\d", name) else name.replace(" ", "-"))' |
      while read -r page label; do
        pdftoppm -r 50 -png -singlefile -f "$page" -l "$page" "$pdf" "$name/$label"
      done
  fi
  "$budgetx" render "$sample" -o "$work/$name-whole" --format pdf
  whole=$(ls "$work/$name-whole"/*.pdf)
  if [ "$(pdfinfo "$whole" | awk '/^Pages:/ {print $2}')" -gt "$pages" ]; then
    pdftoppm -r 50 -png -singlefile -f 1 -l 1 "$whole" "$name/封面"
    pdftoppm -r 50 -png -singlefile -f 2 -l 2 "$whole" "$name/文字部分-1"
    pdftoppm -r 50 -png -singlefile -f 5 -l 5 "$whole" "$name/文字部分-2"
  fi
  echo "$name: $(ls "$name" | wc -l) pages"
done

# 上海市普陀区 2025: our page beside the published one (when ../shared is there)
published=../../../shared/seeds-external/shanghai-putuo-2025
# (each: sample, published PDF, pages ours:theirs of its 财务收支预算总表,
# 收入预算总表 and 经济分类预算表)
for pair in "putuo-2025-office:上海市普陀区人民政府办公室2025年部门预算.pdf:1:8 2:9 8:18" \
            "putuo-2025-office-unit:上海市普陀区人民政府办公室2025年单位预算.pdf:1:8 2:9 8:18" \
            "putuo-2025-wanli:上海市普陀区人民政府万里街道办事处2025年部门预算.pdf:1:9 2:10 19:27"; do
  name=${pair%%:*} rest=${pair#*:}
  pdf="$published/${rest%%.pdf:*}.pdf" specs=${rest#*.pdf:}
  [ -f "$pdf" ] || continue
  "$budgetx" render "../../samples/$name" -o "$work/$name-beside" --format pdf --tables-only
  ours=$(ls "$work/$name-beside"/*.pdf)
  for spec in $specs; do # ours, then theirs
    pdftoppm -r 40 -png -singlefile -f "${spec%%:*}" -l "${spec%%:*}" "$ours" "$work/a"
    pdftoppm -r 40 -png -singlefile -f "${spec#*:}" -l "${spec#*:}" "$pdf" "$work/b"
    /usr/bin/python3 -c '
import sys
from PIL import Image
a, b = Image.open(sys.argv[1]), Image.open(sys.argv[2])
out = Image.new("RGB", (a.width + b.width + 8, max(a.height, b.height)), "grey")
out.paste(a, (0, 0))
out.paste(b, (a.width + 8, 0))
out.save(sys.argv[3])' "$work/a.png" "$work/b.png" "$name/beside-published-${spec%%:*}.png"
  done
done
