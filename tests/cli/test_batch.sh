#!/usr/bin/env bash
# Batch mode: `budgetx render A B C -o OUT -j N` and `--list FILE`. Each
# dataset goes to OUT/<name>/ with the same bytes a single render writes;
# a bad dataset fails alone (named, with file, line and column) and sets
# the exit status; two datasets that would share a folder are refused
# before anything is written.
#   test_batch.sh BUDGETX SAMPLES_DIR
set -uo pipefail
budgetx=$1 samples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

names="shenzhen-2024 shenzhen-2022 shenzhen-selfeval-2021 chibi-2022"
for s in $names; do
  "$budgetx" render "$samples/$s" -o "$work/single" 2> /dev/null || fail "single render of $s"
done

# a copy of one sample with a bad amount
cp -r "$samples/chibi-2022" "$work/broken"
csv=$(ls "$work/broken"/*.csv | head -1)
sed -i '2s/[0-9][0-9]*\.[0-9][0-9]/12x.00/' "$csv"

set -- $(for s in $names; do echo "$samples/$s"; done)
"$budgetx" render "$@" "$work/broken" -o "$work/out" -j 3 2> "$work/err"
rc=$?
[ $rc -eq 1 ] || fail "a failed dataset: exit status $rc, expected 1"
for s in $names; do
  for ext in xlsx pdf; do
    cmp -s "$work/single/$s.$ext" "$work/out/$s/$s.$ext" ||
      fail "$s.$ext from the batch differs from a single render"
  done
done
[ ! -e "$work/out/broken" ] || [ -z "$(ls -A "$work/out/broken")" ] || fail "the broken dataset wrote files"
grep -q "broken.*$(basename "$csv"):2:[0-9]*: 第 2 行第 [0-9]* 列：金额格式无效" "$work/err" ||
  fail "the failure is not reported with its place: $(cat "$work/err")"
grep -q "5 个数据集，4 个已写入 .*1 个失败" "$work/err" || fail "no summary: $(cat "$work/err")"

# --list: comments and blank lines skipped, relative to the working directory
printf '# departments\n%s\n\n  %s  \n' "$samples/shenzhen-2024" "$samples/chibi-2022" > "$work/list.txt"
"$budgetx" render --list "$work/list.txt" -o "$work/listed" -j 1 2> "$work/err2" ||
  fail "--list: $(cat "$work/err2")"
[ -s "$work/listed/shenzhen-2024/shenzhen-2024.pdf" ] && [ -s "$work/listed/chibi-2022/chibi-2022.xlsx" ] ||
  fail "--list did not render both datasets"

# two datasets whose outputs would share a folder: refused, nothing written
"$budgetx" render "$samples/chibi-2022" "$samples/chibi-2022" -o "$work/dup" 2> "$work/err3"
rc=$?
[ $rc -eq 2 ] || fail "same output folder twice: exit status $rc, expected 2"
[ ! -e "$work/dup" ] || fail "same output folder twice: something was written"
grep -q "都会写入" "$work/err3" || fail "same output folder twice: no message"

# bad -j
"$budgetx" render "$samples/chibi-2022" "$samples/shenzhen-2024" -o "$work/j" -j 0 2> /dev/null
[ $? -eq 2 ] || fail "-j 0 accepted"

[ "$failures" -eq 0 ] || exit 1
echo "batch mode: separate folders, identical files, failures isolated and reported"
