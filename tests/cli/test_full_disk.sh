#!/usr/bin/env bash
# A full disk at any moment of a render or an import leaves the previous
# files exactly as they were and no temporary file or folder behind, and the
# message names the final file and says 磁盘空间不足.
#
# The disk fills up on purpose: under the shim tests/tools/failwrite.c
# (LD_PRELOAD), writes to files on $work's file system fail with ENOSPC
# once N bytes have been written, and N steps through the whole of a render
# (workbook and PDF, written side by side) and of an import, into a folder
# that holds the previous outputs of other data. Where a tmpfs can be
# mounted (root), a real one filled to within a few bytes of full follows,
# and then made read-only (文件系统只读); elsewhere that part says it is
# skipped (the injected failures are the test).
#   test_full_disk.sh BUDGETX FAILWRITE_SO SAMPLE_DIR
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
budgetx=$1 shim=$2 sample=$3

# Under ASan the runtime wants to be the first library; the shim (not
# instrumented) is preloaded before it, which ASan accepts when told.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# full_at N CMD... — CMD with the disk full after N bytes
full_at() {
  local n=$1
  shift
  BX_FAILWRITE_DIR=$work BX_FAILWRITE_BYTES=$n LD_PRELOAD=$shim "$@"
}

# bytes_written CMD... — how many bytes CMD writes to $work's file system
bytes_written() {
  rm -f "$work/count"
  BX_FAILWRITE_DIR=$work BX_FAILWRITE_COUNT=$work/count LD_PRELOAD=$shim "$@" > /dev/null 2>&1 ||
    die "$*: failed with plenty of room"
  head -n 1 "$work/count"
}

# points TOTAL — where to stop: the first bytes, every 1/40 of the way,
# around a block, the last bytes
points() {
  local total=$1 i
  echo 0 1 2 100 4095 4096 4097
  for ((i = 1; i < 40; i++)); do echo $((total * i / 40)); done
  echo $((total - 4096)) $((total - 2)) $((total - 1))
}

# leftovers DIR KEEP... — what DIR holds besides the names KEEP
leftovers() {
  local dir=$1
  shift
  local args=()
  for keep; do args+=(! -name "$keep"); done
  find "$dir" -mindepth 1 -maxdepth 1 "${args[@]}" -printf '%f ' 2> /dev/null
}

# a full-disk failure: status 1, one message naming a final file (FILE_RE,
# an extended regular expression) and the reason
full_disk_message() { # WHAT FILE_RE
  [ "$run_status" -eq 1 ] || {
    fail "$1: status $run_status, expected 1; stderr:
$(tail_of "$run_err")"
    return
  }
  grep -qE "^budgetx: $2: 无法写入(文件|数据目录)：磁盘空间不足$" "$run_err" ||
    fail "$1: no “budgetx: <final file>: 无法写入文件：磁盘空间不足” in:
$(tail_of "$run_err")"
}

# two datasets whose outputs share names: a (rendered first) and b
mkdir -p "$work/a" "$work/b"
cp -r "$sample" "$work/a/data"
cp -r "$sample" "$work/b/data"
sed -i 's/^unit: .*/unit: 另一个单位（测试）/' "$work/b/data/dataset.yaml"

# ---- render --------------------------------------------------------------
out=$work/out
run 0 "$budgetx" render "$work/a/data" -o "$out" -q
cp "$out/data.xlsx" "$work/before.xlsx"
cp "$out/data.pdf" "$work/before.pdf"
total=$(bytes_written "$budgetx" render "$work/b/data" -o "$work/probe" -q)
cmp -s "$work/before.pdf" "$work/probe/data.pdf" && die "b renders as a does: the test would see nothing"
tried=0
for n in $(points "$total"); do
  capture full_at "$n" "$budgetx" render "$work/b/data" -o "$out" -q
  tried=$((tried + 1))
  full_disk_message "render, full after $n of $total bytes" "$out/data\.(xlsx|pdf)"
  same_bytes "$work/before.xlsx" "$out/data.xlsx" "render, full after $n bytes: data.xlsx"
  same_bytes "$work/before.pdf" "$out/data.pdf" "render, full after $n bytes: data.pdf"
  left=$(leftovers "$out" data.xlsx data.pdf)
  [ -z "$left" ] || fail "render, full after $n bytes: left behind: $left"
done
# one format alone, the PDF (libharu's own error code is not the message)
for n in 0 4096 $((total / 4)); do
  capture full_at "$n" "$budgetx" render "$work/b/data" -o "$out" -q --format pdf
  full_disk_message "render --format pdf, full after $n bytes" "$out/data\.pdf"
  same_bytes "$work/before.pdf" "$out/data.pdf" "render --format pdf, full after $n bytes"
done
# room enough: both replaced
run 0 full_at "$total" "$budgetx" render "$work/b/data" -o "$out" -q
same_bytes "$work/probe/data.xlsx" "$out/data.xlsx" "render with just enough room: data.xlsx"
same_bytes "$work/probe/data.pdf" "$out/data.pdf" "render with just enough room: data.pdf"

# ---- import: a new folder in place of the previous dataset -------------------
imp=$work/sets/imp
run 0 "$budgetx" import "$work/before.xlsx" -o "$imp" -q
cp -a "$imp" "$work/imp-before"
book=$work/probe/data.xlsx
total=$(bytes_written "$budgetx" import "$book" -o "$work/sets/probe" -q)
for n in $(points "$total"); do
  capture full_at "$n" "$budgetx" import "$book" -o "$imp" -q
  tried=$((tried + 1))
  full_disk_message "import, full after $n of $total bytes" "$imp/[^/]+"
  diff -r "$work/imp-before" "$imp" > /dev/null ||
    fail "import, full after $n bytes: the previous dataset changed: $(diff -rq "$work/imp-before" "$imp" | head -3)"
  left=$(leftovers "$work/sets" imp probe)
  [ -z "$left" ] || fail "import, full after $n bytes: left behind: $left"
done
run 0 full_at "$total" "$budgetx" import "$book" -o "$imp" -q
diff -r "$work/sets/probe" "$imp" > /dev/null || fail "import with just enough room: not the new dataset"

# ---- import --force: the dataset's files replaced inside a folder with others
mixed=$work/mixed
run 0 "$budgetx" import "$work/before.xlsx" -o "$mixed" -q
echo "keep me" > "$mixed/备注.txt"
cp -a "$mixed" "$work/mixed-before"
for n in $(points "$total"); do
  capture full_at "$n" "$budgetx" import "$book" -o "$mixed" -q --force
  tried=$((tried + 1))
  full_disk_message "import --force, full after $n bytes" "$mixed/[^/]+"
  diff -r "$work/mixed-before" "$mixed" > /dev/null ||
    fail "import --force, full after $n bytes: the folder changed: $(diff -rq "$work/mixed-before" "$mixed" | head -3)"
  left=$(find "$mixed" -name '.*' -printf '%f ')
  [ -z "$left" ] || fail "import --force, full after $n bytes: left behind: $left"
done

# ---- the commit itself: the K-th rename fails (a full directory), with
# RENAME_EXCHANGE and as on a file system without it (the previous file
# kept aside): what was renamed is put back
# commit_fails WHAT BEFORE TARGET NEW CMD... — for K = 1…8, CMD with the
# K-th rename failing, starting from a copy of BEFORE at TARGET: it fails
# leaving TARGET as BEFORE, or succeeds leaving it as NEW; the first fails
commit_fails() {
  local what=$1 before=$2 target=$3 new=$4 k mode
  shift 4
  for mode in exchange aside; do
    for k in 1 2 3 4 5 6 7 8; do
      rm -rf "$target"
      cp -a "$before" "$target"
      local env=(BX_FAIL_RENAME_AT=$k LD_PRELOAD=$shim)
      [ "$mode" = exchange ] || env+=(BX_NO_EXCHANGE=1)
      capture env "${env[@]}" "$@"
      tried=$((tried + 1))
      local left
      left=$(find "$(dirname "$target")" -maxdepth 2 -name '.*.tmp' -printf '%P ')
      [ -z "$left" ] || fail "$what, rename $k fails ($mode): left behind: $left"
      if [ "$run_status" -eq 0 ] && [ "$k" -gt 1 ]; then
        diff -r "$new" "$target" > /dev/null || fail "$what, rename $k fails ($mode): succeeded, but not with the new files"
        continue
      fi
      full_disk_message "$what, rename $k fails ($mode)" "$target(/[^/]+)?"
      diff -r "$before" "$target" > /dev/null ||
        fail "$what, rename $k fails ($mode): changed: $(diff -rq "$before" "$target" | head -3)"
    done
  done
}
mkdir -p "$work/commit/before" "$work/commit/new"
cp "$work/before.xlsx" "$work/commit/before/data.xlsx"
cp "$work/before.pdf" "$work/commit/before/data.pdf"
cp "$work/probe/data.xlsx" "$work/probe/data.pdf" "$work/commit/new/"
commit_fails "render" "$work/commit/before" "$work/commit/out" "$work/commit/new" \
  "$budgetx" render "$work/b/data" -o "$work/commit/out" -q
commit_fails "import" "$work/imp-before" "$work/commit/imp" "$work/sets/probe" \
  "$budgetx" import "$book" -o "$work/commit/imp" -q
cp -a "$work/sets/probe" "$work/commit/mixed-new"
cp "$work/mixed-before/备注.txt" "$work/commit/mixed-new/"
commit_fails "import --force" "$work/mixed-before" "$work/commit/mixed" "$work/commit/mixed-new" \
  "$budgetx" import "$book" -o "$work/commit/mixed" -q --force

# ---- a real full disk ----------------------------------------------------
mnt=$work/tmpfs
mkdir "$mnt"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=2m,nr_inodes=200 budgetx-test "$mnt" 2> /dev/null; then
  at_exit "umount '$mnt'"
  # fill FILE ROOM — FILE takes all of the disk but ROOM bytes
  fill() {
    rm -f "$1"
    sync
    local avail
    avail=$(df --output=avail -B1 "$mnt" | tail -n 1)
    if [ "$avail" -gt "$2" ]; then head -c $((avail - $2)) /dev/zero > "$1" 2> /dev/null || true; fi
  }
  run 0 "$budgetx" render "$work/a/data" -o "$mnt/out" -q
  run 0 "$budgetx" import "$work/before.xlsx" -o "$mnt/imp" -q
  cp -a "$mnt/imp" "$work/tmpfs-imp-before"
  for room in 0 4096 16384 65536 131072; do
    fill "$mnt/filler" "$room"
    capture "$budgetx" render "$work/b/data" -o "$mnt/out" -q
    tried=$((tried + 1))
    full_disk_message "render on a full tmpfs ($room bytes free)" "$mnt/out/data\.(xlsx|pdf)"
    same_bytes "$work/before.xlsx" "$mnt/out/data.xlsx" "render on a full tmpfs ($room bytes free)"
    same_bytes "$work/before.pdf" "$mnt/out/data.pdf" "render on a full tmpfs ($room bytes free)"
    left=$(leftovers "$mnt/out" data.xlsx data.pdf)
    [ -z "$left" ] || fail "render on a full tmpfs: left behind: $left"
  done
  for room in 0 4096 16384; do
    fill "$mnt/filler" "$room"
    capture "$budgetx" import "$book" -o "$mnt/imp" -q
    tried=$((tried + 1))
    full_disk_message "import on a full tmpfs ($room bytes free)" "$mnt/imp/[^/]+"
    diff -r "$work/tmpfs-imp-before" "$mnt/imp" > /dev/null ||
      fail "import on a full tmpfs ($room bytes free): the previous dataset changed"
    left=$(leftovers "$mnt" out imp filler)
    [ -z "$left" ] || fail "import on a full tmpfs: left behind: $left"
  done
  # read-only: said in words too, the previous files as they were
  rm -f "$mnt/filler"
  if mount -o remount,ro "$mnt" 2> /dev/null; then
    run 1 "$budgetx" render "$work/b/data" -o "$mnt/out" -q
    expect_err "$mnt/out/data.xlsx: 无法在输出目录中创建文件：文件系统只读"
    same_bytes "$work/before.pdf" "$mnt/out/data.pdf" "render on a read-only tmpfs"
    run 1 "$budgetx" import "$book" -o "$mnt/imp" -q
    expect_err "$mnt/imp: 无法创建数据目录：文件系统只读"
    mount -o remount,rw "$mnt"
  fi
else
  echo "test_full_disk.sh: no tmpfs could be mounted here (not root, or no CAP_SYS_ADMIN): the real full disk is skipped; the injected ones ran"
fi

finish "a full disk at $tried points of renders and imports left the previous files as they were"
