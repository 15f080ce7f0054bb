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
  last=""
  for ((i = 1; i <= pages; i++)); do
    label=$(pdftotext -raw -f "$i" -l "$i" "$pdf" - | awk 'NR == 1' | tr -d ' ')
    [ "$label" = "$last" ] && continue
    last=$label
    pdftoppm -r 50 -png -singlefile -f "$i" -l "$i" "$pdf" "$name/$label"
  done
  "$budgetx" render "$sample" -o "$work/$name-whole" --format pdf
  whole=$(ls "$work/$name-whole"/*.pdf)
  if [ "$(pdfinfo "$whole" | awk '/^Pages:/ {print $2}')" -gt "$pages" ]; then
    pdftoppm -r 50 -png -singlefile -f 1 -l 1 "$whole" "$name/封面"
    pdftoppm -r 50 -png -singlefile -f 2 -l 2 "$whole" "$name/文字部分-1"
    pdftoppm -r 50 -png -singlefile -f 5 -l 5 "$whole" "$name/文字部分-2"
  fi
  echo "$name: $(ls "$name" | wc -l) pages"
done
