# Shared set-up of the wrapper's unit tests: a stub host API (stub-server.js), a private HOME, a stand-in codex
# that records how it was called, and a copy of cdx baked for the stub the way the server bakes it.
# setup_suite.bash starts one stub for the whole run and lays out the files every test starts with (host_skeleton):
# a test then costs two processes to set up instead of a dozen and a node start. Without it (bats before 1.7 does not
# run it) or with STUB_TLS_CERT set, a test starts a stub of its own.

WRAPPER_ASSEMBLE="$BATS_TEST_DIRNAME/../assemble"
TEST_KEY=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
TEST_INSTALLATION_ID=inst-0001
# A base URL where nothing listens: the server is unreachable.
UNREACHABLE_URL=http://127.0.0.1:9

setup_host() {
  export HOME="$BATS_TEST_TMPDIR/home"
  export CDX_SYSTEM_BIN_DIR="$BATS_TEST_TMPDIR/system-bin"
  export CDX_CODEX_OPT_DIR="$BATS_TEST_TMPDIR/opt-codex"
  export CDX_SYSTEM_CONFIG_DIR="$BATS_TEST_TMPDIR/etc-cdx"
  export CODEX_DIR_UNDER_TEST="$HOME/.codex"
  export FAKE_CODEX_LOG="$BATS_TEST_TMPDIR/codex-args" FAKE_NPM_LOG="$BATS_TEST_TMPDIR/npm-calls"
  FAKE_BIN="$BATS_TEST_TMPDIR/fake-bin"
  CDX="$BATS_TEST_TMPDIR/bin/cdx"
  export PATH="$FAKE_BIN:$BATS_TEST_TMPDIR/bin:$PATH"
  unset CDX_API_KEY_FILE XDG_CONFIG_HOME CODEX_HOME CODEX_SILENT CODEX_DEBUG CODEX_WRAPPER_RESTARTED CDX_OFFLINE_MAX_AGE_HOURS CODEX_HOST_MODEL CODEX_HOST_REASONING_EFFORT
  export CODEX_SKIP_MOTD=1
  if [[ -n ${SHARED_STUB_URL-} && -z ${STUB_TLS_CERT-} ]]; then
    STUB_STATE="$SHARED_STUB_ROOT/$BATS_SUITE_TEST_NUMBER"
    STUB_URL="$SHARED_STUB_URL/$BATS_SUITE_TEST_NUMBER"
    mkdir -p "$STUB_STATE/routes"
    cp -a "$HOST_SKELETON/." "$BATS_TEST_TMPDIR/"
  else
    STUB_STATE="$BATS_TEST_TMPDIR/stub"
    mkdir -p "$STUB_STATE/routes"
    host_skeleton "$BATS_TEST_TMPDIR"
    start_stub
  fi
  bake_cdx
}

# host_skeleton DIR: what a test host starts with, under DIR: an empty HOME holding the host key where the installer
# puts it for a per-user install, the stand-in codex and npm, an executable file for the baked cdx.
host_skeleton() {
  mkdir -p "$1/home/.config/cdx" "$1/fake-bin" "$1/bin" "$1/system-bin"
  (umask 077 && printf '%s\n' "$TEST_KEY" >"$1/home/.config/cdx/api-key")
  fake_codex "$1/fake-bin/codex"
  fake_npm "$1/fake-bin/npm"
  : >"$1/bin/cdx"
  chmod 755 "$1/fake-bin/codex" "$1/fake-bin/npm" "$1/bin/cdx"
}

teardown_host() {
  [[ -n ${STUB_PID-} ]] && kill "$STUB_PID" 2>/dev/null || true
}

# wait_for_port DIR TRIES: until a starting stub-server.js has written DIR/port, TRIES times 0.05 s at most.
wait_for_port() {
  local _
  for _ in $(seq 1 "$2"); do
    [[ -s $1/port ]] && return 0
    sleep 0.05
  done
  [[ -s $1/port ]]
}

start_stub() {
  node "$BATS_TEST_DIRNAME/stub-server.js" "$STUB_STATE" &
  STUB_PID=$!
  wait_for_port "$STUB_STATE" 100
  local scheme=http
  [[ -n ${STUB_TLS_CERT-} ]] && scheme=https
  STUB_URL="$scheme://127.0.0.1:$(<"$STUB_STATE/port")"
}

# bake_cdx [TOKEN=VALUE ...]: the wrapper as the server renders it for this test host (no key in the script).
# The parts are joined once per bats run and the tokens replaced by one sed: a shell replacement over the whole
# script took half a second of every test (and a loop over its lines longer still, under bats' debug trap).
bake_cdx() {
  local -A values=(
    [__CODEX_SYNC_BASE_URL__]=$STUB_URL [__CODEX_SYNC_API_KEY__]= [__CODEX_SYNC_FQDN__]=test.fleet
    [__CODEX_HOST_SECURE__]=1 [__CODEX_FORCE_IPV4__]=0 [__CODEX_INSTALLATION_ID__]=$TEST_INSTALLATION_ID
    [__CODEX_SILENT__]=0 [__CODEX_SYNC_ALLOW_INSECURE__]=0 [__CODEX_SYNC_CA_FILE__]=''
  )
  local assembled="$BATS_RUN_TMPDIR/cdx.assembled" pair value
  local -a replacements=()
  if [[ ! -s $assembled ]]; then
    local part="$assembled.$BASHPID"
    "$WRAPPER_ASSEMBLE" >"$part"
    mv -f "$part" "$assembled"
  fi
  for pair in "$@"; do values[${pair%%=*}]=${pair#*=}; done
  for pair in "${!values[@]}"; do
    value=${values[$pair]//\\/\\\\}
    value=${value//&/\\&}
    replacements+=(-e "s|$pair|${value//|/\\|}|g")
  done
  sed "${replacements[@]}" "$assembled" >"$CDX"
  [[ -x $CDX ]] || chmod 755 "$CDX"
}

wrapper_version() { sed -n 's/^WRAPPER_VERSION="\(.*\)"$/\1/p' "$CDX"; }

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

# fake_codex FILE: a codex that records its arguments and environment, prints a token-usage line and exits with
# FAKE_CODEX_EXIT.
fake_codex() {
  cat >"$1" <<'CODEX'
#!/usr/bin/env bash
if [[ ${1-} == -V ]]; then echo "codex-cli ${FAKE_CODEX_VERSION:-0.169.0}"; exit 0; fi
printf '%s\n' "$@" >>"$FAKE_CODEX_LOG"
printf 'call\n' >>"$FAKE_CODEX_LOG.calls"
printf '%s\n' "${CDX_MCP_BEARER_TOKEN-unset}" >"$FAKE_CODEX_LOG.bearer"
env | grep -E '^(OTEL_|CODEX_OTEL_)' | sort >"$FAKE_CODEX_LOG.otel" || true
[[ -n ${FAKE_CODEX_RUN-} ]] && eval "$FAKE_CODEX_RUN"
[[ ${FAKE_CODEX_USAGE_LINE-1} == 1 ]] && printf '\e[1mToken usage: total=1,234 input=1,000 (+ 200 cached) output=234 (reasoning 100)\e[0m\n'
exit "${FAKE_CODEX_EXIT:-0}"
CODEX
}

# fake_npm FILE: an npm that records its calls and has a global @openai/codex only when FAKE_NPM_HAS_CODEX=1: the
# machine's own npm takes half a second of CPU per call, and cdx --uninstall run by root would remove the machine's
# global Codex.
fake_npm() {
  cat >"$1" <<'NPM'
#!/usr/bin/env bash
printf '%s\n' "$*" >>"$FAKE_NPM_LOG"
[[ $* == "list -g @openai/codex" ]] && exit $((${FAKE_NPM_HAS_CODEX:-0} == 1 ? 0 : 1))
exit 0
NPM
}

codex_calls() { [[ -f $FAKE_CODEX_LOG.calls ]] && wc -l <"$FAKE_CODEX_LOG.calls" || echo 0; }

# route NAME STATUS [BODY]: how the stub answers; NAME like POST_auth or POST_auth.2 (second call).
route() {
  printf '%s\n\n%s' "$2" "${3-}" >"$STUB_STATE/routes/$1"
}

# auth_answer STATUS [extra lines]: an /auth answer in the line format, current wrapper announced.
auth_answer() {
  local status=$1
  shift
  printf '%s\n' status=ok "data.status=$status" data.local_auth=valid data.host.secure=true data.host.vip=false \
    data.cdx_silent=false data.quota_hard_fail=true data.quota_limit_percent=100 data.quota_week_partition=0 \
    data.api_calls=7 data.token_usage_month.total=4321 "data.versions.installation_id=$TEST_INSTALLATION_ID" \
    "data.versions.wrapper_version=$(wrapper_version)" "data.versions.wrapper_sha256=$(sha_of "$CDX")" \
    data.versions.wrapper_url=/wrapper/download "$@"
}

canonical_auth() {
  local refreshed=${1:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
  printf '{\n  "OPENAI_API_KEY": null,\n  "tokens": {\n    "access_token": "access-%s"\n  },\n  "last_refresh": "%s"\n}\n' "$refreshed" "$refreshed"
}

# Empty answers for every artifact route, so a run only shows what a test sets up.
quiet_artifacts() {
  route GET_slash-commands 200 $'status=ok\ndata.commands.#=0\n'
  route GET_skills 200 $'status=ok\ndata.skills.#=0\n'
  route POST_agents_retrieve 200 $'status=ok\ndata.status=missing\n'
  route POST_config_retrieve 200 $'status=ok\ndata.status=missing\n'
  route POST_host_users 200 $'status=ok\ndata.users.#=1\ndata.users.0.username=someone\n'
  route POST_usage 200 $'status=ok\ndata.recorded=1\ndata.total=1234\ndata.input=1000\ndata.output=234\n'
}

requests() { cat "$STUB_STATE/requests.log" 2>/dev/null || true; }

request_count() { requests | grep -c "\"path\":\"$1\"" || true; }

# The JSON body of the n-th (from 1) request to PATH.
request_body() {
  requests | grep "\"path\":\"$1\"" | sed -n "${2:-1}p" | sed 's/.*"body":"\(.*\)"}$/\1/' | sed 's/\\"/"/g'
}

# Every test runs as a fresh host with its own stub server; a file may add to setup by defining its own.
setup() {
  setup_host
  quiet_artifacts
}

teardown() {
  teardown_host
}
