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
  # The core targets first (the engine, the configuration, patterns, the author memory),
  # then the format readers, then any other target built.
  for name in score_batch score_posts configure validate_pattern state; do
    [ -x "$bin/fuzz_$name" ] && targets+=("$name")
  done
  for f in "$bin"/fuzz_*; do
    name="$(basename "$f" | sed 's/^fuzz_//')"
    [ -x "$f" ] && [[ " ${targets[*]} " != *" $name "* ]] && targets+=("$name")
  done
fi
if [ ${#targets[@]} -eq 0 ]; then
  echo "no fuzz targets in $bin (cmake --preset fuzz && cmake --build --preset fuzz)" >&2
  echo "0 passed, 1 failed"; exit 1
fi

# ASan's quarantine would count against the 256 MB limit: keep it small. Long runs (--keep)
# record no allocation stacks (malloc_context_size=0: a report still says what and where,
# only not where the memory was allocated; re-run the finding's input for that), which saves
# a stack walk per allocation. Set ASAN_OPTIONS to choose otherwise.
if [ $keep = 1 ]; then
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=16:malloc_context_size=0}"
else
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=16:malloc_context_size=20}"
fi
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
slow_ms=100
hang_s=120  # a fuzzing process that uses no CPU for this long is stuck (see the watchdog)

max_len() {
  case "$1" in
    validate_pattern) echo 2048 ;;   # patterns are refused past 1000 characters
    configure) echo 16384 ;;
    *) echo 65536 ;;                 # 4x the text a post is analysed for (16 KB)
  esac
}

# CPU milliseconds (user + system) that one run of `file` takes, from five runs in one process
# after a warm-up input (which takes the one-time start-up), less the warm-up alone. CPU time,
# not wall time: the machine is shared, and a busy one stretches wall time, not CPU time.
cpu_ms() {
  local exe="$1" warm="$2" file="$3" TIMEFORMAT='%3U %3S' base one
  base=$( { time "$exe" -rss_limit_mb=0 -malloc_limit_mb=0 "$warm" >/dev/null 2>&1; } 2>&1 | awk '{print $1 + $2}')
  one=$( { time "$exe" -rss_limit_mb=0 -malloc_limit_mb=0 "$warm" "$file" "$file" "$file" "$file" "$file" >/dev/null 2>&1; } 2>&1 |
         awk '{print $1 + $2}')
  awk -v a="$one" -v b="$base" 'BEGIN { d = (a - b) * 1000 / 5; print (d < 0 ? 0 : int(d)) }'
}

total_pass=0 total_fail=0
mkdir -p "$root/build/fuzz-logs"
for name in "${targets[@]}"; do
  exe="$bin/fuzz_$name"
  seeds="$root/tests/fuzz/seeds/$name"
  art="$root/build/fuzz-artifacts/$name"; mkdir -p "$art"
  log="$root/build/fuzz-logs/$name.log"
  slog="$log.session.$$"  # this run's libFuzzer output (a smoke run and a long run may overlap)
  if [ ! -x "$exe" ] || [ ! -d "$seeds" ]; then
    echo "fuzz_$name: 0 passed, 1 failed (no binary $exe or no seeds $seeds)"
    total_fail=$((total_fail + 1)); continue
  fi
  if [ $keep = 1 ]; then corpus="$root/build/fuzz-corpus/$name"; mkdir -p "$corpus"
  else corpus="$(mktemp -d)"; fi
  dict=(); [ -f "$root/tests/fuzz/dict/$name.dict" ] && dict=(-dict="$root/tests/fuzz/dict/$name.dict")
  before=$(ls "$art" | wc -l)
  warm="$(ls "$seeds"/* | head -1)"
  problems=() stalls=0 runs=0 rss=0 session=0
  start=$(date +%s) spent=0
  : >"$log"
  # libFuzzer stops at its first finding. A timeout (-timeout=1) is timed again in CPU time:
  # on a busy machine a run can stall for seconds of wall time; such a stall is counted, its
  # input moved aside, and fuzzing goes on for the time that is left.
  while [ $spent -lt "$seconds" ]; do
    session=$((session + 1))
    "$exe" "$corpus" "$seeds" "${dict[@]}" -max_total_time=$((seconds - spent)) -rss_limit_mb=256 \
      -malloc_limit_mb=256 -timeout=1 -max_len="$(max_len "$name")" -print_final_stats=1 \
      -artifact_prefix="$art/" >"$slog" 2>&1 &
    pid=$!
    # A watchdog: libFuzzer's timeout handler runs in a signal handler and allocates; when the
    # alarm interrupts the allocator it can deadlock (seen: stuck with no CPU for 20 minutes).
    # A process that used no CPU for $hang_s s is killed and counted as a stall.
    last=-1 idle=0 hung=0
    while kill -0 $pid 2>/dev/null; do
      sleep 2
      stat=$(cat /proc/$pid/stat 2>/dev/null) || break
      [ "$(awk '{print $3}' <<<"$stat")" = Z ] && break  # exited, not yet waited for
      cpu=$(awk '{print $14 + $15}' <<<"$stat")
      if [ "$cpu" = "$last" ]; then idle=$((idle + 2)); else idle=0; last=$cpu; fi
      if [ $idle -ge $hang_s ]; then kill -9 $pid 2>/dev/null; hung=1; break; fi
    done
    wait $pid; rc=$?
    cat "$slog" >>"$log"
    spent=$(( $(date +%s) - start ))
    r=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$slog" | tail -1)
    m=$(sed -nE 's/^stat::peak_rss_mb: *([0-9]+)/\1/p' "$slog" | tail -1)
    runs=$((runs + ${r:-0})); [ "${m:-0}" -gt "$rss" ] && rss=$m
    [ $rc -eq 0 ] && break
    if [ $hung = 1 ]; then
      stalls=$((stalls + 1))
      echo "run.sh: fuzz_$name used no CPU for $hang_s s (stuck, see above); killed, fuzzing on" >>"$log"
      [ $session -lt 50 ] && continue
      problems+=("stuck 50 times (no CPU for $hang_s s)"); break
    fi
    unit=$(sed -nE 's/.*Test unit written to (.*)$/\1/p' "$slog" | tail -1)
    if [ $rc -eq 70 ] && [ -n "$unit" ] && [ -f "$unit" ]; then
      cpu=$(cpu_ms "$exe" "$warm" "$unit")
      if [ "$cpu" -le $slow_ms ]; then
        stalls=$((stalls + 1))
        echo "run.sh: timeout on $unit was a stall ($cpu ms of CPU when timed again); fuzzing on" >>"$log"
        mkdir -p "$root/build/fuzz-logs/stalls"; mv "$unit" "$root/build/fuzz-logs/stalls/$name-$(basename "$unit")"
        [ $session -lt 50 ] && continue
      fi
      problems+=("timeout: $unit ($cpu ms of CPU per run)")
      break
    fi
    problems+=("libFuzzer exit $rc: $(grep -m1 -E '^(==[0-9]+==ERROR|SUMMARY|FUZZ_CHECK|.*runtime error)' "$slog" || tail -1 "$slog")${unit:+ ($unit)}")
    break
  done
  rm -f "$slog"
  elapsed=$spent
  size=$(ls "$corpus" | wc -l)

  # No input slower than 100 ms: time every corpus file (wall time, one process); one that
  # took longer is timed again in CPU time and counts when that is over 100 ms too.
  slowest=0 slowest_cpu=0
  while read -r ms file; do
    [ -n "$ms" ] || continue
    [ "$ms" -gt "$slowest" ] && slowest=$ms
    if [ "$ms" -gt $slow_ms ]; then
      cpu=$(cpu_ms "$exe" "$warm" "$file")
      [ "$cpu" -gt "$slowest_cpu" ] && slowest_cpu=$cpu
      if [ "$cpu" -gt $slow_ms ]; then
        cp "$file" "$art/slow-$(sha1sum "$file" | cut -c1-40)"
        problems+=("slow input ($cpu ms of CPU): $art/slow-$(sha1sum "$file" | cut -c1-40)")
      fi
    fi
  done < <(find "$corpus" "$seeds" -type f -print0 | xargs -0 -r -n 500 sh -c 'exe="$0"; warm="$1"; shift; "$exe" -rss_limit_mb=256 -timeout=5 "$warm" "$@" 2>&1 | sed -nE "s/^Executed (.*) in ([0-9]+) ms\$/\2 \1/p" | tail -n +2' "$exe" "$warm")
  [ $keep = 1 ] || rm -rf "$corpus"
  after=$(ls "$art" | wc -l)
  figures="$runs runs in $elapsed s, corpus $size (+seeds $(ls "$seeds" | wc -l)), peak RSS $rss MB, slowest input $slowest ms wall$([ "$slowest_cpu" -gt 0 ] && echo " ($slowest_cpu ms CPU when timed again)"), stalls $stalls, new findings $((after - before))"
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
