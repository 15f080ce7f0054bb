#!/usr/bin/env bash
# For the benchmark only: fetch Noto Serif SC Regular and Bold into this
# folder, static TrueType files (SIL Open Font License 1.1) from the npm
# package @expo-google-fonts/noto-serif-sc — the design of budgetx's default
# fonts (Noto Serif CJK SC, from Debian's fonts-noto-cjk) as TrueType, which
# the Python peer's ReportLab needs. budgetx does not use them. The package
# and both fonts are checked against SHA-256 sums; nothing unverified is
# kept. Called by ../bench/run; safe to run again (it does nothing when the
# fonts are there).
set -euo pipefail
cd "$(dirname "$0")"

version=0.4.3
url="https://registry.npmjs.org/@expo-google-fonts/noto-serif-sc/-/noto-serif-sc-$version.tgz"
package_sha=ff6bcf5ba68d92dfecc05544bb150f9e724741a932354a0dd97e7289c40a3f5e
regular=NotoSerifSC_400Regular.ttf
regular_sha=c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742
bold=NotoSerifSC_700Bold.ttf
bold_sha=9c6a2ba736e4b499c84f65ce366bd3625c0401885fd3e585ace50fb738b96ff6

verified() { [ -f "$1" ] && echo "$2  $1" | sha256sum --check --status; }

if verified "$regular" "$regular_sha" && verified "$bold" "$bold_sha"; then
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "fonts/fetch.sh: downloading Noto Serif SC $version (about 70 MB) from the npm registry"
if ! curl -fsSL --retry 3 -o "$work/package.tgz" "$url"; then
  echo "fonts/fetch.sh: download failed; bench/run needs these fonts for the Python peer" >&2
  exit 1
fi
if ! verified "$work/package.tgz" "$package_sha"; then
  echo "fonts/fetch.sh: $url does not match its SHA-256; not used" >&2
  exit 1
fi
tar -xzf "$work/package.tgz" -C "$work" \
  "package/400Regular/$regular" "package/700Bold/$bold" package/LICENSE_FONT
mv "$work/package/400Regular/$regular" "$work/package/700Bold/$bold" .
cp "$work/package/LICENSE_FONT" OFL.txt
verified "$regular" "$regular_sha" && verified "$bold" "$bold_sha" || {
  echo "fonts/fetch.sh: extracted fonts do not match their SHA-256" >&2
  rm -f "$regular" "$bold"
  exit 1
}
echo "fonts/fetch.sh: $regular and $bold verified"
