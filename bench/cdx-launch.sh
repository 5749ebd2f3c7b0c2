#!/usr/bin/env bash
# What a person waits for when they start `cdx` on a host that is in step with the server (docs/performance.md, "The
# wrapper's own cost on a host"), not a timed test: the wrapper baked for the wrapper tests' stub host API served over
# TLS, reached through a proxy that holds every chunk for half a round trip each way, as a server across a network
# would. Prints, per round trip, the median and slowest of RUNS launches and the curl processes of one launch.
#   bench/cdx-launch.sh [runs=9] [round trips in ms...=0 20 60]
# BENCH_BASELINE=<git revision> measures the wrapper of that revision too, each launch alternating with this one.
# BENCH_FETCH=<n>: the server lists n prompts the host lacks, so that every launch is a first sync of them.
# A round trip of "silent" is a server that never answers (a socket whose accept queue is full, as behind a firewall
# that drops the packets): the host has a fresh cached auth.json, and Codex prints a usage line to report at exit.
# The proxy cannot delay TCP's own handshake (the kernel answers it), so a new connection costs one round trip less
# here than on a network. Needs node, openssl, curl.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$here/.."
runs="${1:-9}"
shift || true
round_trips=("$@")
((${#round_trips[@]} > 0)) || round_trips=(0 20 60)
work="$(mktemp -d)"
pids=()
cleanup() {
  ((${#pids[@]} == 0)) || kill "${pids[@]}" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# wait_for_file FILE: until a starting node process wrote its port there (10 s at most).
wait_for_file() {
  local _
  for _ in $(seq 200); do [[ -s $1 ]] && return 0; sleep 0.05; done
  echo "no port in $1" >&2
  return 1
}

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

# The stub's answers: a host in step, nothing to fetch.
mkdir -p "$work/stub/routes"
route() { printf '%s\n\n%s' "$2" "$3" >"$work/stub/routes/$1"; }
route POST_host_users 200 $'status=ok\ndata.users.#=1\ndata.users.0.username=someone\n'
route POST_claude_retrieve 200 $'status=ok\ndata.status=unchanged\n'
fetch="${BENCH_FETCH:-0}"
listing="status=ok"$'\n'"data.commands.#=$fetch"$'\n'
prompt_sha=$(printf 'Review the change\n' | sha256sum | cut -d' ' -f1)
for ((i = 0; i < fetch; i++)); do
  listing+="data.commands.$i.filename=p$i.md"$'\n'"data.commands.$i.sha256=$prompt_sha"$'\n'
done
route GET_slash-commands 200 "$listing"
route POST_slash-commands_retrieve 200 $'status=ok\ndata.status=updated\ndata.prompt=Review the change\\n\n'
route GET_skills 200 $'status=ok\ndata.skills.#=0\n'
route POST_agents_retrieve 200 $'status=ok\ndata.status=unchanged\n'
route POST_config_retrieve 200 $'status=ok\ndata.status=unchanged\n'
route POST_usage 200 $'status=ok\ndata.recorded=1\n'
STUB_TLS_CERT="$work/cert.pem" STUB_TLS_KEY="$work/key.pem" node "$repo/wrapper/test/stub-server.js" "$work/stub" &
pids+=($!)
wait_for_file "$work/stub/port"

# One delaying proxy per round trip.
cat >"$work/proxy.js" <<'PROXY'
'use strict';
const net = require('net');
const fs = require('fs');
const [target, oneWay, portFile] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const later = (fn) => (oneWay > 0 ? setTimeout(fn, oneWay) : setImmediate(fn));
net.createServer((client) => {
  const server = net.connect(target, '127.0.0.1');
  // As the ends do (curl, Grizzly): no Nagle delay on the proxy's own writes either.
  client.setNoDelay(true);
  server.setNoDelay(true);
  for (const [from, to] of [[client, server], [server, client]]) {
    from.on('data', (chunk) => later(() => to.write(chunk)));
    from.on('end', () => later(() => to.end()));
    from.on('error', () => to.destroy());
  }
}).listen(0, '127.0.0.1', function () { fs.writeFileSync(portFile, String(this.address().port)); });
PROXY
cat >"$work/silent.py" <<'SILENT'
import socket, sys, time
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen(0)
# Connections that fill the accept queue, never accepted: a new one then waits out its connect timeout.
fillers = [socket.socket() for _ in range(3)]
for filler in fillers:
    filler.setblocking(False)
    try:
        filler.connect(server.getsockname())
    except BlockingIOError:
        pass
open(sys.argv[1], 'w').write(str(server.getsockname()[1]))
time.sleep(86400)
SILENT
declare -A proxy_port=()
for rtt in "${round_trips[@]}"; do
  if [[ $rtt == silent ]]; then
    python3 "$work/silent.py" "$work/proxy-$rtt" &
    pids+=($!)
    wait_for_file "$work/proxy-$rtt"
    proxy_port[$rtt]=$(<"$work/proxy-$rtt")
    continue
  fi
  node "$work/proxy.js" "$(<"$work/stub/port")" $((rtt / 2)) "$work/proxy-$rtt" &
  pids+=($!)
  wait_for_file "$work/proxy-$rtt"
  proxy_port[$rtt]=$(<"$work/proxy-$rtt")
done

# A host: a key, a stand-in codex, and a curl that counts its runs.
export HOME="$work/home" CODEX_SKIP_MOTD=1 CDX_SYSTEM_BIN_DIR="$work/none" CDX_CODEX_OPT_DIR="$work/none"
export CDX_SYSTEM_CONFIG_DIR="$work/none"
mkdir -p "$HOME/.config/cdx" "$work/bin"
printf '%064d\n' 7 >"$HOME/.config/cdx/api-key"
chmod 600 "$HOME/.config/cdx/api-key"
# shellcheck disable=SC2016 # the stand-in codex is written as it reads
printf '#!/bin/sh\n[ "$1" = -V ] && echo "codex-cli 0.169.0"\n[ -n "$BENCH_USAGE_LINE" ] && echo "Token usage: total=10 input=8 output=2"\nexit 0\n' >"$work/bin/codex"
printf '#!/bin/sh\necho run >>"%s"\nexec %s "$@"\n' "$work/curl-runs" "$(command -v curl)" >"$work/bin/curl"
chmod 755 "$work/bin/codex" "$work/bin/curl"
export PATH="$work/bin:$PATH"

# bake NAME REVISION RTT: the wrapper of REVISION (the working tree when empty) for the proxy of RTT.
bake() {
  local assembled="$work/$1.assembled"
  if [[ ! -s $assembled ]]; then
    if [[ -z $2 ]]; then
      "$repo/wrapper/assemble" >"$assembled"
    else
      mkdir -p "$work/$1.tree"
      git -C "$repo" archive "$2" wrapper | tar -x -C "$work/$1.tree"
      "$work/$1.tree/wrapper/assemble" >"$assembled"
    fi
  fi
  sed -e "s|__CODEX_SYNC_BASE_URL__|https://127.0.0.1:${proxy_port[$3]}|" -e 's|__CODEX_SYNC_API_KEY__||' \
    -e 's|__CODEX_SYNC_FQDN__|bench.fleet|' -e 's|__CODEX_HOST_SECURE__|1|' -e 's|__CODEX_FORCE_IPV4__|0|' \
    -e 's|__CODEX_INSTALLATION_ID__|bench-installation|' -e 's|__CODEX_SILENT__|1|' \
    -e 's|__CODEX_SYNC_ALLOW_INSECURE__|0|' -e "s|__CODEX_SYNC_CA_FILE__|$work/cert.pem|" "$assembled" >"$work/$1.cdx"
  chmod 755 "$work/$1.cdx"
  # Every launch of this host is in step: /auth answers with this wrapper's own version and digest.
  printf '200\n\n%s' "status=ok
data.status=valid
data.local_auth=valid
data.host.secure=true
data.cdx_silent=true
data.quota_hard_fail=false
data.versions.installation_id=bench-installation
data.versions.wrapper_version=$(sed -n 's/^WRAPPER_VERSION="\(.*\)"$/\1/p' "$work/$1.cdx")
data.versions.wrapper_sha256=$(sha256sum "$work/$1.cdx" | cut -d' ' -f1)
" >"$work/stub/routes/POST_auth"
}

# launch NAME RTT: one launch, its wall time in ms on stdout.
launch() {
  local started ended
  rm -rf "$HOME/.codex/prompts" "$HOME/.codex/.prompt-baseline.json"
  local -a usage=()
  if [[ $2 == silent ]]; then
    printf '{"tokens":{"access_token":"a"},"last_refresh":"%s"}\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$HOME/.codex/auth.json"
    usage=(BENCH_USAGE_LINE=1)
  fi
  started=$(date +%s%N)
  env ${usage[@]+"${usage[@]}"} "$work/$1.cdx" exec hi >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  ended=$(date +%s%N)
  echo $(((ended - started) / 1000000))
}

# summary TIMES...: median and slowest.
summary() {
  local -a sorted
  mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
  printf 'median %4d ms, slowest %4d ms' "${sorted[$((${#sorted[@]} / 2))]}" "${sorted[-1]}"
}

declare -A curls=()
builds=(current)
[[ -n ${BENCH_BASELINE-} ]] && builds=(baseline current)
for rtt in "${round_trips[@]}"; do
  declare -A times=()
  for build in "${builds[@]}"; do times[$build]=''; done
  first=0
  # A warm-up launch first (page cache, the host's files), except against a silent server, where each takes seconds.
  [[ $rtt == silent ]] && first=1
  for ((run = first; run <= runs; run++)); do
    for build in "${builds[@]}"; do
      revision=''
      [[ $build == baseline ]] && revision=$BENCH_BASELINE
      bake "$build" "$revision" "$rtt"
      : >"$work/curl-runs"
      took=$(launch "$build" "$rtt")
      ((run == 0)) || times[$build]+="$took "
      curls[$build]=$(wc -l <"$work/curl-runs")
    done
  done
  for build in "${builds[@]}"; do
    label="round trip $rtt ms"
    [[ $rtt == silent ]] && label="silent server"
    # shellcheck disable=SC2086 # the times are words
    printf '%-18s %-8s (%d curl runs): %s\n' "$label," "$build" "${curls[$build]}" "$(summary ${times[$build]})"
  done
done
