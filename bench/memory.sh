#!/usr/bin/env bash
# Resident memory of one server under a given launcher setting (docs/performance.md#memory), not a timed test:
# starts the built distribution (BENCH_DIST) on a fresh database, measures the JVM's resident memory 5 s after
# ready, loads GET /versions for 20 s at 16 connections with wrk, and measures again 15 s later, with the heap's
# committed sizes. Each argument is an environment setting for the launcher, e.g.
#   bench/memory.sh MALLOC_ARENA_MAX=8 JAVA_OPTS='-XX:MaxHeapFreeRatio=70'
# Needs wrk, jcmd and a MariaDB/MySQL server where root may create a database (BENCH_DB_HOST/BENCH_DB_PORT).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dist="${BENCH_DIST:-$here/../payara-config/target/dist}"
db_host="${BENCH_DB_HOST:-127.0.0.1}"
db_port="${BENCH_DB_PORT:-3306}"
port="${BENCH_PORT:-18099}"
db="bench_memory_$$"
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
work="$(mktemp -d)"
sql() { mariadb --protocol=tcp -h"$db_host" -P"$db_port" -uroot -e "$1"; }
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  sql "DROP DATABASE IF EXISTS $db; DROP USER IF EXISTS '$db'@'127.0.0.1';" || true
  rm -rf "$work"
}
trap cleanup EXIT

sql "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
     CREATE USER '$db'@'127.0.0.1' IDENTIFIED BY '$password'; GRANT ALL ON $db.* TO '$db'@'127.0.0.1';"
env RATE_LIMIT_GLOBAL_PER_MINUTE=0 CHATGPT_USAGE_CRON_INTERVAL=0 HTTP_ACCESS_LOG=false \
  DB_URL="jdbc:mysql://$db_host:$db_port/$db?sslMode=DISABLED&allowPublicKeyRetrieval=true" DB_USERNAME="$db" DB_PASSWORD="$password" \
  AUTH_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" PORT="$port" ADMIN_BOOTSTRAP_PASSWORD='bench-Bootstrap-2026' \
  "$@" "$dist/bin/codex-auth-central" > "$work/server.log" 2>&1 &
server=$!
started="$(date +%s%N)"
# Ready means the admin API answers too, except when the console deploys on demand: asking it would deploy it.
ready_url="http://127.0.0.1:$port/admin/api/session" ready_status=401
for setting in "$@"; do
  [ "$setting" = ADMIN_CONSOLE_START=on-demand ] && ready_url="http://127.0.0.1:$port/health/ready" ready_status=200
done
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$ready_url")" = "$ready_status" ]; do
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
jvm="$(pgrep -P "$server" java || echo "$server")"
rss_mb() { ps -o rss= -p "$jvm" | awk '{ printf "%d", $1 / 1024 }'; }
sleep 5
idle="$(rss_mb)"
rate="$(wrk -t2 -c16 -d20s "http://127.0.0.1:$port/versions" | awk '/^Requests\/sec/ { printf "%d", $2 }')"
sleep 15
echo "settings: ${*:-(defaults)}"
echo "ready ${ready_ms} ms; resident ${idle} MB after start, $(rss_mb) MB at rest after ${rate} req/s of GET /versions"
jcmd "$jvm" GC.heap_info | grep -E 'total|Metaspace'
