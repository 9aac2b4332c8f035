#!/usr/bin/env bash
# A short libFuzzer run of the BGP message target, for CI.
#
# Builds fuzz_bgp_message with clang (libFuzzer + ASan + UBSan) from the codec
# sources only (common/wire, common/bgp/codec) plus the target: no cmake, no
# sanitized build of the whole project. Fuzzes a copy of the seed corpus (the
# checked-in corpus is never written to) for SECONDS, and exits non-zero on
# any crash, sanitizer report, leak or timeout; the work dir, with the
# crashing input, is then kept and printed.
#
# Usage: tests/fuzz/run_short.sh [SECONDS]     (default 60)
# Environment: CLANGXX (default clang++), JOBS parallel compiles (default 2),
#              KEEP=1 keeps the work dir after a clean run too.
set -euo pipefail

seconds="${1:-60}"
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cxx="${CLANGXX:-clang++}"
jobs="${JOBS:-2}"
work=$(mktemp -d "${TMPDIR:-/tmp}/fuzz_bgp_message.XXXXXX")
ok=0
finish() { if [[ $ok == 1 && "${KEEP:-0}" != 1 ]]; then rm -rf "$work"; else echo "fuzz_short: work dir kept: $work"; fi; }
trap finish EXIT

flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=undefined -I"$top/common")
sources=("$top"/common/wire/*.cpp "$top"/common/bgp/codec/*.cpp "$top"/tests/fuzz/bgp_message_fuzz.cpp)

echo "fuzz_short: compiling ${#sources[@]} files with $cxx ($jobs at a time)"
pids=()
for src in "${sources[@]}"; do
  obj="$work/$(basename "$(dirname "$src")")_$(basename "$src" .cpp).o"
  "$cxx" "${flags[@]}" -c "$src" -o "$obj" &
  pids+=($!)
  if (( ${#pids[@]} >= jobs )); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
for pid in "${pids[@]}"; do wait "$pid"; done
"$cxx" "${flags[@]}" "$work"/*.o -o "$work/fuzz_bgp_message"

mkdir "$work/corpus"
cp "$top"/tests/fuzz/corpus/bgp_message/* "$work/corpus/"
echo "fuzz_short: fuzzing for ${seconds} s over $(ls "$work/corpus" | wc -l) seeds"
cd "$work"
# -timeout: one input taking over 10 s is a hang; -rss_limit_mb keeps a small
# CI machine alive; the exit status is libFuzzer's (0 only when nothing was found).
./fuzz_bgp_message -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus"
ok=1
echo "fuzz_short: no crash in ${seconds} s"
