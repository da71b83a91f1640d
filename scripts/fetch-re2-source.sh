#!/usr/bin/env bash
# Fetches Debian's RE2 source package into third_party/re2-src and regenerates
# the Unicode tables that Debian strips (so em++ can build RE2 for wasm).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/third_party/re2-src"
[ -f "$dest/.notwork-ready" ] && exit 0
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get source -qq --download-only re2 >/dev/null && dpkg-source -x --skip-patches re2_*.dsc re2 >/dev/null 2>&1 || dpkg-source -x re2_*.dsc re2 >/dev/null)
src="$tmp/re2"
ud=/usr/share/unicode
[ -f "$ud/UnicodeData.txt" ] || { echo "unicode-data is missing" >&2; exit 1; }
# The upstream generators download from unicode.org; point them at Debian's local copy.
py=/usr/bin/python3; [ -x "$py" ] || py=python3
(cd "$src/re2" && \
  sed -i "s#^_UNICODE_DIR = .*#_UNICODE_DIR = '$ud'#" unicode.py && \
  "$py" make_unicode_casefold.py > unicode_casefold.cc && \
  "$py" make_unicode_groups.py > unicode_groups.cc && \
  perl make_perl_groups.pl > perl_groups.cc)
for f in unicode_casefold.cc unicode_groups.cc perl_groups.cc; do
  [ "$(wc -c < "$src/re2/$f")" -gt 1000 ] || { echo "notwork: generating re2/$f failed" >&2; exit 1; }
done
rm -rf "$dest"; mkdir -p "$(dirname "$dest")"
cp -r "$src" "$dest"
touch "$dest/.notwork-ready"
echo "notwork: RE2 source ready in third_party/re2-src"
