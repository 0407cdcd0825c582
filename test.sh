#!/usr/bin/env bash
# The test command (README, .ci/run): installs what is missing, starts Redis, InfluxDB 1.x and the Azurite blob
# emulator on free loopback ports with throwaway data folders, runs every test of the solution against them,
# and stops them again, also on failure or Ctrl-C. Exits non-zero on any failure.
#
#   ./test.sh                      the whole solution
#   ./test.sh --filter <expr>      a subset (dotnet test --filter syntax)
#
# A test whose server is missing fails; it never skips (CI=true or not).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

FILTER=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --filter) [[ $# -ge 2 ]] || { echo "test.sh: --filter needs an expression" >&2; exit 2; }; FILTER="$2"; shift 2 ;;
    --filter=*) FILTER="${1#--filter=}"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "test.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

log() { printf '[test.sh] %s\n' "$*" >&2; }

# --- install what is missing -------------------------------------------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
command -v influxd >/dev/null 2>&1 || missing+=(influxdb)
command -v influx >/dev/null 2>&1 || missing+=(influxdb-client)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The native AOT publish of the connector (what addon/Dockerfile ships) links with clang against zlib.
command -v clang >/dev/null 2>&1 || missing+=(clang)
[[ -f /usr/include/zlib.h ]] || missing+=(zlib1g-dev)
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null 2>&1 || { log "the .NET SDK (see global.json) is not installed"; exit 1; }

NODE_DIR="$ROOT/tests/node"
if [[ ! -d "$NODE_DIR/node_modules" || "$NODE_DIR/package-lock.json" -nt "$NODE_DIR/node_modules" ]]; then
  log "npm ci in tests/node"
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$NODE_DIR/node_modules"
fi

# --- throwaway folder and clean-up --------------------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ha-ingestor-test.XXXXXX")
PIDS=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    # Reaped here, quietly: otherwise bash reports a forced stop as "Killed" after the summary.
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Free loopback ports, all picked in one go so they differ from each other; the OS hands out unused ones, so
# they never clash with servers already running (such as shared development servers).
read -r REDIS_PORT INFLUX_PORT INFLUX_RPC_PORT AZURITE_PORT < <(python3 - <<'PY'
import socket
socks = []
for _ in range(4):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
)

# wait_for NAME LOGFILE PID CHECK...: runs CHECK until it succeeds, the server dies, or 60 s pass.
wait_for() {
  local name=$1 logfile=$2 pid=$3
  shift 3
  for _ in $(seq 1 600); do
    if "$@" >/dev/null 2>&1; then
      log "$name is up"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited during start-up; its log:"
      tail -n 50 "$logfile" >&2 || true
      exit 1
    fi
    sleep 0.1
  done
  log "$name did not answer within 60 s; its log:"
  tail -n 50 "$logfile" >&2 || true
  exit 1
}

tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
influx_ping() { [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$INFLUX_PORT/ping") == 204 ]]; }
redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping) == PONG ]]; }

# --- Redis -------------------------------------------------------------------------------------------------------
mkdir -p "$TMP/redis"
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$TMP/redis" --save '' --appendonly no \
  --daemonize no --logfile "$TMP/redis.log" &
PIDS+=($!)
wait_for "Redis (127.0.0.1:$REDIS_PORT)" "$TMP/redis.log" "${PIDS[-1]}" redis_ping

# --- InfluxDB 1.x ------------------------------------------------------------------------------------------------
mkdir -p "$TMP/influx"
cat >"$TMP/influx.conf" <<EOF
reporting-disabled = true
bind-address = "127.0.0.1:$INFLUX_RPC_PORT"
[meta]
  dir = "$TMP/influx/meta"
[data]
  dir = "$TMP/influx/data"
  wal-dir = "$TMP/influx/wal"
  query-log-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:$INFLUX_PORT"
  auth-enabled = false
  log-enabled = false
[monitor]
  store-enabled = false
[continuous_queries]
  log-enabled = false
EOF
influxd -config "$TMP/influx.conf" >"$TMP/influx.log" 2>&1 &
PIDS+=($!)
wait_for "InfluxDB (127.0.0.1:$INFLUX_PORT)" "$TMP/influx.log" "${PIDS[-1]}" influx_ping

# --- Azurite (blob) ----------------------------------------------------------------------------------------------
mkdir -p "$TMP/azurite"
"$NODE_DIR/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$AZURITE_PORT" \
  --location "$TMP/azurite" --skipApiVersionCheck --loose --silent >"$TMP/azurite.log" 2>&1 &
PIDS+=($!)
wait_for "Azurite blob (127.0.0.1:$AZURITE_PORT)" "$TMP/azurite.log" "${PIDS[-1]}" tcp_open "$AZURITE_PORT"

# --- the native AOT connector ------------------------------------------------------------------------------------
# addon/Dockerfile ships the connector published with native AOT, and NativeAotConnectorTests runs that build. It is
# published here, once and before the tests (a few minutes on two cores, longer than a test may hang), from a copy
# of the sources the Dockerfile copies: the solution's own bin and obj belong to the test run. Only for the whole
# suite or a filter naming it; a filtered run that still reaches the test publishes it there. HAI_TEST_AOT_CONNECTOR
# set to a folder holding a published connector reuses that build instead.
if [[ -n "${HAI_TEST_AOT_CONNECTOR:-}" ]]; then
  log "native AOT connector from $HAI_TEST_AOT_CONNECTOR"
elif [[ -z "$FILTER" || "${FILTER,,}" == *aot* || "${FILTER,,}" == *addon* ]]; then
  case "$(uname -m)" in
    x86_64) AOT_RID=linux-x64 ;;
    aarch64) AOT_RID=linux-arm64 ;;
    *) log "no native AOT runtime identifier for $(uname -m)"; exit 1 ;;
  esac
  mkdir -p "$TMP/aot/src"
  cp Directory.Build.props Directory.Build.targets Directory.Packages.props BannedSymbols.txt .editorconfig global.json "$TMP/aot/src/"
  tar --exclude=bin --exclude=obj -cf - core simulator connector | (cd "$TMP/aot/src" && tar -xf -)
  log "native AOT publish of the connector ($AOT_RID)"
  aot_start=$SECONDS
  if ! dotnet publish "$TMP/aot/src/connector/HaIngestor.Connector.csproj" --configuration Release --runtime "$AOT_RID" \
      --output "$TMP/aot/out" -p:PublishAot=true -nologo >"$TMP/aot-publish.log" 2>&1; then
    log "the native AOT publish failed (any trim or AOT warning fails it); its log:"
    grep -E 'error|warning' "$TMP/aot-publish.log" | tail -n 40 >&2 || tail -n 40 "$TMP/aot-publish.log" >&2
    exit 1
  fi
  log "native AOT connector published in $((SECONDS - aot_start)) s"
  export HAI_TEST_AOT_CONNECTOR="$TMP/aot/out"
fi

# --- tests -------------------------------------------------------------------------------------------------------
# The well-known development account key of the storage emulator: public, not a secret.
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export HAI_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export HAI_TEST_INFLUXDB_URL="http://127.0.0.1:$INFLUX_PORT"
export HAI_TEST_AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
export HAI_TEST_NODE_MODULES="$NODE_DIR/node_modules"
export HAI_TEST_CHROMIUM="$(command -v chromium)"
# Artefacts a person looks at (the status page screenshots) survive the run here.
export HAI_TEST_OUTPUT="${HAI_TEST_OUTPUT:-$ROOT/TestResults/output}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

args=(test "$ROOT/HaIngestor.sln" -c Release
  --logger "console;verbosity=normal" --logger trx --results-directory "$TMP/results"
  --blame-hang-timeout "${HAI_TEST_HANG_TIMEOUT:-5m}" --blame-hang-dump-type none)
[[ -z "$FILTER" ]] || args+=(--filter "$FILTER")

log "dotnet ${args[*]}"
set +e
dotnet "${args[@]}"
rc=$?
set -e

# A bounded coverage-guided run of every fuzz target (SharpFuzz + AFL++, a few seconds each); the long run is
# documented in docs/RELIABILITY.md. Only for the whole suite, not for a filtered subset.
if [[ -z "$FILTER" ]]; then
  log "fuzz/run.sh --seconds 5"
  if ! "$ROOT/fuzz/run.sh" --seconds 5; then
    log "fuzzing found a crash (fuzz/findings/) or could not run"
    rc=1
  fi
fi

# One closing line over every test project, from the TRX files.
summary=$(python3 - "$TMP/results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = files = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    files += 1
    c = ET.parse(path).getroot().find(f"{ns}ResultSummary/{ns}Counters")
    if c is None:
        continue
    n = lambda k: int(c.get(k, "0"))
    passed += n("passed")
    failed += n("failed") + n("error") + n("timeout") + n("aborted")
    skipped += n("notExecuted")
print(f"{files} {passed} {failed} {skipped}")
PY
)
read -r trx_files passed failed skipped <<<"$summary"

if [[ "$trx_files" -eq 0 ]]; then
  log "no test results: the build or the test host failed (exit code $rc)"
  [[ $rc -ne 0 ]] || rc=1
elif [[ $((passed + failed)) -eq 0 && -z "$FILTER" ]]; then
  log "no test ran"
  [[ $rc -ne 0 ]] || rc=1
fi
[[ "$failed" -eq 0 || $rc -ne 0 ]] || rc=1
if [[ $rc -ne 0 && "$failed" -eq 0 && "$trx_files" -gt 0 ]]; then
  log "dotnet test exited with $rc although no test failed: a project did not build or a test host crashed (see above)"
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
