#!/usr/bin/env bash
# Installs everything Notwork needs on a fresh Debian (bookworm) machine.
# Idempotent: a second run only checks. Uses apt-get and npm only.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

apt_pkgs=(build-essential cmake ninja-build pkg-config
  nlohmann-json3-dev catch2 libre2-dev libjemalloc-dev
  emscripten unicode-data python3-six
  chromium fonts-dejavu-core fonts-noto-color-emoji
  liblinear-dev libcld2-dev libexttextcat-dev
  clang-14 libfuzzer-14-dev libclang-rt-14-dev
  firefox-esr
  zip jq)

missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

need_src=0
[ -f "$here/third_party/re2-src/.notwork-ready" ] || need_src=1

if [ ${#missing[@]} -gt 0 ] || [ $need_src = 1 ]; then
  # Source packages (for RE2, built for WebAssembly; cld2 and libexttextcat for
  # scripts/measure-lang-detectors.sh) need a deb-src line.
  if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null; then
    echo "notwork: adding a deb-src entry for bookworm (RE2 source for the wasm build)"
    $SUDO tee /etc/apt/sources.list.d/notwork-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fi
  echo "notwork: apt-get update"
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "notwork: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ $need_src = 1 ]; then
  "$here/scripts/fetch-re2-source.sh"
fi

if [ -f "$here/package-lock.json" ]; then
  if [ ! -d "$here/node_modules/playwright-core" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
    echo "notwork: npm ci"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
