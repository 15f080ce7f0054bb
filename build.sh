#!/usr/bin/env bash
# Build budgetx on Debian 12: install what is missing, configure, build.
#   ./build.sh            build into ./build
#   ./build.sh test       also run every test (what CI runs first)
#   ./build.sh sanitize   build with ASan+UBSan into ./build-asan, run every test
#   ./build.sh tsan       build with ThreadSanitizer into ./build-tsan and run
#                         batch renders of every sample on 4 threads
#   ./build.sh fuzz [S]   build the libFuzzer harnesses with clang into
#                         ./build-fuzz and run each for S seconds (default 60)
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-build}

# Debian packages the build and the tests need. Keep this list the only place
# where dependencies are installed.
packages=(
  build-essential cmake pkg-config
  libyaml-dev libxlsxwriter-dev libcsv-dev libhpdf-dev libharfbuzz-dev libdeflate-dev libzip-dev libexpat1-dev
  libfreexl-dev         # .xls (BIFF8) workbooks made by other systems
  libcmocka-dev python3 unzip poppler-utils
  fonts-noto-cjk        # the PDF's default fonts: Noto Serif CJK SC Regular and Bold (CFF)
  fonts-lxgw-wenkai     # the 楷体 of the whole document's headings (LXGW WenKai, TrueType)
  fonts-arphic-gbsn00lp # a TrueType font, for the tests of --font
  ghostscript mupdf-tools # tests/golden/pdf_readers.sh: the PDF read by three readers
  python3-fonttools       # tests/tools/pdf_glyphs.py: every code draws its character
  libreoffice-calc-nogui clang-format valgrind clang libclang-rt-14-dev
  python3-xlsxwriter python3-reportlab # bench/peers: the pipeline bench/run compares with
  python3-openpyxl        # tests/tools/office_books.py: workbooks laid out as offices make them
)

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "build.sh: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"
fi

# The PDF's default fonts come with fonts-noto-cjk: nothing to download. A
# machine without them cannot write a PDF in the default fonts: say so now.
for f in NotoSerifCJK-Regular.ttc NotoSerifCJK-Bold.ttc; do
  [ -f "/usr/share/fonts/opentype/noto/$f" ] ||
    { echo "build.sh: /usr/share/fonts/opentype/noto/$f is missing (package fonts-noto-cjk)" >&2; exit 1; }
done

jobs=$(nproc)
case "$mode" in
build | test)
  werror=OFF
  [ "$mode" = test ] && werror=ON
  cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Debug}" -DBX_WERROR="$werror"
  cmake --build build -j"$jobs"
  # an if, not `[ … ] && ctest`: a plain build must end with status 0
  if [ "$mode" = test ]; then
    ctest --test-dir build --output-on-failure -j"$jobs"
  fi
  ;;
sanitize)
  # valgrind cannot run ASan binaries; everything else runs
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBX_SANITIZE=ON -DBX_WERROR=ON
  cmake --build build-asan -j"$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" -E valgrind
  ;;
tsan)
  # batch mode shares layouts, fonts and the output registry between
  # threads: any data race fails the run
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBX_TSAN=ON -DBX_WERROR=ON
  cmake --build build-tsan -j"$jobs" --target budgetx_cli
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  # copies, so that several threads share one layout set
  for i in 1 2 3; do cp -r samples/shenzhen-2024 "$out/copy$i"; done
  datasets=(samples/*/ "$out"/copy*)
  for round in 1 2 3; do
    # every dataset renders without an error: the status must be 0; a race
    # makes ThreadSanitizer stop the render with status 66
    rc=0
    TSAN_OPTIONS="halt_on_error=1 exitcode=66" build-tsan/budgetx render "${datasets[@]}" \
      -o "$out/round$round" -j 4 2> "$out/log" || rc=$?
    # (no folder at all if it failed early: then 0)
    written=$(find "$out/round$round" -name '*.pdf' 2> /dev/null | wc -l) || true
    if [ $rc -ne 0 ] || grep -q "ThreadSanitizer" "$out/log" || [ "$written" -ne ${#datasets[@]} ]; then
      cat "$out/log" >&2
      case $rc in
      0) why="status 0, but see the log" ;;
      66) why="ThreadSanitizer found a data race (status 66)" ;;
      *) why="the render failed with status $rc" ;;
      esac
      echo "build.sh: tsan round $round: $why; $written of ${#datasets[@]} datasets written" >&2
      exit 1
    fi
  done
  echo "build.sh: no data race in batch renders (${#datasets[@]} datasets on 4 threads, 3 rounds)"
  ;;
fuzz)
  seconds=${2:-60}
  CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBX_FUZZ=ON
  cmake --build build-fuzz -j"$jobs" --target fuzz_csv fuzz_dataset fuzz_layout fuzz_resolve \
    fuzz_xlsx_read fuzz_import fuzz_foreign fuzz_cff fuzz_sentence
  corpus=build-fuzz/corpus
  rm -rf "$corpus"
  mkdir -p "$corpus"/{csv,dataset,layout,resolve,xlsx_read,import,foreign,cff,sentence} build-fuzz/crashes
  # sample files share names across samples: name them by their path
  for f in samples/*/*.csv; do cp "$f" "$corpus/csv/$(echo "$f" | tr / _)"; done
  cp tests/fuzz/csv/* "$corpus/csv/"
  for f in samples/*/dataset.yaml; do cp "$f" "$corpus/dataset/$(basename "$(dirname "$f")").yaml"; done
  cp tests/fuzz/dataset/* "$corpus/dataset/"
  for f in layouts/*/*.yaml; do cp "$f" "$corpus/layout/$(echo "$f" | tr / _)"; done
  cp tests/fuzz/layout/* "$corpus/layout/"
  cp tests/fuzz/resolve/* "$corpus/resolve/"
  cp tests/fuzz/xlsx_read/* "$corpus/xlsx_read/"
  cp tests/fuzz/import/* "$corpus/import/"
  cp tests/fuzz/foreign/* "$corpus/foreign/"
  cp tests/fuzz/cff/* "$corpus/cff/"
  cp tests/fuzz/sentence/* "$corpus/sentence/"
  status=0
  for h in csv dataset layout resolve xlsx_read import foreign cff sentence; do
    echo "build.sh: fuzzing $h for $seconds s"
    if ! build-fuzz/fuzz_$h -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix=build-fuzz/crashes/$h- -print_final_stats=1 "$corpus/$h" \
      > build-fuzz/$h.log 2>&1; then
      echo "build.sh: fuzz_$h found a problem:" >&2
      grep -A30 -E "ERROR|runtime error|Timeout|out-of-memory" build-fuzz/$h.log | head -60 >&2
      echo "build.sh: keep the input as a regression: cp build-fuzz/crashes/$h-* tests/fuzz/$h/" >&2
      status=1
    fi
  done
  exit $status
  ;;
*)
  echo "usage: ./build.sh [test|sanitize|tsan|fuzz [SECONDS]]" >&2
  exit 2
  ;;
esac
