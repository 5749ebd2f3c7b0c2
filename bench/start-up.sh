#!/usr/bin/env bash
# Start-up of the one-command run (issue 19: ready <= 15 s): the built distribution with its embedded MariaDB in a
# fresh DATA_DIR, started once (first run: migrations, and on JDK 25 the ahead-of-time cache is recorded), then
# restarted [runs] times. Each restart is timed from launch to hosts served (/health/ready 200: the host API is
# deployed) and to ready (the admin API answering too: the admin application deploys after the host API opened);
# the table also shows the launcher's own phases. Not a timed test.
#   bench/start-up.sh [runs=5]
# BENCH_JAVA_HOME runs another JDK (for example /usr/lib/jvm/temurin-25-jdk-amd64); AOT_CACHE=off runs JDK 25 without
# the cache; BENCH_DIST names another build; BENCH_PORT (default 18180).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dist="${BENCH_DIST:-$here/../payara-config/target/dist}"
runs="${1:-5}"
port="${BENCH_PORT:-18180}"
data_dir="$HOME/.codex-auth-start-up-$$"
[ -x "$dist/bin/codex-auth-central" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
if [ -n "${BENCH_JAVA_HOME:-}" ]; then export PATH="$BENCH_JAVA_HOME/bin:$PATH"; fi
log="$(mktemp)"
trap 'rm -rf "$data_dir" "$log"' EXIT

phase() { sed -n "s|.*$1 \([0-9.]*\) s.*|\1|p" "$log" | head -n 1; }

# Starts the server, waits until it is ready, prints one table row, stops it and waits until it has exited (on JDK 25
# the first stop writes the cache).
start_once() {
  local label="$1" launched pid hosts_ms='' ready_ms rss
  launched="$(date +%s%N)"
  DATA_DIR="$data_dir" PORT="$port" ADMIN_BOOTSTRAP_PASSWORD='bench-Bootstrap-2026' SHUTDOWN_DRAIN_SECONDS=0 \
    "$dist/bin/codex-auth-central" > "$log" 2>&1 &
  pid=$!
  until [ -n "$hosts_ms" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/admin/api/session")" = 401 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "| $label | did not start: $(tail -n 3 "$log") |"; exit 1; }
    if [ -z "$hosts_ms" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; then
      hosts_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
      continue
    fi
    sleep 0.1
  done
  ready_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
  rss="$(ps -o rss= -p "$pid" | awk '{printf "%d", $1/1024}')"
  printf '| %s | %.1f s | %.1f s | %s s | %s s | %s s | %s MB |\n' "$label" "$(awk -v ms="$hosts_ms" 'BEGIN { print ms / 1000 }')" \
    "$(awk -v ms="$ready_ms" 'BEGIN { print ms / 1000 }')" \
    "$(phase 'database up after')" "$(phase 'deployed at / in')" "$(phase 'deployed at /admin in')" "$rss"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

echo "$(java -version 2>&1 | head -n 1), AOT_CACHE=${AOT_CACHE:-default}"
echo
echo "| run | hosts served | ready (admin too) | runtime and database up | host API deployed in | admin deployed in | JVM resident at ready |"
echo "|---|---|---|---|---|---|---|"
start_once "first (fresh data directory)"
for run in $(seq 1 "$runs"); do
  start_once "restart $run"
done
