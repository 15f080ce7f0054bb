#!/usr/bin/env bash
# Hostile inputs (issue 13): small files that made budgetx allocate without
# bound or hang a worker, each generated here (tests/tools/hostile.py), run
# under a memory limit (ulimit -v, 1 GB) and a time limit (timeout, 20 s):
# a clear message naming the place and status 1 with nothing written, or
# success where the input is merely big but legal — never a crash, running
# out of memory or a timeout.
#   test_bounded.sh BUDGETX SAMPLE_DIR LAYOUTS_DIR
# Under AddressSanitizer (BX_TEST_SANITIZED=1, which the build passes with
# BX_SANITIZE, or an instrumented binary) there is no ulimit -v: ASan
# reserves terabytes of address space up front. The time limit stays.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 sample=$2 layouts=$3
hostile=$tests_dir/tools/hostile.py
memory_kb=$((1024 * 1024)) seconds=20 cases=0

sanitized=${BX_TEST_SANITIZED:-0}
if nm "$budgetx" 2> /dev/null | grep -q ' __asan_init'; then sanitized=1; fi

# limited CMD... — run CMD under the limits; $run_status, $run_err
limited() {
  cases=$((cases + 1))
  run_status=0
  (
    [ "$sanitized" = 1 ] || ulimit -v "$memory_kb"
    exec timeout "$seconds" "$@"
  ) > "$run_out" 2> "$run_err" || run_status=$?
  if [ "$run_status" -eq 124 ]; then
    fail "'$*' did not finish in $seconds s"
  elif [ "$run_status" -gt 2 ]; then
    fail "'$*' exited $run_status (a crash?): $(tail_of "$run_err" 5)"
  elif grep -q "内存不足" "$run_err"; then
    fail "'$*' ran out of memory under ulimit -v $memory_kb"
  fi
}

# refused WHAT MESSAGE CMD... — status 1, MESSAGE, nothing in $work/out
refused() {
  local what=$1 message=$2
  shift 2
  rm -rf "$work/out"
  limited "$@"
  [ "$run_status" -eq 1 ] || fail "$what: exit status $run_status, expected 1: $(tail_of "$run_err" 3)"
  grep -qF -- "$message" "$run_err" || fail "$what: no “$message” in: $(tail_of "$run_err" 3)"
  expect_empty "$work/out" "$what"
}

# accepted WHAT CMD... — status 0
accepted() {
  local what=$1
  shift
  rm -rf "$work/out"
  limited "$@"
  [ "$run_status" -eq 0 ] || fail "$what: exit status $run_status, expected 0: $(tail_of "$run_err" 3)"
}

fresh() { # a copy of the sample and of its layouts to break
  rm -rf "$work/data" "$work/layouts"
  cp -r "$sample" "$work/data"
  mkdir -p "$work/layouts"
  cp -r "$layouts/shenzhen-2024" "$work/layouts/"
}

# the limits leave room for an ordinary render
accepted "the sample" "$budgetx" render "$sample" -o "$work/out" -q
mkdir -p "$work/book"
"$budgetx" render "$sample" -o "$work/book" --format xlsx -q
book=$work/book/$(basename "$sample").xlsx

# ---- workbooks: rows added to the hidden sheet ------------------------
# every command that reads a workbook back: check, import, render
book_refused() { # CASE N MESSAGE
  python3 "$hostile" book "$book" "$work/$1.xlsx" "$1" "$2"
  refused "$1: check" "$3" "$budgetx" check "$work/$1.xlsx" -q
  refused "$1: import" "$3" "$budgetx" import "$work/$1.xlsx" -o "$work/out" -q
  refused "$1: render" "$3" "$budgetx" render "$work/$1.xlsx" -o "$work/out" -q
}
book_accepted() { # CASE N
  python3 "$hostile" book "$book" "$work/$1.xlsx" "$1" "$2"
  accepted "$1: check" "$budgetx" check "$work/$1.xlsx" -q
  accepted "$1: import" "$budgetx" import "$work/$1.xlsx" -o "$work/out" -q
  accepted "$1: render" "$budgetx" render "$work/$1.xlsx" -o "$work/out" -q
  [ -s "$work/out/$1.pdf" ] || fail "$1: no PDF rendered"
}
book_refused csv64 400 "csv64.xlsx: 工作表“budgetx”中“大0”的数据不完整，无法读回"
book_accepted fields 30000
book_accepted csvs 30000
book_refused plus 400 "plus.xlsx: 工作表“budgetx”第 44 行的文字超过 64 MB 的上限，无法读回"
book_accepted plus 40 # 10 MB: big but legal
book_refused xfd 40000 "xfd.xlsx: 工作表“budgetx”第 44 行已被改动，无法读回"

# ---- YAML: deep flow nesting, alias bombs -----------------------------
for levels in 40000 1000000; do
  fresh
  line=$(($(wc -l < "$work/data/dataset.yaml") + 1))
  python3 "$hostile" deep "$levels" "$work/data/dataset.yaml" title
  refused "dataset.yaml, $levels levels" "dataset.yaml:$line:107: YAML 嵌套超过 100 层的上限" \
    "$budgetx" render "$work/data" -o "$work/out" --layouts "$work/layouts"
  fresh
  L=$work/layouts/shenzhen-2024/03_支出总表.yaml
  line=$(($(wc -l < "$L") + 1))
  python3 "$hostile" deep "$levels" "$L" empty_note
  refused "a layout, $levels levels" "03_支出总表.yaml:$line:112: YAML 嵌套超过 100 层的上限" \
    "$budgetx" render "$work/data" -o "$work/out" --layouts "$work/layouts"
done
fresh
python3 "$hostile" aliases "$work/layouts/shenzhen-2024/03_支出总表.yaml" 8
refused "aliases in a header (10^8 leaves)" "03_支出总表.yaml:13:41: 不支持 YAML 别名（*a0）" \
  "$budgetx" render "$work/data" -o "$work/out" --layouts "$work/layouts"

# ---- files: and data: ------------------------------------------------
csv3=03_支出总表.csv
fresh
mkfifo "$work/data/fifo.csv"
printf 'files:\n  %s: fifo.csv\n' "$csv3" >> "$work/data/dataset.yaml"
refused "a FIFO in files:" "data/fifo.csv: 不是普通文件（是管道、设备或套接字），不能读取" \
  "$budgetx" render "$work/data" -o "$work/out"
fresh
line=$(($(wc -l < "$work/data/dataset.yaml") + 2))
cp "$work/data/$csv3" "$work/outside.csv"
printf 'files:\n  %s: ../outside.csv\n' "$csv3" >> "$work/data/dataset.yaml"
refused "../ in files:" "dataset.yaml:$line:16: files 中“../outside.csv”应为数据文件夹中的文件名" \
  "$budgetx" render "$work/data" -o "$work/out"
fresh
printf 'files:\n  %s: %s\n' "$csv3" "$work/outside.csv" >> "$work/data/dataset.yaml"
refused "an absolute path in files:" "应为数据文件夹中的文件名（不能是绝对路径，也不能含有“..”）" \
  "$budgetx" render "$work/data" -o "$work/out"
fresh
sed -i "s|^data: $csv3|data: ../outside.csv|" "$work/layouts/shenzhen-2024/03_支出总表.yaml"
refused "../ in data:" "03_支出总表.yaml:8:7: “data”应为数据文件夹中的文件名" \
  "$budgetx" render "$work/data" -o "$work/out" --layouts "$work/layouts"
fresh
rm "$work/data/$csv3"
ln -s ../outside.csv "$work/data/$csv3"
refused "a symbolic link out of the folder" "$csv3: 这个文件（符号链接）指向数据文件夹以外，不能读取" \
  "$budgetx" render "$work/data" -o "$work/out"
# the folder itself may be reached through a link, and named with ..
ln -s "$(cd "$sample" && pwd)" "$work/linked"
accepted "a dataset folder named through a link" "$budgetx" check "$work/linked" -q
accepted "a dataset folder named with .." "$budgetx" check "$work/book/../linked" -q

finish "$cases hostile-input runs stay within $((memory_kb / 1024)) MB and $seconds s"
