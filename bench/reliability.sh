#!/usr/bin/env bash
# Regenerates the fault suite's account table in docs/RELIABILITY.md: runs every scenario of
# tests/HaIngestor.Faults.Tests through ./test.sh (real InfluxDB, Redis, Azurite; the simulator and the connector as
# child processes), each scenario writing its account as JSON, then rewrites the table between the markers.
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
trap 'rm -rf "$OUT"' EXIT
started=$(date +%s)
HAI_TEST_OUTPUT="$OUT" HAI_FAULT_SCALE="$SCALE" ./test.sh --filter "FullyQualifiedName~HaIngestor.Faults.Tests"
seconds=$(( $(date +%s) - started ))
python3 bench/reliability_table.py "$OUT/faults" docs/RELIABILITY.md "$SCALE" "$seconds"
echo "docs/RELIABILITY.md: account table rewritten ($(ls "$OUT/faults" | wc -l) scenarios, ${seconds} s)"
