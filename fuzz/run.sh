#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader of untrusted bytes with SharpFuzz and AFL++ (docs/RELIABILITY.md).
#
#   fuzz/run.sh                         every target for 10 s each (the bounded run ./test.sh does)
#   fuzz/run.sh --seconds 600 frame     one target for 10 minutes
#   fuzz/run.sh --execs 1000000         every target until 1 M executions (the documented long run)
#
# Installs afl++ (Debian) and the sharpfuzz tool (.config/dotnet-tools.json) when missing, publishes
# fuzz/HaIngestor.Fuzz, instruments the assemblies that hold the readers, writes the seed corpus (the simulator's
# home and the hostile test events), runs afl-fuzz per target and prints executions, speed, paths and crashes.
# A crash is copied to fuzz/findings/<target>/ and the script exits 1: replay it with
#   dotnet run -c Release --project fuzz/HaIngestor.Fuzz -- --replay <target> fuzz/findings/<target>
# then fix it and move the input to fuzz/regressions/<target>/, where the test suite replays it for good.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SECONDS_PER_TARGET=10
EXECS=""
TARGETS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_PER_TARGET="$2"; shift 2 ;;
    --execs) EXECS="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "fuzz/run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done

log() { printf '[fuzz] %s\n' "$*" >&2; }

if ! command -v afl-fuzz >/dev/null 2>&1; then
  log "installing afl++"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi
dotnet tool restore >/dev/null

WORK="$ROOT/.tmp/fuzz"
OUT="$WORK/app"
rm -rf "$WORK/seeds" "$WORK/out" "$OUT"
mkdir -p "$WORK/out"
log "publishing fuzz/HaIngestor.Fuzz"
dotnet publish fuzz/HaIngestor.Fuzz -c Release -o "$OUT" --nologo -v quiet >/dev/null
FUZZ=(dotnet "$OUT/HaIngestor.Fuzz.dll")
# Seeds and the target list come from the build before instrumentation: instrumented code only runs under afl-fuzz.
# Findings among the seeds are reported; afl-fuzz skips them and fuzzes the rest.
"${FUZZ[@]}" --seeds "$WORK/seeds" || log "some seeds are findings themselves (listed above)"
if [[ ${#TARGETS[@]} -eq 0 ]]; then
  mapfile -t TARGETS < <("${FUZZ[@]}" --list | awk '{print $1}')
fi
# The readers live in these; SharpFuzz adds AFL's edge coverage to their IL.
for assembly in HaIngestor.Core HaIngestor.Adapters connector; do
  dotnet sharpfuzz "$OUT/$assembly.dll" >/dev/null
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
# Seeds that crash are skipped rather than aborting the run (they were reported above).
export AFL_IGNORE_SEED_PROBLEMS=1 AFL_SKIP_CRASHES=1
status=0
printf '%-18s %10s %9s %10s %8s %8s\n' target executions "execs/s" seconds paths crashes
for target in "${TARGETS[@]}"; do
  limit=(-V "$SECONDS_PER_TARGET")
  [[ -n "$EXECS" ]] && limit=(-E "$EXECS")
  set +e
  afl-fuzz -i "$WORK/seeds/$target" -o "$WORK/out/$target" "${limit[@]}" -t 10000 -m none -- "${FUZZ[@]}" "$target" \
    >"$WORK/$target.log" 2>&1
  rc=$?
  set -e
  stats="$WORK/out/$target/default/fuzzer_stats"
  if [[ ! -f "$stats" ]]; then
    log "$target: afl-fuzz did not start (exit $rc); see $WORK/$target.log"
    tail -20 "$WORK/$target.log" >&2
    status=1
    continue
  fi
  value() { awk -F': *' -v key="$1" '$1 ~ "^"key" *$" {print $2}' "$stats"; }
  crashes=$(value saved_crashes)
  printf '%-18s %10s %9s %10s %8s %8s\n' "$target" "$(value execs_done)" "$(value execs_per_sec)" \
    "$(( $(value last_update) - $(value start_time) ))" "$(value corpus_count)" "$crashes"
  if [[ "${crashes:-0}" != "0" ]]; then
    mkdir -p "fuzz/findings/$target"
    cp "$WORK/out/$target/default/crashes/"id:* "fuzz/findings/$target/"
    log "$target: $crashes crash(es), copied to fuzz/findings/$target/"
    status=1
  fi
done
exit $status
