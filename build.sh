#!/usr/bin/env bash
# Build budgetx on Debian 12: install what is missing, configure, build.
#   ./build.sh          build into ./build
#   ./build.sh test     also run every test (what CI runs)
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the build and the tests need. Keep this list the only place
# where dependencies are installed.
packages=(
  build-essential cmake pkg-config
  libyaml-dev libxlsxwriter-dev libcsv-dev libhpdf-dev
  libcmocka-dev python3 unzip poppler-utils curl ca-certificates
  fonts-arphic-gbsn00lp
  libreoffice-calc-nogui clang-format
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

# The PDF's default fonts (Noto Serif SC), verified by SHA-256; without them
# the PDF falls back to AR PL SungtiL GB.
./fonts/fetch.sh || echo "build.sh: continuing without Noto Serif SC" >&2

build_type=${BUILD_TYPE:-Debug}
werror=OFF
[ "${1:-}" = test ] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" -DBX_WERROR="$werror"
cmake --build build -j"$(nproc)"

if [ "${1:-}" = test ]; then
  ctest --test-dir build --output-on-failure -j"$(nproc)"
fi
