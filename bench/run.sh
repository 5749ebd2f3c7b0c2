#!/usr/bin/env bash
# Benchmarks of the host API's hot paths with wrk against the built distribution on a fresh database (not a timed
# test). Needs a built distribution (mvn -DskipTests package), wrk, and a MariaDB/MySQL server where root may
# create a database (BENCH_DB_HOST/BENCH_DB_PORT, default 127.0.0.1:3306). BENCH_DIST names another distribution
# (an older build, to compare); JAVA_OPTS reaches the server (for example a Flight Recorder recording).
#   bench/run.sh <scenario> [hosts=200] [seconds=30] [connections=16]     (WARMUP=90 seconds of unmeasured load first)
# With 200 hosts each one calls several times a second and every per-host cache is warm; hosts=3000 calls each one
# every 10 s at 300 req/s, which is what a 100,000-host fleet looks like to those caches (docs/performance.md).
# NODES=2 (or more) starts that many nodes clustered on the data grid behind HAProxy on BENCH_PORT (docs/cluster.md);
# RATE=300 holds the measured run at a fixed request rate (wrk delay(), a random think time per connection;
# BENCH_ARRIVALS=even makes it constant, bench/fixed-rate.lua) to judge tail latency, not saturation.
# Scenarios (issue goals on this 2-core machine; measured results in docs/performance.md):
#   auth-retrieve    POST /auth "retrieve" with the canonical digest: >= 1,300 req/s, p99 <= 10 ms at 16 connections
#   config-retrieve  POST /config/retrieve with the host's current sha ("unchanged"): the same rate as auth-retrieve
#   usage-ingest     POST /usage with ENTRIES (default 50) entries per request: >= 20,000 usage rows/s
#   mcp-search       POST /mcp tools/call memory_search with MEMORIES (default 1000) stored: >= 1,500 req/s at 16 connections
#                    (and p95 <= 20 ms with MEMORIES=100000)
#   mcp-store        POST /mcp tools/call memory_store, a new memory per request: >= 1,000 req/s
#   invalidation     (NODES >= 2) the kill switch thrown on node 1, node 2 polled until it refuses: the delay, ROUNDS times
#   person-auth      GET /api/v1/me at a fixed RATE (default 500 req/s) with an xwllm_ token, then without a bearer (401,
#                    same pipeline): the difference of the medians is what authenticating a token costs, goal <= 1 ms
#   host-api         every hot host route on one server (docs/performance.md): ready time, saturation at [connections],
#                    /auth p50/p99 at fixed 300 and 1,000 req/s, /versions p99 on one connection, resident memory at
#                    rest and under load, then the one-command run with its embedded MariaDB (ready time, both RSS).
#                    Prints a markdown table, also written to BENCH_TABLE (default /tmp/codex-auth-host-api.md)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/wrk-results.sh
. "$here/wrk-results.sh"
dist="${BENCH_DIST:-$here/../payara-config/target/dist}"
scenario="${1:?scenario: auth-retrieve or config-retrieve}"
hosts="${2:-200}"
seconds="${3:-30}"
connections="${4:-16}"
db_host="${BENCH_DB_HOST:-127.0.0.1}"
db_port="${BENCH_DB_PORT:-3306}"
port="${BENCH_PORT:-18080}"
nodes="${NODES:-1}"
grid_port="${BENCH_GRID_PORT:-16900}"
server_pids=()
work="$(mktemp -d)"
db="cac_bench_$$"
db_user="bench_$$"
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
dev_token="bench-development-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

command -v wrk >/dev/null || { echo "wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is missing (Debian: apt-get install jq)" >&2; exit 1; }
[ -x "$dist/bin/codex-auth-central" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }

sql() { mariadb --protocol=tcp -h"$db_host" -P"$db_port" -uroot -e "$1"; }
cleanup() {
  if [ -n "${balancer_pid:-}" ]; then kill "$balancer_pid" 2>/dev/null || true; fi
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  sql "DROP DATABASE IF EXISTS $db; DROP USER IF EXISTS '$db_user'@'127.0.0.1'; DROP USER IF EXISTS '$db_user'@'localhost';" || true
  cp "$work/server-1.log" "${BENCH_LOG:-/tmp/codex-auth-bench-server.log}" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

sql "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
     CREATE USER IF NOT EXISTS '$db_user'@'127.0.0.1' IDENTIFIED BY '$password';
     CREATE USER IF NOT EXISTS '$db_user'@'localhost' IDENTIFIED BY '$password';
     GRANT ALL ON $db.* TO '$db_user'@'127.0.0.1'; GRANT ALL ON $db.* TO '$db_user'@'localhost';"

encryption_key="$(head -c 32 /dev/urandom | base64)"
cluster_name="bench-$$"
members=""
for n in $(seq 1 "$nodes"); do members="${members:+$members,}127.0.0.1:$((grid_port + n))"; done
# start_node N: node N on port+N (port itself when alone), clustered with the others when NODES > 1.
start_node() {
  local n="$1" node_port="$port" cluster=false
  if [ "$nodes" -gt 1 ]; then node_port=$((port + n)); cluster=true; fi
  DB_URL="jdbc:mysql://$db_host:$db_port/$db?sslMode=DISABLED&allowPublicKeyRetrieval=true" DB_USERNAME="$db_user" DB_PASSWORD="$password" \
    AUTH_ENCRYPTION_KEY="$encryption_key" PORT="$node_port" PUBLIC_BASE_URL="http://127.0.0.1:$port" \
    IDENTITY_MODE=dev IDENTITY_DEV_TOKEN="$dev_token" CLERK_AUTHORIZED_PARTIES="http://127.0.0.1:$port" \
    ADMIN_BOOTSTRAP_PASSWORD='bench-Bootstrap-2026' RATE_LIMIT_GLOBAL_PER_MINUTE=0 ADMIN_RATE_LIMIT_PER_MINUTE=0 CHATGPT_USAGE_CRON_INTERVAL=0 HTTP_ACCESS_LOG="${HTTP_ACCESS_LOG:-false}" \
    CLUSTER_ENABLED="$cluster" CLUSTER_NAME="$cluster_name" CLUSTER_MEMBERS="$members" CLUSTER_PORT=$((grid_port + n)) \
    CLUSTER_INTERFACE=127.0.0.1 SETTINGS_CACHE_MILLIS="${SETTINGS_CACHE_MILLIS:-1000}" \
    "$dist/bin/codex-auth-central" > "$work/server-$n.log" 2>&1 &
  server_pids+=("$!")
  local launched
  launched="$(date +%s%N)"
  hosts_ready_ms=''
  for _ in $(seq 1 1200); do
    if [ -z "$hosts_ready_ms" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$node_port/health/ready")" = 200 ]; then
      hosts_ready_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
    fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$node_port/admin/api/session")" = 401 ]; then
      ready_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
      hosts_ready_ms="${hosts_ready_ms:-$ready_ms}"
      return 0
    fi
    sleep 0.1
  done
  echo "node $n did not start; see $work/server-$n.log" >&2
  exit 1
}
for n in $(seq 1 "$nodes"); do start_node "$n"; done
if [ "$nodes" -gt 1 ]; then
  command -v haproxy >/dev/null || { echo "haproxy is missing (Debian: apt-get install haproxy)" >&2; exit 1; }
  {
    printf 'global\n    maxconn 4096\ndefaults\n    mode http\n    timeout connect 2s\n    timeout client 60s\n    timeout server 60s\n'
    printf 'frontend fleet\n    bind 127.0.0.1:%d\n    default_backend nodes\nbackend nodes\n    balance roundrobin\n' "$port"
    printf '    http-reuse always\n    option httpchk GET /health/ready\n    http-check expect status 200\n    timeout check 5s\n    default-server inter 1s\n'
    for n in $(seq 1 "$nodes"); do printf '    server node%d 127.0.0.1:%d check\n' "$n" $((port + n)); done
  } > "$work/haproxy.cfg"
  haproxy -db -f "$work/haproxy.cfg" > "$work/haproxy.log" 2>&1 &
  balancer_pid=$!
  sleep 1
  echo "$nodes clustered nodes behind HAProxy on port $port"
fi
base="http://127.0.0.1:$port"

# An admin token (the bootstrap admin must change its password first).
jar="$work/cookies"
login="$(curl -s -c "$jar" -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench-Bootstrap-2026"}' "$base/admin/api/session/login")"
csrf="$(printf '%s' "$login" | grep -oE '"csrf_token":"[^"]+"' | cut -d'"' -f4)"
curl -s -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"current_password":"bench-Bootstrap-2026","new_password":"bench-Rotated-2026!"}' "$base/admin/api/session/password" >/dev/null
token="$(curl -s -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"label":"bench","role":"admin","expires_in_days":1}' "$base/admin/api/api-tokens" | grep -oE '"secret":"[^"]+"' | cut -d'"' -f4)"
admin() { curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

# The canonical auth and the fleet.
last_refresh="$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%S.000000000Z)"
upload="$(admin -d "{\"auth\":{\"last_refresh\":\"$last_refresh\",\"auths\":{\"api.openai.com\":{\"token\":\"sk-bench-token-0123456789abcdefXYZ\"}}}}" "$base/admin/api/auth/upload")"
digest="$(printf '%s' "$upload" | grep -oE '"canonical_digest":"[0-9a-f]{64}"' | cut -d'"' -f4)"
: > "$work/keys.txt"
for i in $(seq 1 "$hosts"); do
  registered="$(admin -d "{\"fqdn\":\"bench-$i.fleet.test\"}" "$base/admin/api/hosts/register")"
  printf '%s' "$registered" | grep -oE '"api_key":"[0-9a-f]{64}"' | cut -d'"' -f4 >> "$work/keys.txt" \
    || { echo "registering host $i failed: $registered" >&2; exit 1; }
done
echo "fleet: $(wc -l < "$work/keys.txt") hosts, canonical digest ${digest:0:12}"

case "$scenario" in
  auth-retrieve)
    export BENCH_PATH=/auth BENCH_EXPECT='"status":"valid"'
    printf '{"command":"retrieve","digest":"%s","last_refresh":"%s","client_version":"0.63.0","wrapper_version":"2026.11.23-01"}' \
      "$digest" "$last_refresh" > "$work/body.json" ;;
  config-retrieve)
    export BENCH_PATH=/config/retrieve BENCH_EXPECT='"status":"unchanged"'
    admin -d '{"settings":{"model":"gpt-5.1-codex","approval_policy":"on-request","sandbox_mode":"workspace-write",
      "profiles":[{"name":"fast","model":"gpt-5.1-codex-mini"}],"mcp_servers":[{"name":"docs","url":"https://docs.example/mcp"}]}}' \
      "$base/admin/api/config/store" > /dev/null
    baked="$(curl -s -H "X-API-Key: $(head -n 1 "$work/keys.txt")" -H 'Accept: text/plain' -d '{}' "$base/config/retrieve" \
      | sed -n 's/^data.sha256=//p')"
    printf '{"sha256":"%s"}' "$baked" > "$work/body.json"
    echo "config.toml baked sha ${baked:0:12}" ;;
  usage-ingest)
    entries="${ENTRIES:-50}"
    export BENCH_PATH=/usage BENCH_EXPECT="\"recorded\":$entries"
    # What a host posts after a busy session: ENTRIES token-usage lines of two models.
    awk -v n="$entries" 'BEGIN {
      printf "{\"usages\":["
      for (i = 1; i <= n; i++) {
        input = 1000 + i; output = 234 + i
        printf "%s{\"total\":%d,\"input\":%d,\"output\":%d,\"cached\":200,\"reasoning\":%d,\"model\":\"%s\",", (i > 1 ? "," : ""), input + output, input, output, i, (i % 2 ? "gpt-5.1" : "gpt-5.1-codex")
        printf "\"line\":\"Token usage: total=%d input=%d (+ 200 cached) output=%d (reasoning %d)\"}", input + output, input, output, i
      }
      printf "]}"
    }' > "$work/body.json"
    echo "$entries usage entries per request" ;;
  mcp-search|mcp-store)
    # One MCP session per host, opened like a client does.
    : > "$work/sessions.txt"
    while read -r key; do
      session="$(curl -s -D - -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
        -H 'Accept: application/json, text/event-stream' \
        -d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
        "$base/mcp" | tr -d '\r' | sed -n 's/^[Mm]cp-[Ss]ession-[Ii]d: //p')"
      printf '%s %s\n' "$key" "$session" >> "$work/sessions.txt"
    done < "$work/keys.txt"
    memories="${MEMORIES:-1000}"
    if [ "$scenario" = mcp-search ]; then
      # MEMORIES memories spread over the fleet, written straight into the database (the FULLTEXT index included).
      mariadb --protocol=tcp -h"$db_host" -P"$db_port" -uroot "$db" -e "
        INSERT INTO mcp_memories (host_id, memory_key, content, tags, tags_text, created_at, updated_at)
        SELECT h.id, CONCAT('seed-', s.seq), CONCAT('note ', s.seq, ' about ',
               ELT(1 + s.seq % 8, 'deploy', 'cluster', 'database', 'rollback', 'latency', 'queue', 'certificate', 'migration'),
               ' and ', ELT(1 + (s.seq DIV 8) % 7, 'alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'),
               ' in service ', s.seq % 97),
               '[\"seed\"]', 'seed', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00'
        FROM seq_0_to_$((memories - 1)) s JOIN hosts h ON h.id = (SELECT MIN(id) FROM hosts) + s.seq % $hosts;"
    fi
    export BENCH_TOOL="memory_${scenario#mcp-}" BENCH_SCRIPT=mcp-as-hosts.lua
    echo "$(wc -l < "$work/sessions.txt") MCP sessions, $(mariadb --protocol=tcp -h"$db_host" -P"$db_port" -uroot -N -e "SELECT COUNT(*) FROM $db.mcp_memories") memories" ;;
  person-auth)
    # A person of workspace "bench" signs in with a dev-mode session token; the workspace is made active and the
    # person mints one install token.
    person="clerk-dev:bench-user:bench:http://127.0.0.1:$port"
    me="$(curl -s -H "Authorization: Bearer $person" "$base/api/v1/me")"
    workspace="$(admin "$base/admin/api/workspaces" | jq -r '.data.workspaces[] | select(.slug == "bench") | .id')"
    [ -n "$workspace" ] || { echo "the person did not sign in: $me" >&2; exit 1; }
    admin -X PUT -d '{"status":"active"}' "$base/admin/api/workspaces/$workspace/entitlement" > /dev/null
    person_token="$(curl -s -H "Authorization: Bearer $person" -H 'Content-Type: application/json' -d '{"label":"bench"}' \
      "$base/api/v1/llm-tokens" | jq -r '.data.token // empty')"
    [ -n "$person_token" ] || { echo "could not mint an install token" >&2; exit 1; }
    cp "$here/get-as-people.lua" "$here/fixed-rate.lua" "$work/"
    cd "$work"
    export BENCH_RATE="${RATE:-500}" BENCH_CONNECTIONS="$connections"
    echo "warm-up (${WARMUP:-90} s, both kinds of request)"
    BENCH_BEARER="$person_token" BENCH_STATUS=200 wrk -t2 -c"$connections" -d"$(( ${WARMUP:-90} / 2 ))s" -s get-as-people.lua "$base" > /dev/null
    BENCH_BEARER="" BENCH_STATUS=401 wrk -t2 -c"$connections" -d"$(( ${WARMUP:-90} / 2 ))s" -s get-as-people.lua "$base" > /dev/null
    echo "== without a bearer (401), ${BENCH_RATE} req/s"
    BENCH_BEARER="" BENCH_STATUS=401 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s get-as-people.lua "$base"
    echo "== with an install token (200), ${BENCH_RATE} req/s"
    BENCH_BEARER="$person_token" BENCH_STATUS=200 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s get-as-people.lua "$base"
    exit 0 ;;
  invalidation)
    # The kill switch thrown through node 1's admin API, then node 2 asked until it refuses: the delay a fleet sees.
    [ "$nodes" -gt 1 ] || { echo "invalidation needs NODES=2 or more" >&2; exit 2; }
    key="$(head -n 1 "$work/keys.txt")"
    node_admin() { curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
    for round in $(seq 1 "${ROUNDS:-20}"); do
      curl -s -o /dev/null -H "X-API-Key: $key" "http://127.0.0.1:$((port + 2))/slash-commands"
      start="$(date +%s%N)"
      acknowledged="$(node_admin -d '{"disabled":true}' "http://127.0.0.1:$((port + 1))/admin/api/state")"
      until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $key" "http://127.0.0.1:$((port + 2))/slash-commands")" = 503 ]; do :; done
      refused="$(( ($(date +%s%N) - start) / 1000 ))"
      node_admin -d '{"disabled":false}' "http://127.0.0.1:$((port + 1))/admin/api/state" > /dev/null
      printf 'round %2d: admin answered after %s s, node 2 refused %d us after the change was sent\n' "$round" "$acknowledged" "$refused"
    done
    exit 0 ;;
  host-api)
    cp "$here/post-as-hosts.lua" "$here/fixed-rate.lua" "$work/"
    cd "$work"
    server_ready_ms="$ready_ms"
    server_hosts_ready_ms="$hosts_ready_ms"
    printf '{"command":"retrieve","digest":"%s","last_refresh":"%s","client_version":"0.63.0","wrapper_version":"2026.11.23-01"}' \
      "$digest" "$last_refresh" > auth.json
    admin -d '{"settings":{"model":"gpt-5.1-codex","approval_policy":"on-request"}}' "$base/admin/api/config/store" > /dev/null
    printf '{"sha256":"%s"}' "$(curl -s -H "X-API-Key: $(head -n 1 keys.txt)" -H 'Accept: text/plain' -d '{}' "$base/config/retrieve" \
      | sed -n 's/^data.sha256=//p')" > config.json
    printf '{"usages":[{"total":1434,"input":1200,"output":234,"cached":200,"reasoning":12,"model":"gpt-5.1-codex","line":"Token usage: total=1434 input=1200 (+ 200 cached) output=234 (reasoning 12)"}]}' > usage.json
    : > empty.json
    # load NAME METHOD PATH BODY EXPECT SECONDS CONNECTIONS [RATE]: one wrk run as the fleet; its output in wrk-NAME.txt.
    load() {
      local threads=2
      [ "$7" -lt 2 ] && threads=1
      BENCH_METHOD="$2" BENCH_PATH="$3" BENCH_BODY="$4" BENCH_EXPECT="$5" BENCH_RATE="${8:-0}" BENCH_CONNECTIONS="$7" \
        wrk -t"$threads" -c"$7" -d"$6s" --latency -s post-as-hosts.lua "$base" > "wrk-$1.txt"
    }
    # Milliseconds of wrk's latency percentile P ("50%" or "99%") in wrk-NAME.txt, and its request rate.
    percentile() { wrk_percentile "wrk-$1.txt" "$2"; }
    rate_of() { wrk_rate "wrk-$1.txt"; }
    rss_mb() { ps -o rss= -p "$1" | awk '{ printf "%d", $1 / 1024 }'; }
    seconds() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }
    routes=("auth POST /auth auth.json \"status\":\"valid\""
            "versions GET /versions empty.json \"status\":\"ok\""
            "config POST /config/retrieve config.json \"status\":\"unchanged\""
            "slash GET /slash-commands empty.json \"status\":\"ok\""
            "usage POST /usage usage.json \"recorded\":1")
    warmup="${WARMUP:-90}"
    echo "warm-up (${warmup} s over the five routes)"
    for route in "${routes[@]}"; do
      read -r name method path body expect <<< "$route"
      load "warm-$name" "$method" "$path" "$body" "$expect" $(( warmup / 5 )) "$connections"
    done
    {
      echo "| measure | value |"
      echo "|---|---|"
      echo "| ready after start (external MariaDB): hosts served / admin too | $(seconds "$server_hosts_ready_ms") / $(seconds "$server_ready_ms") |"
      for route in "${routes[@]}"; do
        read -r name method path body expect <<< "$route"
        load "$name" "$method" "$path" "$body" "$expect" "$seconds" "$connections"
        echo "| \`$method $path\`, $connections connections | $(rate_of "$name") req/s, p50 $(percentile "$name" 50%) ms, p99 $(percentile "$name" 99%) ms |"
      done
      echo "| resident memory under load (JVM) | $(rss_mb "${server_pids[0]}") MB |"
      for fixed in 300 1000; do
        load "auth-$fixed" POST /auth auth.json '"status":"valid"' "$seconds" "$connections" "$fixed"
        echo "| \`POST /auth\` at a fixed $fixed req/s | p50 $(percentile "auth-$fixed" 50%) ms, p99 $(percentile "auth-$fixed" 99%) ms ($(rate_of "auth-$fixed") req/s) |"
      done
      load versions-1 GET /versions empty.json '"status":"ok"' "$seconds" 1
      echo "| \`GET /versions\`, 1 connection | p50 $(percentile versions-1 50%) ms, p99 $(percentile versions-1 99%) ms ($(rate_of versions-1) req/s) |"
      sleep 15
      echo "| resident memory at rest after the load (JVM) | $(rss_mb "${server_pids[0]}") MB |"
      kill "${server_pids[0]}"; wait "${server_pids[0]}" 2>/dev/null || true
      # The one-command run: no DB_URL, so the launcher starts its embedded MariaDB (the data dir may not be in /tmp).
      data_dir="$HOME/.codex-auth-bench-$$"
      rm -rf "$data_dir"
      launched="$(date +%s%N)"
      JAVA_OPTS="${EMBEDDED_JAVA_OPTS:-}" DATA_DIR="$data_dir" PORT=$((port + 50)) ADMIN_BOOTSTRAP_PASSWORD='bench-Bootstrap-2026' "$dist/bin/codex-auth-central" > embedded.log 2>&1 &
      embedded_pid=$!
      embedded_hosts_ready_ms=''
      until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((port + 50))/admin/api/session")" = 401 ]; do
        if [ -z "$embedded_hosts_ready_ms" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((port + 50))/health/ready")" = 200 ]; then
          embedded_hosts_ready_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
        fi
        sleep 0.1
        kill -0 "$embedded_pid" 2>/dev/null || { echo "| one-command run | did not start, embedded.log says why |"; break; }
      done
      embedded_ready_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
      embedded_hosts_ready_ms="${embedded_hosts_ready_ms:-$embedded_ready_ms}"
      sleep 15
      mariadbd_pid="$(pgrep -f -- "--datadir=$data_dir" | head -n 1 || true)"
      echo "| ready after start (one command, fresh embedded MariaDB): hosts served / admin too | $(seconds "$embedded_hosts_ready_ms") / $(seconds "$embedded_ready_ms") |"
      echo "| resident memory at rest (one command): JVM / embedded MariaDB | $(rss_mb "$embedded_pid") MB / $( [ -n "$mariadbd_pid" ] && rss_mb "$mariadbd_pid" || echo '?') MB |"
      kill "$embedded_pid"; wait "$embedded_pid" 2>/dev/null || true
      rm -rf "$data_dir"
    } | tee "${BENCH_TABLE:-/tmp/codex-auth-host-api.md}"
    exit 0 ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac
cp "$here/post-as-hosts.lua" "$here/mcp-as-hosts.lua" "$here/fixed-rate.lua" "$work/"
script="${BENCH_SCRIPT:-post-as-hosts.lua}"

cd "$work"
# On two cores the JIT compiles while the load runs; throughput keeps rising for a minute or two.
warmup="${WARMUP:-90}"
echo "warm-up (${warmup} s)"
wrk -t2 -c"$connections" -d"${warmup}s" -s "$script" "$base" > /dev/null
export BENCH_RATE="${RATE:-0}" BENCH_CONNECTIONS="$connections"
echo "measured run (${seconds} s, ${connections} connections${RATE:+, fixed rate $RATE req/s})"
usage_rows() { mariadb --protocol=tcp -h"$db_host" -P"$db_port" -uroot -N -e "SELECT COUNT(*) FROM $db.token_usages"; }
before="$(usage_rows)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" "$base"
if [ "$scenario" = usage-ingest ]; then
  after="$(usage_rows)"
  echo "usage rows stored in the measured run: $((after - before)), $(( (after - before) / seconds )) rows/s"
fi
for pid in "${server_pids[@]}"; do echo "server RSS after the run: $(ps -o rss= -p "$pid" | awk '{printf "%d MB", $1/1024}')"; done
if [ -n "${BENCH_HOLD:-}" ]; then echo "holding the server on port $port for $BENCH_HOLD s"; cp keys.txt body.json sessions.txt post-as-hosts.lua mcp-as-hosts.lua fixed-rate.lua /tmp/ 2>/dev/null || true; sleep "$BENCH_HOLD"; fi
