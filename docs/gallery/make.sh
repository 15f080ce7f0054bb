#!/usr/bin/env bash
# Regenerate the gallery: the first page of every table of a sample's PDF as
# a PNG (pdftoppm), for the README.
#   docs/gallery/make.sh [BUDGETX] [SAMPLE_DIR]
set -euo pipefail
cd "$(dirname "$0")"
budgetx=${1:-../../build/budgetx}
sample=${2:-../../samples/shenzhen-2024}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$budgetx" render "$sample" -o "$work" --format pdf
pdf=$(ls "$work"/*.pdf)
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
rm -f table*.png
last=""
for ((i = 1; i <= pages; i++)); do
  n=$(pdftotext -raw -f "$i" -l "$i" "$pdf" - | head -1 | tr -dc '0-9')
  [ "$n" = "$last" ] && continue
  last=$n
  pdftoppm -r 60 -png -singlefile -f "$i" -l "$i" "$pdf" "$(printf 'table%02d' "$n")"
done
ls table*.png
