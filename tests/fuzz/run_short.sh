#!/usr/bin/env bash
# A short libFuzzer run of one decoder's fuzz target, for CI.
#
# Builds fuzz_TARGET with clang (libFuzzer + ASan + UBSan) from that codec's
# sources only (common/wire and the codec folder) plus the target: no cmake, no
# sanitized build of the whole project. Fuzzes a copy of the seed corpus (the
# checked-in corpus is never written to) for SECONDS, and exits non-zero on
# any crash, sanitizer report, leak or timeout; the work dir, with the
# crashing input, is then kept and printed.
#
# Usage: tests/fuzz/run_short.sh [SECONDS] [TARGET]
#        TARGET: bgp_message (default), ldp_pdu, ospf_packet
# Environment: CLANGXX (default clang++), JOBS parallel compiles (default 2),
#              KEEP=1 keeps the work dir after a clean run too.
set -euo pipefail

seconds="${1:-60}"
target="${2:-bgp_message}"
case "$target" in
  bgp_message) codec=common/bgp/codec; libs=() ;;
  ldp_pdu) codec=common/ldp/codec; libs=() ;;
  ospf_packet) codec=common/ospf/codec; libs=(-lcrypto) ;;
  *) echo "fuzz_short: unknown target '$target'" >&2; exit 2 ;;
esac
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cxx="${CLANGXX:-clang++}"
jobs="${JOBS:-2}"
work=$(mktemp -d "${TMPDIR:-/tmp}/fuzz_${target}.XXXXXX")
ok=0
finish() { if [[ $ok == 1 && "${KEEP:-0}" != 1 ]]; then rm -rf "$work"; else echo "fuzz_short: work dir kept: $work"; fi; }
trap finish EXIT

flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=undefined -I"$top/common")
sources=("$top"/common/wire/*.cpp "$top"/$codec/*.cpp "$top"/tests/fuzz/${target}_fuzz.cpp)

echo "fuzz_short: compiling ${#sources[@]} files with $cxx ($jobs at a time)"
pids=()
for src in "${sources[@]}"; do
  obj="$work/$(basename "$(dirname "$src")")_$(basename "$src" .cpp).o"
  "$cxx" "${flags[@]}" -c "$src" -o "$obj" &
  pids+=($!)
  if (( ${#pids[@]} >= jobs )); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
for pid in "${pids[@]}"; do wait "$pid"; done
"$cxx" "${flags[@]}" "$work"/*.o "${libs[@]}" -o "$work/fuzz_${target}"

mkdir "$work/corpus"
cp "$top"/tests/fuzz/corpus/${target}/* "$work/corpus/"
echo "fuzz_short: fuzzing for ${seconds} s over $(ls "$work/corpus" | wc -l) seeds"
cd "$work"
# -timeout: one input taking over 10 s is a hang; -rss_limit_mb keeps a small
# CI machine alive; the exit status is libFuzzer's (0 only when nothing was found).
./fuzz_${target} -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus"
ok=1
echo "fuzz_short: no crash in ${seconds} s"
