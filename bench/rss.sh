#!/usr/bin/env bash
# The connector's memory and CPU, idle and under load, as the add-on runs it (docs/PERFORMANCE.md, "On a Raspberry
# Pi"). Publishes the connector four times: as addon/Dockerfile does (native AOT, the Dockerfile's DOTNET_* runtime
# settings), plainly (framework-dependent, no ReadyToRun, the runtime's defaults: the baseline), framework-dependent
# with ReadyToRun (the add-on's former build: the Dockerfile's settings plus DOTNET_TieredPGO=0), and self-contained
# with the framework trimmed (the same settings as r2r). For each rate it starts the simulated Home Assistant
# (`connector simulate` of the baseline build, its own process), runs each build in direct mode writing
# line-protocol files, waits until it is connected and warmed up, then samples over a fixed window: VmRSS every
# second (mean and max), VmHWM at the end, CPU as utime+stime from /proc/<pid>/stat. Native AOT needs clang and
# zlib1g-dev (apt-get install clang zlib1g-dev).
#
#   bench/rss.sh                                   # rates 0 and 50, 10 s warm-up, 25 s window
#   bench/rss.sh --rates "0 50 500" --window 30
#   bench/rss.sh --variant 'gen0=DOTNET_GCgen0size=0x200000'   # one more row: the add-on build plus settings
#   bench/rss.sh --no-publish --out /tmp/rss      # reuse the builds of an earlier run
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${TMPDIR:-/tmp}/ha-ingestor-rss"
rates="0 50"
warmup=10
window=25
publish=1
declare -a extra=()

while [ $# -gt 0 ]; do
  case "$1" in
    --rates) rates="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --window) window="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-publish) publish=0; shift ;;
    --variant) extra+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "unsupported machine '$(uname -m)'" >&2; exit 1 ;;
esac

mkdir -p "$out"
project="$root/connector/HaIngestor.Connector.csproj"
if [ "$publish" = 1 ]; then
  echo "Publishing the add-on build (native AOT, $rid), the baseline, ReadyToRun and trimmed builds into $out ..."
  # The same publish as addon/Dockerfile's build stage.
  start=$(date +%s)
  dotnet publish "$project" --configuration Release --runtime "$rid" \
    --output "$out/aot" -p:PublishAot=true -nologo -v quiet >"$out/publish-aot.log"
  echo "native AOT publish: $(( $(date +%s) - start )) s, executable $(( $(stat -c %s "$out/aot/connector") / 1024 / 1024 )) MiB"
  dotnet publish "$project" --configuration Release --runtime "$rid" --self-contained false \
    --output "$out/r2r" -p:PublishReadyToRun=true -p:UseAppHost=false -nologo -v quiet >"$out/publish-r2r.log"
  dotnet publish "$project" --configuration Release \
    --output "$out/baseline" -p:UseAppHost=false -nologo -v quiet >"$out/publish-baseline.log"
  # A former candidate: self-contained, the framework trimmed (TrimMode=partial keeps every assembly
  # that does not declare itself trimmable), ReadyToRun. Trim analysis warnings are reported in the log.
  dotnet publish "$project" --configuration Release --runtime "$rid" --self-contained true \
    --output "$out/trimmed" -p:PublishReadyToRun=true -p:PublishTrimmed=true -p:TrimMode=partial \
    -p:TreatWarningsAsErrors=false -nologo -v quiet >"$out/publish-trimmed.log"
fi

# The add-on's runtime settings, read from the Dockerfile itself so that this measures what ships.
mapfile -t addon_env < <(sed -n '/^ENV /,/^$/p' "$root/addon/Dockerfile" | grep -oE 'DOTNET_[A-Za-z0-9_]+=[^ \\]+' \
  | grep -v '^DOTNET_CLI_')
[ "${#addon_env[@]}" -gt 0 ] || { echo "no DOTNET_ settings found in addon/Dockerfile" >&2; exit 1; }

# The JIT builds also turn off tiered PGO's instrumentation, as the add-on did while it shipped ReadyToRun.
jit_env="${addon_env[*]} DOTNET_TieredPGO=0"

# name|build|settings (space-separated VAR=value)
declare -a variants=("baseline|baseline|" "r2r|r2r|$jit_env" "trimmed|trimmed|$jit_env" "aot|aot|${addon_env[*]}")
for v in "${extra[@]}"; do
  name="${v%%=*}"; settings="${v#*=}"
  variants+=("$name|aot|${addon_env[*]} ${settings//,/ }")
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ticks="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
received() { curl -fs "http://127.0.0.1:$1/metrics" | awk '$1 == "haingestor_connector_events_received_total" {print $2}'; }

declare -a pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
results="$out/results.tsv"
printf 'variant\trate\trss_mean_mb\trss_max_mb\thwm_mb\tcpu_ms_per_s\tstartup_cpu_ms\tevents\n' >"$results"

for rate in $rates; do
  sim_port="$(free_port)"
  dotnet "$out/baseline/connector.dll" simulate --port "$sim_port" --rate "$rate" >"$out/simulator-$rate.log" 2>&1 &
  sim=$!; pids+=("$sim")
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$sim_port/api/" -H 'Authorization: Bearer simulator-token' && break; sleep 0.2; done

  for entry in "${variants[@]}"; do
    IFS='|' read -r name build settings <<<"$entry"
    data="$out/data-$name-$rate"; rm -rf "$data"; mkdir -p "$data"
    port="$(free_port)"
    # shellcheck disable=SC2086 # settings is a list of VAR=value words
    (cd "$data" && exec env $settings \
        HOME_ASSISTANT_URL="http://127.0.0.1:$sim_port/" HOME_ASSISTANT_TOKEN=simulator-token \
        Connector__Transport=Direct Health__Address=127.0.0.1 Health__Port="$port" \
        Logging__LogLevel__Default=Warning \
        $(case "$build" in trimmed|aot) echo "$out/$build/connector" ;; *) echo "dotnet $out/$build/connector.dll" ;; esac) run >"$out/connector-$name-$rate.log" 2>&1) &
    pid=$!; pids+=("$pid")
    connected=0
    for _ in $(seq 150); do
      if curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"state": "Connected"'; then connected=1; break; fi
      sleep 0.2
    done
    [ "$connected" = 1 ] || { echo "$name at $rate/s never connected; see $out/connector-$name-$rate.log" >&2; exit 1; }
    sleep "$warmup"
    startup=$(cpu_ticks "$pid")
    events0=$(received "$port")
    sum=0; max=0
    for _ in $(seq "$window"); do
      rss=$(status_kb "$pid" VmRSS); sum=$((sum + rss)); [ "$rss" -gt "$max" ] && max=$rss
      sleep 1
    done
    cpu=$(( $(cpu_ticks "$pid") - startup ))
    events=$(( $(received "$port") - events0 ))
    hwm=$(status_kb "$pid" VmHWM)
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    awk -v n="$name" -v r="$rate" -v s="$sum" -v w="$window" -v m="$max" -v h="$hwm" -v c="$cpu" -v t="$ticks" \
        -v st="$startup" -v e="$events" 'BEGIN {
      printf "%s\t%s\t%.1f\t%.1f\t%.1f\t%.1f\t%.0f\t%d\n", n, r, s / w / 1024, m / 1024, h / 1024, c * 1000 / t / w, st * 1000 / t, e }' \
      >>"$results"
  done
  kill "$sim"; wait "$sim" 2>/dev/null || true
done

echo
echo "Window ${window} s after ${warmup} s of warm-up; RSS in MB (1 MB = 1024 KiB); CPU in ms per second (10 = 1 % of a core)."
echo "Add-on settings (aot): ${addon_env[*]}; r2r and trimmed: $jit_env"
echo "Load average (1, 5, 15 min) before the measurements: $load_before; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
for v in "${extra[@]}"; do echo "Variant ${v%%=*}: add-on build and settings plus ${v#*=}"; done
echo
awk -F'\t' 'NR == 1 { printf "| %-10s | %5s | %12s | %11s | %9s | %11s | %15s | %7s |\n|%s|\n", "Variant", "Rate", "RSS mean MB", "RSS max MB", "VmHWM MB", "CPU ms/s", "Start-up CPU ms", "Events", "------------|------:|-------------:|------------:|----------:|------------:|----------------:|--------:"; next }
  { printf "| %-10s | %5s | %12s | %11s | %9s | %11s | %15s | %7s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$results"
