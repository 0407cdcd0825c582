#!/usr/bin/env bash
# Regenerates the fault suite's account table in docs/RELIABILITY.md: runs every scenario of
# tests/HaIngestor.Faults.Tests through ./test.sh (real InfluxDB, Redis, Azurite; the simulator and the connector as
# child processes), each scenario writing its account as JSON, then rewrites the table between the markers (one
# table per scale), stamped with the date, the machine and its load average during the run.
#
#   bench/reliability.sh              the load CI runs (80 events/s, phases of 2 s, a burst of 5,000)
#   bench/reliability.sh --scale 20   20 times that: 1,600 events/s, phases of 40 s, a burst of 100,000
#
# Needs root for the disk-full scenario (it mounts a small tmpfs), as ./test.sh has in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) [[ $# -ge 2 ]] || { echo "reliability.sh: --scale needs a number" >&2; exit 2; }; SCALE="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "reliability.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$SCALE" =~ ^[1-9][0-9]*$ ]] || { echo "reliability.sh: --scale must be a positive whole number" >&2; exit 2; }

OUT=$(mktemp -d "${TMPDIR:-/tmp}/ha-ingestor-reliability.XXXXXX")
# The machine may be shared: the 1-minute load average, sampled every 30 s while the suite runs, goes in the table.
# (Slept in 1 s steps, so nothing of it outlives the script by more than a second.)
( while :; do cut -d' ' -f1 /proc/loadavg >>"$OUT/load"; for _ in {1..30}; do sleep 1; done; done ) &
SAMPLER=$!
trap 'kill "$SAMPLER" 2>/dev/null || true; rm -rf "$OUT"' EXIT
started=$(date +%s)
# At a higher scale one scenario can run for several minutes: more than ./test.sh's 5-minute hang guard.
HAI_TEST_HANG_TIMEOUT="$(( 5 * SCALE ))m" HAI_TEST_OUTPUT="$OUT" HAI_FAULT_SCALE="$SCALE" ./test.sh --filter "FullyQualifiedName~HaIngestor.Faults.Tests"
seconds=$(( $(date +%s) - started ))
kill "$SAMPLER" 2>/dev/null || true
load=$(awk '{ s += $1; if ($1 > m) m = $1 } END { printf "%.1f on average, %.1f at most", s / NR, m }' "$OUT/load")
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
memory=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
machine="$(date -u -d "@$started" '+%Y-%m-%d %H:%M UTC'), $(nproc) cores (${cpu:-unknown CPU}), $memory RAM, 1-minute load average during the run $load"
python3 bench/reliability_table.py "$OUT/faults" docs/RELIABILITY.md "$SCALE" "$seconds" "$machine"
echo "docs/RELIABILITY.md: account table rewritten ($(ls "$OUT/faults" | wc -l) scenarios, ${seconds} s)"
