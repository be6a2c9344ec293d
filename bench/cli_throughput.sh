#!/usr/bin/env bash
# CLI throughput: pairs/s and MB/s on the shared French corpus repeated to ~6,000 lines, with
# 1 thread and with all cores, measured in the same run (compare the ratio, not absolute times).
#   bench/cli_throughput.sh [tact binary]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tact="${1:-$root/build/native/native/tact}"
corpus="$root/../shared/corpus/fr_showroomprive_trustpilot.jsonl"
[ -f "$corpus" ] || corpus="$root/native/sample/reviews.jsonl"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for _ in $(seq 20); do cat "$corpus"; done > "$tmp/in.jsonl"
lines=$(wc -l < "$tmp/in.jsonl")
bytes=$(wc -c < "$tmp/in.jsonl")
run() {
  local threads=$1 best=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    "$tact" score --threads "$threads" "$tmp/in.jsonl" > /dev/null
    t1=$(date +%s.%N)
    local s
    s=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || (( $(echo "$s < $best" | bc -l) )); then best=$s; fi
  done
  printf '%s threads: %d lines, %.2f MB in %.3f s (best of 3) = %.0f pairs/s, %.2f MB/s\n' \
    "$threads" "$lines" "$(echo "$bytes / 1000000" | bc -l)" "$best" \
    "$(echo "$lines / $best" | bc -l)" "$(echo "$bytes / 1000000 / $best" | bc -l)"
}
run 1
run "$(nproc)"
