#!/usr/bin/env bash
# What the connector logs through an InfluxDB outage, counted (docs/RELIABILITY.md, "What the log says"). Starts its
# own InfluxDB 1.x (Debian package influxdb) and the simulated Home Assistant, runs `connector run` in direct mode
# with default log levels for --seconds, stops InfluxDB (SIGTERM: connections refused) --down-at seconds in for
# --down seconds and starts it again on the same data, then stops the connector (SIGTERM) and counts its log:
# entries, lines, per level and per category.
#
#   bench/outage-log.sh                           # 70 s run, InfluxDB down from 25 s to 45 s, 40 events/s
#   bench/outage-log.sh --seconds 70 --down-at 25 --down 20 --rate 40 --out /tmp/outage-log
#   bench/outage-log.sh --no-build                # use connector/bin/Release/net10.0 as built by ./test.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${TMPDIR:-/tmp}/ha-ingestor-outage-log"
seconds=70
down_at=25
down=20
rate=40
build=1

while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --down-at) down_at="$2"; shift 2 ;;
    --down) down="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

command -v influxd >/dev/null || { echo "influxd not found (Debian package influxdb)" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out/influx" "$out/data"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
influx_port=$(free_port); rpc_port=$(free_port); ha_port=$(free_port); health_port=$(free_port)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

cat >"$out/influx.conf" <<EOF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc_port"
[meta]
  dir = "$out/influx/meta"
[data]
  dir = "$out/influx/data"
  wal-dir = "$out/influx/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$influx_port"
  log-enabled = false
[monitor]
  store-enabled = false
EOF
start_influx() {
  influxd -config "$out/influx.conf" >>"$out/influx.log" 2>&1 &
  influx_pid=$!
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$influx_port/ping")" = 204 ] && return 0
    sleep 0.1
  done
  echo "InfluxDB did not start; see $out/influx.log" >&2; exit 1
}

bin="$root/connector/bin/Release/net10.0"
if [ "$build" = 1 ]; then
  echo "Building the connector ..."
  dotnet build "$root/connector/HaIngestor.Connector.csproj" -c Release -nologo -v quiet >"$out/build.log"
fi
[ -f "$bin/connector.dll" ] || { echo "no $bin/connector.dll (build it, or drop --no-build)" >&2; exit 1; }
start_influx
curl -s -XPOST "http://127.0.0.1:$influx_port/query" --data-urlencode "q=CREATE DATABASE home_assistant" >/dev/null

dotnet "$bin/connector.dll" simulate --port "$ha_port" --token outage-log --rate "$rate" >"$out/simulator.log" 2>&1 &
pids+=($!)
sleep 3

cd "$out"   # the journal and state paths default to ./data
echo "connector run for $seconds s, InfluxDB down from $down_at s for $down s ..."
Connector__Transport=Direct Direct__Sink=InfluxDb Direct__DataPath="$out/data" \
  InfluxDb__Url="http://127.0.0.1:$influx_port/" InfluxDb__ApiVersion=V1 InfluxDb__Database=home_assistant \
  HOME_ASSISTANT_URL="http://127.0.0.1:$ha_port/" HOME_ASSISTANT_TOKEN=outage-log \
  Health__Address=127.0.0.1 Health__Port="$health_port" \
  dotnet "$bin/connector.dll" run >"$out/connector.log" 2>&1 &
connector_pid=$!
pids+=($connector_pid)

sleep "$down_at"
kill -TERM "$influx_pid"; wait "$influx_pid" 2>/dev/null || true
sleep "$down"
start_influx
pids+=($influx_pid)
sleep $((seconds - down_at - down))
kill -TERM "$connector_pid"; wait "$connector_pid" 2>/dev/null || true

log="$out/connector.log"
entries=$(grep -cE '^(trce|dbug|info|warn|fail|crit): ' "$log" || true)
echo
echo "Log of a $seconds s run with a $down s InfluxDB outage: $(wc -l <"$log") lines, $entries entries ($log)"
echo "Per level:";    grep -oE '^(trce|dbug|info|warn|fail|crit)' "$log" | sort | uniq -c | sort -rn
echo "Per category:"; grep -oE '^(trce|dbug|info|warn|fail|crit): [^[]+' "$log" | cut -d' ' -f2 | sort | uniq -c | sort -rn
echo "Stack frames:   $(grep -cE '^\s+at ' "$log" || true)"
echo "Outage lines:"; grep -A1 -E 'SinkOutage' "$log" | grep -vE '^(info|warn|--)' || true
