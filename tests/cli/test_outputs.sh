#!/usr/bin/env bash
# Where outputs may go, and what runs leave behind:
# - import writes only the names a dataset may have, whatever the workbook
#   says (a tampered hidden sheet: .ssh/authorized_keys, .bashrc,
#   dataset.yaml, the workbook's own name, a line end, ../, two alike);
# - import replaces the dataset folder whole, refuses a folder holding
#   anything else (--force: the dataset's files replaced, the rest kept) or a
#   symbolic link, never writes over its input;
# - two renders of different data into one folder at once leave one
#   render's pair, never a workbook beside the other's PDF (renames slowed
#   down at random by tests/tools/failwrite.c, so that they would interleave;
#   also as on a file system without RENAME_EXCHANGE); a signal arriving
#   while a pair is renamed lets the commit finish;
# - temporary files and folders of dead processes (SIGKILL) are removed by
#   the next run writing there, those of live ones and young ones are not.
#   test_outputs.sh BUDGETX FAILWRITE_SO SAMPLE_DIR
# (its small functions are called through wait_until and at_exit)
# shellcheck disable=SC2317
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$(realpath "$1") shim=$2 sample=$3
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# ---- names a tampered workbook gives its CSVs -------------------------------
# a dataset whose `files:` renames two tables' CSVs: the names to tamper with
named=$work/named/data
cp -r "$sample" "$work/named-src"
mkdir -p "$work/named"
mv "$work/named-src" "$named"
mv "$named/03_支出总表.csv" "$named/FILE-ONE.csv"
mv "$named/07_一般公共预算支出表按功能分类.csv" "$named/FILE-TWO.csv"
printf 'files:\n  03_支出总表.csv: FILE-ONE.csv\n  07_一般公共预算支出表按功能分类.csv: FILE-TWO.csv\n' \
  >> "$named/dataset.yaml"
run 0 "$budgetx" render "$named" -o "$work/named/out" -q --format xlsx
book=$work/named/out/data.xlsx
# the renamed files are a dataset's: imported under their names
run 0 "$budgetx" import "$book" -o "$work/renamed" -q
for f in FILE-ONE.csv FILE-TWO.csv; do
  [ -f "$work/renamed/$f" ] || fail "import of a dataset with files: wrote no $f"
done
expect_in "$work/renamed/dataset.yaml" "03_支出总表.csv: FILE-ONE.csv"

mkdir -p "$work/home/.ssh"
echo "ssh-ed25519 AAAA… the key" > "$work/home/.ssh/authorized_keys"
ln -s "$work/home" "$work/a-link"
cp -a "$work/home" "$work/home-before"
# tampered NAME WHY [MESSAGE] — a workbook whose FILE-ONE.csv is called
# NAME is refused, naming it (control characters escaped) and why, and
# writes nothing; MESSAGE when the dataset's loader refuses the name first
tampered() {
  local name=$1 why=$2 shown
  shown=$(printf '%s' "$name" | sed -z 's/\n/\\x0A/g; s/\r/\\x0D/g')
  python3 "$tests_dir/tools/xlsx_strings.py" "$book" "$work/tampered.xlsx" FILE-ONE.csv "$name"
  run 1 "$budgetx" import "$work/tampered.xlsx" -o "$work/victim" -q
  expect_err "${3:-tampered.xlsx: 数据文件名“$shown”不能用：$why}"
  [ "$(wc -l < "$run_err")" -eq 1 ] || fail "“$shown”: the message is not one line: $(cat "$run_err")"
  [ ! -e "$work/victim" ] || fail "“$shown”: the import wrote $(ls -A "$work/victim")"
  diff -r "$work/home-before" "$work/home" > /dev/null || fail "“$shown”: a file outside was written"
}
tampered ".ssh/authorized_keys" "含有“/”或“\\”"
outside="应为数据文件夹中的文件名（不能是绝对路径，也不能含有“..”）"
tampered "../home/.ssh/authorized_keys" "" "files 中“../home/.ssh/authorized_keys”$outside"
tampered "a-link/x.csv" "含有“/”或“\\”"
tampered "$work/home/x.csv" "" "files 中“$work/home/x.csv”$outside"
tampered ".bashrc" "以“.”开头"
tampered ".hidden.csv" "以“.”开头"
tampered "dataset.yaml" "不以 .csv 结尾"
tampered "data.xlsx" "不以 .csv 结尾"
tampered $'表3\n伪造的一行.csv' "含有控制字符（如换行）"
tampered $'表3\r.csv' "含有控制字符（如换行）"
tampered "$(printf '%0300d.csv' 0)" "超过 255 字节"
# the same file for two tables, alike ignoring case
python3 "$tests_dir/tools/xlsx_strings.py" "$book" "$work/twice.xlsx" FILE-ONE.csv same.csv FILE-TWO.csv SAME.csv
run 1 "$budgetx" import "$work/twice.xlsx" -o "$work/victim" -q
expect_err "数据文件名“same.csv”与“SAME.csv”重复（不区分大小写）"
[ ! -e "$work/victim" ] || fail "two tables in one file: the import wrote $(ls -A "$work/victim")"

# ---- the folder an import writes ---------------------------------------------
good=$work/good.xlsx
run 0 "$budgetx" render "$sample" -o "$work/g" -q --format xlsx
cp "$work/g"/*.xlsx "$good"
other=$work/other
cp -r "$sample" "$other"
sed -i 's/^unit: .*/unit: 另一个单位（测试）/' "$other/dataset.yaml"
run 0 "$budgetx" render "$other" -o "$work/o" -q --format xlsx
# a dataset replaces the previous one whole: a CSV only the old one had goes
ds=$work/ds
run 0 "$budgetx" import "$work/o/other.xlsx" -o "$ds" -q
echo "a,b" > "$ds/旧的.csv"
run 0 "$budgetx" import "$good" -o "$ds/" -q
[ ! -e "$ds/旧的.csv" ] || fail "the previous dataset's own CSV is still there"
run 0 "$budgetx" import "$good" -o "$work/ds-fresh" -q
diff -r "$work/ds-fresh" "$ds" > /dev/null || fail "an import over a dataset is not the dataset alone"
left=$(find "$work" -maxdepth 1 -name '.*.tmp' -printf '%f ')
[ -z "$left" ] || fail "import left behind: $left"
# anything else in the folder: refused, untouched; --force keeps the rest
echo "notes" > "$ds/备注.txt"
cp -a "$ds" "$work/ds-before"
run 2 "$budgetx" import "$work/o/other.xlsx" -o "$ds" -q
expect_err "$ds: 目录中有数据集以外的文件“备注.txt”，未写入"
diff -r "$work/ds-before" "$ds" > /dev/null || fail "a refused import changed the folder"
run 0 "$budgetx" import "$work/o/other.xlsx" -o "$ds" -q --force
expect_in "$ds/备注.txt" "notes" "--force: 备注.txt"
expect_in "$ds/dataset.yaml" "另一个单位（测试）" "--force: dataset.yaml"
mkdir "$ds/sub"
run 2 "$budgetx" import "$good" -o "$ds" -q
expect_err "目录中有数据集以外的文件“sub”"
# a symbolic link as the folder: refused, what it points to untouched
ln -s "$work/ds-fresh" "$work/ds-link"
cp -a "$work/ds-fresh" "$work/ds-fresh-before"
run 2 "$budgetx" import "$work/o/other.xlsx" -o "$work/ds-link" -q
expect_err "ds-link: 数据目录是符号链接，未写入"
[ -L "$work/ds-link" ] || fail "the symbolic link was replaced"
diff -r "$work/ds-fresh-before" "$work/ds-fresh" > /dev/null || fail "import wrote through a symbolic link"
# never over its input: the workbook's own folder, the workbook itself
mkdir "$work/inbox"
cp "$good" "$work/inbox/book.xlsx"
run 2 "$budgetx" import "$work/inbox/book.xlsx" -o "$work/inbox" -q
expect_err "目录中有数据集以外的文件“book.xlsx”"
run 0 "$budgetx" import "$work/inbox/book.xlsx" -o "$work/inbox" -q --force
same_bytes "$good" "$work/inbox/book.xlsx" "the workbook imported into its own folder"
run 1 "$budgetx" import "$work/inbox/book.xlsx" -o "$work/inbox/book.xlsx" -q
expect_err "输出位置不是目录"
same_bytes "$good" "$work/inbox/book.xlsx" "the workbook given as the dataset folder"
# the current folder ("-o ."): replaced in place, the shell's folder stays
mkdir "$work/here"
(cd "$work/here" && "$budgetx" import "$good" -o . -q) || fail "import -o . failed"
(cd "$work/here" && "$budgetx" import "$work/o/other.xlsx" -o . -q && [ -f dataset.yaml ]) ||
  fail "import -o . over a dataset: the current folder lost its files"
expect_in "$work/here/dataset.yaml" "另一个单位（测试）" "import -o .: dataset.yaml"

# ---- two renders into one folder at once -------------------------------------
mkdir -p "$work/c1" "$work/c2"
cp -r "$sample" "$work/c1/pair"
cp -r "$other" "$work/c2/pair"
run 0 "$budgetx" render "$work/c1/pair" -o "$work/ref1" -q
run 0 "$budgetx" render "$work/c2/pair" -o "$work/ref2" -q
cmp -s "$work/ref1/pair.pdf" "$work/ref2/pair.pdf" && die "the two datasets render alike"
slow() { BX_SLOW_RENAME_MS=30 LD_PRELOAD=$shim "$@"; }
pair=$work/pair
for round in $(seq 25); do
  # the last rounds as on a file system without RENAME_EXCHANGE
  if [ "$round" -gt 20 ]; then export BX_NO_EXCHANGE=1; fi
  slow "$budgetx" render "$work/c1/pair" -o "$pair" -q &
  first=$!
  slow "$budgetx" render "$work/c2/pair" -o "$pair" -q &
  second=$!
  wait "$first" || fail "round $round: the first render failed"
  wait "$second" || fail "round $round: the second render failed"
  matches=""
  for ref in ref1 ref2; do
    if cmp -s "$work/$ref/pair.xlsx" "$pair/pair.xlsx" && cmp -s "$work/$ref/pair.pdf" "$pair/pair.pdf"; then
      matches=$ref
    fi
  done
  [ -n "$matches" ] || fail "round $round: the workbook and the PDF are not one render's"
  left=$(find "$pair" -mindepth 1 ! -name pair.xlsx ! -name pair.pdf -printf '%f ')
  [ -z "$left" ] || fail "round $round: left behind: $left"
done
unset BX_NO_EXCHANGE

# ---- a signal while a pair is being renamed: the commit finishes first -------
limit=${BX_SIGNAL_WAIT:-300}
sig=$work/sig
for s in TERM INT; do
  rm -rf "$sig" "$work/mark"
  cp -a "$work/ref1" "$sig"
  BX_RENAME_MARK=$work/mark BX_SLOW_RENAME_MS=300 LD_PRELOAD=$shim \
    "$budgetx" render "$work/c2/pair" -o "$sig" -q &
  pid=$!
  wait_until "$limit" test -e "$work/mark" || die "SIG$s: no commit began in $limit s"
  kill -s "$s" "$pid"
  rc=0
  wait "$pid" || rc=$?
  [ "$rc" -eq $((128 + $(kill -l "$s"))) ] || fail "SIG$s during the commit: status $rc"
  for ext in xlsx pdf; do
    same_bytes "$work/ref2/pair.$ext" "$sig/pair.$ext" "SIG$s during the commit: pair.$ext"
  done
  left=$(find "$sig" -mindepth 1 ! -name pair.xlsx ! -name pair.pdf -printf '%f ')
  [ -z "$left" ] || fail "SIG$s during the commit: left behind: $left"
done

# ---- what dead processes left --------------------------------------------------
stale=$work/stale
run 0 "$budgetx" render "$sample" -o "$stale" -q --format xlsx
name=$(basename "$sample")
# a PID no process has: one that ran and ended
sleep 0 &
dead=$!
wait "$dead"
kill -0 "$dead" 2> /dev/null && die "PID $dead still runs"
# a process started after its "file" was last changed: the PID was reused
sleep 600 &
reused=$!
at_exit "kill $reused"
old=$(date -d '10 minutes ago' +%Y%m%d%H%M.%S)
make_temp() { # NAME [AGE] — a file (or NAME/ a folder) of an earlier run
  local f=$stale/$1
  case $f in */) mkdir -p "$f" && echo x > "$f/01.csv" ;; *) echo partial > "$f" ;; esac
  [ -z "${2:-}" ] || touch -h -t "$2" "${f%/}"
}
make_temp ".$name.xlsx.$dead.0.tmp" "$old"  # dead, old: removed
make_temp ".imp.$dead.3.tmp/" "$old"        # an import's folder, dead, old: removed
make_temp ".$name.pdf.$reused.1.tmp" "$old" # its PID reused since: removed
make_temp ".$name.pdf.$dead.2.tmp"          # dead, but changed just now: kept
make_temp ".notes.tmp" "$old"               # not a temporary name: kept
make_temp ".$name.xlsx.x$dead.0.tmp" "$old" # nor this
# (a live process's file could only be this old if it ran for longer: pid 1)
init_age=$(ps -o etimes= -p 1 | tr -d ' ')
if [ "${init_age:-0}" -gt 900 ]; then make_temp ".$name.xlsx.1.9.tmp" "$old"; fi
run 0 "$budgetx" render "$sample" -o "$stale" -q --format xlsx
for gone in ".$name.xlsx.$dead.0.tmp" ".imp.$dead.3.tmp" ".$name.pdf.$reused.1.tmp"; do
  [ ! -e "$stale/$gone" ] || fail "stale $gone was not removed"
done
for kept in ".$name.pdf.$dead.2.tmp" ".notes.tmp" ".$name.xlsx.x$dead.0.tmp"; do
  [ -e "$stale/$kept" ] || fail "$kept was removed"
done
if [ "${init_age:-0}" -gt 900 ]; then
  [ -e "$stale/.$name.xlsx.1.9.tmp" ] || fail "the file of a live process (pid 1) was removed"
fi
# an import sweeps the folder it writes beside
mkdir -p "$work/sets"
make_temp_in() { mkdir -p "$1" && echo x > "$1/01.csv" && touch -t "$old" "$1"; }
make_temp_in "$work/sets/.imp.$dead.4.tmp"
run 0 "$budgetx" import "$good" -o "$work/sets/imp" -q
[ ! -e "$work/sets/.imp.$dead.4.tmp" ] || fail "import left a dead import's folder"

# ---- SIGKILL mid-write, then the next run tidies ----------------------------------
mkdir -p "$work/big"
python3 "$tests_dir/tools/many_rows.py" "$sample" "$work/big/data" 20000
killed=$work/killed
"$budgetx" render "$work/big/data" -o "$killed" --force 2> /dev/null &
pid=$!
at_exit "kill -KILL $pid 2> /dev/null || true"
temp_file() { compgen -G "$killed/.*.tmp" > /dev/null; }
gone() { ! kill -0 "$pid" 2> /dev/null; }
writing_or_gone() { temp_file || gone; }
wait_until "$limit" writing_or_gone || die "SIGKILL: no temporary file in $limit s"
kill -KILL "$pid" 2> /dev/null || true
wait "$pid" 2> /dev/null || true
if temp_file; then
  # young, they stay (their process might be another machine's); old, they go
  run 0 "$budgetx" render "$sample" -o "$killed" -q --format xlsx
  temp_file || fail "SIGKILL: the temporary files of a render killed just now were removed"
  for f in "$killed"/.*.tmp; do touch -t "$old" "$f"; done
  run 0 "$budgetx" render "$sample" -o "$killed" -q --format xlsx
  ! temp_file || fail "SIGKILL: the temporary files of a killed render are still there: $(ls -A "$killed")"
else
  fail "SIGKILL: the render finished before it was killed: give it more rows"
fi

finish "outputs go only where they may, whole, and nothing stale stays"
