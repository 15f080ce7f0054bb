#!/usr/bin/env bash
# Regenerate the gallery: the first page of every table of every sample's PDF
# as a PNG (pdftoppm), in docs/gallery/<sample>/<label>.png, e.g.
# shenzhen-2024/表1.png, shenzhen-selfeval-2021/附件1-2.png.
#   docs/gallery/make.sh [BUDGETX]
set -euo pipefail
cd "$(dirname "$0")"
budgetx=$(realpath "${1:-../../build/budgetx}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for sample in ../../samples/*/; do
  name=$(basename "$sample")
  "$budgetx" render "$sample" -o "$work/$name" --format pdf
  pdf=$(ls "$work/$name"/*.pdf)
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  rm -rf "$name"
  mkdir -p "$name"
  last=""
  for ((i = 1; i <= pages; i++)); do
    label=$(pdftotext -raw -f "$i" -l "$i" "$pdf" - | awk 'NR == 1' | tr -d ' ')
    [ "$label" = "$last" ] && continue
    last=$label
    pdftoppm -r 50 -png -singlefile -f "$i" -l "$i" "$pdf" "$name/$label"
  done
  echo "$name: $(ls "$name" | wc -l) tables"
done
