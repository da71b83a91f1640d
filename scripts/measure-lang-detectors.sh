#!/usr/bin/env bash
# Measures Debian's two maintained language identifiers against the wasm budget and on short
# posts (docs/languages.md, "Which detector"): CLD2 (libcld2-dev, source package cld2) and
# libexttextcat (libexttextcat-dev + libexttextcat-data, source package libexttextcat).
#   1. size: each built with em++ -Oz into a standalone .wasm exporting one detect() call;
#   2. accuracy and speed: the Debian libraries, natively, on tests/core/data/lang-posts.tsv.
# Needs the deb-src line scripts/install-deps.sh adds. Nothing here is part of the build:
# the engine ships its own detector (core/src/lang/), which this script does not touch.
# Usage: scripts/measure-lang-detectors.sh [work-dir]   (default: a temporary directory)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
cd "$work"
export EM_CACHE="${EM_CACHE:-$work/emcache}"
[ -d "$EM_CACHE" ] || cp -a /usr/share/emscripten/cache "$EM_CACHE"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

# Sources (the CLD2 orig tarball is enough to build the library; Debian's patches touch its
# build system only).
[ -f cld2_*.orig.tar.gz ] || apt-get source -qq --download-only cld2 >/dev/null 2>&1 || true
[ -f libexttextcat_*.dsc ] || apt-get source -qq --download-only libexttextcat >/dev/null
[ -d cld2 ] || { mkdir cld2 && tar xzf cld2_*.orig.tar.gz -C cld2 --strip-components=1; }
[ -d exttextcat ] || dpkg-source -x libexttextcat_*.dsc exttextcat >/dev/null

tsv="$here/tests/core/data/lang-posts.tsv"
grep -v '^#' "$tsv" | cut -f2 > posts.txt
grep -v '^#' "$tsv" | cut -f1 > gold.txt

# --- sizes -------------------------------------------------------------------------------
mkdir -p inc/cld2 && ln -sfn "$work/cld2/public" inc/cld2/public && ln -sfn "$work/cld2/internal" inc/cld2/internal
cat > cld2_main.cc <<'EOF'
#include <cstdio>
#include <cstring>
#include <cld2/public/compact_lang_det.h>
extern "C" const char* detect(const char* s) {
  bool reliable = false;
  return CLD2::LanguageCode(CLD2::DetectLanguage(s, (int)strlen(s), true, &reliable));
}
EOF
cat > tc_main.c <<'EOF'
#include <string.h>
#include "textcat.h"
static void* h;
const char* detect(const char* s) {
  if (!h) h = textcat_Init("/lm/fpdb.conf");
  return textcat_Classify(h, s, strlen(s));
}
EOF
# CLD2's smallest table set (the one Debian's libcld2.so is built with: compile_libs.sh).
(cd cld2/internal && em++ -Oz -w -Wno-c++11-narrowing -I"$work/inc" \
  cldutil.cc cldutil_shared.cc compact_lang_det.cc compact_lang_det_hint_code.cc \
  compact_lang_det_impl.cc debug_empty.cc fixunicodevalue.cc generated_entities.cc \
  generated_language.cc generated_ulscript.cc getonescriptspan.cc lang_script.cc offsetmap.cc \
  scoreonescriptspan.cc tote.cc utf8statetable.cc cld_generated_cjk_uni_prop_80.cc \
  cld2_generated_cjk_compatible.cc cld_generated_cjk_delta_bi_4.cc generated_distinct_bi_0.cc \
  cld2_generated_quadchrome_2.cc cld2_generated_deltaoctachrome.cc \
  cld2_generated_distinctoctachrome.cc cld_generated_score_quad_octa_2.cc \
  "$work/cld2_main.cc" --no-entry -sEXPORTED_FUNCTIONS=_detect -sFILESYSTEM=0 -o "$work/cld2.js")
S=exttextcat/src
emcc -Oz -w -DHAVE_STDINT_H -I$S $S/common.c $S/fingerprint.c $S/textcat.c $S/utf8misc.c \
  $S/wg_mempool.c tc_main.c --no-entry -sEXPORTED_FUNCTIONS=_detect -sFILESYSTEM=0 -o tc.js
langs="en es pt fr de it nl el"
lm_bytes=$(for l in $langs; do cut -f1 /usr/share/libexttextcat/$l.lm; done | wc -c)
echo "size: CLD2 (chrome_2 tables) wasm $(stat -c %s cld2.wasm) bytes"
echo "size: libexttextcat code wasm $(stat -c %s tc.wasm) bytes; fingerprints of $langs (n-grams only) $lm_bytes bytes"

# --- accuracy and speed (Debian's libraries) ----------------------------------------------
cat > cld2_native.cc <<'EOF'
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <cld2/public/compact_lang_det.h>
int main() {
  std::string line; double us = 0; int n = 0;
  while (std::getline(std::cin, line)) {
    bool reliable = false;
    auto a = std::chrono::steady_clock::now();
    CLD2::Language l = CLD2::DetectLanguage(line.data(), (int)line.size(), true, &reliable);
    us += std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - a).count(); ++n;
    std::string code = CLD2::LanguageCode(l);
    if (code == "iw") code = "he";
    std::printf("%s\n", reliable && code != "un" ? code.c_str() : "und");
  }
  std::fprintf(stderr, "speed: CLD2 %.1f us/post\n", us / n);
}
EOF
cat > tc_native.c <<'EOF'
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <libexttextcat/textcat.h>
int main(int argc, char** argv) {
  void* h = textcat_Init(argv[1]);
  char line[8192]; double us = 0; int n = 0; struct timespec a, b;
  while (fgets(line, sizeof line, stdin)) {
    size_t len = strlen(line); if (len && line[len - 1] == '\n') line[--len] = 0;
    clock_gettime(CLOCK_MONOTONIC, &a);
    const char* r = textcat_Classify(h, line, len);
    clock_gettime(CLOCK_MONOTONIC, &b);
    us += (b.tv_sec - a.tv_sec) * 1e6 + (b.tv_nsec - a.tv_nsec) / 1e3; ++n;
    char code[16] = "und";
    if (r[0] == '[') sscanf(r, "[%15[a-z]", code);
    printf("%s\n", code);
  }
  fprintf(stderr, "speed: libexttextcat %.1f us/post\n", us / n);
  return 0;
}
EOF
g++ -O2 cld2_native.cc -o cld2_native -lcld2
gcc -O2 tc_native.c -o tc_native $(pkg-config --cflags --libs libexttextcat)
for l in $langs ca ro sv da nb pl cs tr id fi hu ru uk ja zh-Hans ko ar he; do
  [ -f /usr/share/libexttextcat/$l.lm ] && echo "/usr/share/libexttextcat/$l.lm ${l%-Hans}"
done > fpdb.conf
./cld2_native < posts.txt > cld2.out
./tc_native fpdb.conf < posts.txt > tc.out
for d in cld2 tc; do
  echo "accuracy: $d $(paste gold.txt $d.out | awk -F'\t' '$1==$2' | wc -l) of $(wc -l < gold.txt) posts (und = must not name a language)"
done
