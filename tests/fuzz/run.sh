#!/usr/bin/env bash
# Runs the libFuzzer targets (build/fuzz/tests/fuzz/fuzz_*), one at a time, and checks each:
# no crash, sanitizer report, failed property, timeout (-timeout=1) or out-of-memory
# (-rss_limit_mb=256), and no input in its corpus slower than 100 ms. Prints, per target,
# "fuzz_<name>: N passed, M failed" with its figures, then the total line the same way.
#
#   tests/fuzz/run.sh [--seconds N | --minutes N] [--keep] [TARGET...]
#
#   --seconds N  time per target (default 20: the smoke run in ./dev test)
#   --minutes N  the same in minutes (./dev fuzz, long runs)
#   --keep       grow the corpus kept in build/fuzz-corpus/<name> (long runs) instead of a
#                fresh one from the seeds; new inputs found are kept there, never in the repo
#   TARGET       names (html, score_batch, ...); default: every target built
#
# Findings (crash-*, timeout-*, oom-*, slow-*) are saved in build/fuzz-artifacts/<name>/,
# logs in build/fuzz-logs/<name>.log. Seeds: tests/fuzz/seeds/<name>/, dictionaries:
# tests/fuzz/dict/<name>.dict (docs/fuzzing.md).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/build/fuzz/tests/fuzz"
seconds=20 keep=0 targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --minutes) seconds=$(( $2 * 60 )); shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$bin"/fuzz_*; do [ -x "$f" ] && targets+=("$(basename "$f" | sed 's/^fuzz_//')"); done
fi
if [ ${#targets[@]} -eq 0 ]; then
  echo "no fuzz targets in $bin (cmake --preset fuzz && cmake --build --preset fuzz)" >&2
  echo "0 passed, 1 failed"; exit 1
fi

# ASan's quarantine would count against the 256 MB limit: keep it small.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=16:malloc_context_size=20}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
slow_ms=100

max_len() {
  case "$1" in
    validate_pattern) echo 2048 ;;   # patterns are refused past 1000 characters
    configure) echo 16384 ;;
    *) echo 65536 ;;                 # 4x the text a post is analysed for (16 KB)
  esac
}

# Runs each file once in one process (after a warm-up input that takes the one-time start-up
# cost), prints "<ms> <file>" per file.
exec_times() {
  local exe="$1" warm="$2"; shift 2
  "$exe" -rss_limit_mb=256 -timeout=5 "$warm" "$@" 2>&1 |
    sed -nE 's/^Executed (.*) in ([0-9]+) ms$/\2 \1/p' | tail -n +2
}

total_pass=0 total_fail=0
mkdir -p "$root/build/fuzz-logs"
for name in "${targets[@]}"; do
  exe="$bin/fuzz_$name"
  seeds="$root/tests/fuzz/seeds/$name"
  art="$root/build/fuzz-artifacts/$name"; mkdir -p "$art"
  log="$root/build/fuzz-logs/$name.log"
  if [ ! -x "$exe" ] || [ ! -d "$seeds" ]; then
    echo "fuzz_$name: 0 passed, 1 failed (no binary $exe or no seeds $seeds)"
    total_fail=$((total_fail + 1)); continue
  fi
  if [ $keep = 1 ]; then corpus="$root/build/fuzz-corpus/$name"; mkdir -p "$corpus"
  else corpus="$(mktemp -d)"; fi
  dict=(); [ -f "$root/tests/fuzz/dict/$name.dict" ] && dict=(-dict="$root/tests/fuzz/dict/$name.dict")
  before=$(ls "$art" | wc -l)
  start=$(date +%s)
  "$exe" "$corpus" "$seeds" "${dict[@]}" -max_total_time="$seconds" -rss_limit_mb=256 \
    -malloc_limit_mb=256 -timeout=1 -max_len="$(max_len "$name")" -print_final_stats=1 \
    -artifact_prefix="$art/" >"$log" 2>&1
  rc=$?
  elapsed=$(( $(date +%s) - start ))
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
  rss=$(sed -nE 's/^stat::peak_rss_mb: *([0-9]+)/\1/p' "$log" | tail -1)
  size=$(ls "$corpus" | wc -l)
  problems=()
  [ $rc -eq 0 ] || problems+=("libFuzzer exit $rc: $(grep -m1 -E '^(==[0-9]+==ERROR|SUMMARY|FUZZ_CHECK|.*runtime error)' "$log" || tail -1 "$log")")

  # No input slower than 100 ms: time every corpus file; a slow one is timed again three
  # times (the machine may be busy) and counts only if it is slow every time.
  warm="$(ls "$seeds"/* | head -1)"
  slowest=0
  while read -r ms file; do
    [ -n "$ms" ] || continue
    [ "$ms" -gt "$slowest" ] && slowest=$ms
    if [ "$ms" -gt $slow_ms ]; then
      best=$(exec_times "$exe" "$warm" "$file" "$file" "$file" | awk 'NR==1||$1<m{m=$1} END{print m+0}')
      if [ "$best" -gt $slow_ms ]; then
        cp "$file" "$art/slow-$(sha1sum "$file" | cut -c1-40)"
        problems+=("slow input ($best ms): $art/slow-$(sha1sum "$file" | cut -c1-40)")
      fi
    fi
  done < <(find "$corpus" "$seeds" -type f -print0 | xargs -0 -r -n 500 sh -c 'exe="$0"; warm="$1"; shift; "$exe" -rss_limit_mb=256 -timeout=5 "$warm" "$@" 2>&1 | sed -nE "s/^Executed (.*) in ([0-9]+) ms\$/\2 \1/p" | tail -n +2' "$exe" "$warm")
  [ $keep = 1 ] || rm -rf "$corpus"
  after=$(ls "$art" | wc -l)
  figures="${runs:-0} runs in ${elapsed} s, corpus $size (+seeds $(ls "$seeds" | wc -l)), peak RSS ${rss:-?} MB, slowest input ${slowest} ms, new findings $((after - before))"
  if [ ${#problems[@]} -eq 0 ]; then
    echo "fuzz_$name: 1 passed, 0 failed ($figures)"
    total_pass=$((total_pass + 1))
  else
    echo "fuzz_$name: 0 passed, 1 failed ($figures)"
    for p in "${problems[@]}"; do echo "  $p"; done
    echo "  log: $log"
    total_fail=$((total_fail + 1))
  fi
done
echo "fuzz: $total_pass passed, $total_fail failed"
[ $total_fail -eq 0 ]
