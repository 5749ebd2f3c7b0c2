#!/usr/bin/env bash
# The container's own floor on one connection (docs/performance.md, issue 19's /versions p99): the Payara Micro of the
# built distribution, with the launcher's heap and collector settings and no clustering, serving a one-method JAX-RS
# application (bench/floor/Floor.java) and a static file. After a 20 s warm-up at 16 connections each is measured
# [runs] times on one connection for 15 s; COMPARE_URL (for example http://127.0.0.1:18080/versions of a server kept
# up with BENCH_HOLD=600 bench/run.sh auth-retrieve) is measured in turn with them, so all share the same minutes.
# Not a timed test. Needs a built distribution (mvn -DskipTests package), javac and wrk.
#   bench/container-floor.sh [runs=3]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/wrk-results.sh
. "$here/wrk-results.sh"
dist="${BENCH_DIST:-$here/../payara-config/target/dist}"
runs="${1:-3}"
port="${BENCH_PORT:-18090}"
jars=("$dist"/lib/payara-micro-*.jar)
micro="${jars[0]}"
[ -f "$micro" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
work="$(mktemp -d)"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

unzip -q -o "$micro" MICRO-INF/runtime/jakarta.ws.rs-api.jar -d "$work"
mkdir -p "$work/war/WEB-INF/classes"
javac -cp "$work/MICRO-INF/runtime/jakarta.ws.rs-api.jar" -d "$work/war/WEB-INF/classes" "$here/floor/Floor.java"
echo '{"ok":true}' > "$work/war/ping.json"
(cd "$work/war" && jar cf "$work/floor.war" .)

# The heap and collector of bin/codex-auth-central.
java -Xms128m -Xmx320m -Xss512k -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
  -jar "$micro" --nohazelcast --port "$port" --contextroot / --deploy "$work/floor.war" > "$work/server.log" 2>&1 &
server=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/api/ping"; do
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
targets=("http://127.0.0.1:$port/api/ping" "http://127.0.0.1:$port/ping.json")
[ -n "${COMPARE_URL:-}" ] && targets+=("$COMPARE_URL")
for url in "${targets[@]}"; do
  wrk -t2 -c16 -d20s "$url" > /dev/null
done
echo "| url | run | p50 | p99 | req/s |"
echo "|---|---|---|---|---|"
for run in $(seq 1 "$runs"); do
  for url in "${targets[@]}"; do
    wrk -t1 -c1 -d15s --latency "$url" > "$work/wrk.txt"
    echo "| $url | $run | $(wrk_percentile "$work/wrk.txt" 50% 2) ms | $(wrk_percentile "$work/wrk.txt" 99% 2) ms | $(wrk_rate "$work/wrk.txt") |"
  done
done
