#!/usr/bin/env bash
# Batch mode: `budgetx render A B C -o OUT -j N` and `--list FILE`. Each
# dataset goes to OUT/<name>/ with the same bytes a single render writes;
# a bad dataset fails alone (named, with file, line and column) and sets
# the exit status; two datasets that would share a folder are refused
# before anything is written.
#   test_batch.sh BUDGETX SAMPLES_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 samples=$2

names=(shenzhen-2024 shenzhen-2022 shenzhen-selfeval-2021 chibi-2022)
for s in "${names[@]}"; do
  run 0 "$budgetx" render "$samples/$s" -o "$work/single"
done

# a copy of one sample with a bad amount
cp -r "$samples/chibi-2022" "$work/broken"
csv=$(ls "$work/broken"/*.csv | head -1)
sed -i '2s/[0-9][0-9]*\.[0-9][0-9]/12x.00/' "$csv"

run 1 "$budgetx" render "${names[@]/#/$samples/}" "$work/broken" -o "$work/out" -j 3
for s in "${names[@]}"; do
  for ext in xlsx pdf; do
    same_bytes "$work/single/$s.$ext" "$work/out/$s/$s.$ext" "$s.$ext from the batch"
  done
done
expect_empty "$work/out/broken" "the broken dataset"
grep -q "broken.*$(basename "$csv"):2:[0-9]*: 第 2 行第 [0-9]* 列：金额格式无效" "$run_err" ||
  fail "the failure is not reported with its place: $(cat "$run_err")"
grep -q "5 个数据集，4 个已写入 .*1 个失败" "$run_err" || fail "no summary: $(cat "$run_err")"

# --list: comments and blank lines skipped, relative to the working directory
printf '# departments\n%s\n\n  %s  \n' "$samples/shenzhen-2024" "$samples/chibi-2022" > "$work/list.txt"
run 0 "$budgetx" render --list "$work/list.txt" -o "$work/listed" -j 1
[ -s "$work/listed/shenzhen-2024/shenzhen-2024.pdf" ] && [ -s "$work/listed/chibi-2022/chibi-2022.xlsx" ] ||
  fail "--list did not render both datasets"

# two datasets whose outputs would share a folder: refused, nothing written
run 2 "$budgetx" render "$samples/chibi-2022" "$samples/chibi-2022" -o "$work/dup"
[ ! -e "$work/dup" ] || fail "same output folder twice: something was written"
expect_err "都会写入" "same output folder twice"

# bad -j
run 2 "$budgetx" render "$samples/chibi-2022" "$samples/shenzhen-2024" -o "$work/j" -j 0

finish "batch mode: separate folders, identical files, failures isolated and reported"
