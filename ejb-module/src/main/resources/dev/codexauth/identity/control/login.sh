#!/usr/bin/env bash
# Codex Auth Central: enrol this host by signing in in the browser, no admin-issued link needed. Run as the user who
# will use Codex (or as root):  curl -fsSL <server>/install/login | bash
# It starts a browser sign-in (prints the address, opens it when a display is there), waits for the approval,
# registers this host for the signed-in person (POST /api/v1/hosts/enroll) and runs the one-time installer the server
# returns. TLS is always verified. Every failure prints `cdx login: error: <reason>` and exits non-zero, also under
# curl | bash (nothing runs before the last line has arrived). docs/cdx.md "Enrolling a host by signing in".
# Settings (environment):
#   CDX_FQDN                             this host's name for the server (default: hostname -f)
#   CDX_CA_FILE                          the CA bundle of a server with a private CA (also used by the installer)
#   CDX_NO_BROWSER=1 (or --no-browser)   only print the sign-in address
#   XO_AUTH_SESSION_ID + XO_POLL_TOKEN   a sign-in started elsewhere (headless boots): poll and consume it
#   CDX_SIGNIN_TOKEN_FILE                where the sign-in token is kept (default ~/.config/cdx/signin-token, 0600)
# Exit codes: 1 usage or local problem, 3 sign-in expired (run again), 4 refused (poll token, already used, scope,
# host already registered), 5 server unreachable, 6 server error, 7 the installer failed.
set -Eeuo pipefail

BASE_URL=__CODEX_AUTH_BASE_URL__

fail() {
  local code=$1
  shift
  printf 'cdx login: error: %s\n' "$*" >&2
  exit "$code"
}
info() { printf 'cdx login: %s\n' "$*" >&2; }

on_unexpected_error() { fail 1 "step failed unexpectedly (line $1, exit $2)"; }

setup() {
  umask 077
  workdir=$(mktemp -d)
  trap 'rm -rf "$workdir"' EXIT
  trap 'on_unexpected_error "$LINENO" "$?"' ERR
  BASE_URL=${BASE_URL%/}
  [[ $BASE_URL == http://* || $BASE_URL == https://* ]] || fail 1 "this script has no server address; download it from the server's /install/login"
  no_browser=${CDX_NO_BROWSER:-0}
  local arg
  for arg in "$@"; do
    case "$arg" in
      --no-browser) no_browser=1 ;;
      *) fail 1 "unknown argument $arg (only --no-browser)" ;;
    esac
  done
  curl_flags=(-sS --connect-timeout 15 --max-time 60)
  if [[ -n ${CDX_CA_FILE:-} ]]; then
    [[ -r $CDX_CA_FILE ]] || fail 1 "CDX_CA_FILE $CDX_CA_FILE cannot be read"
    curl_flags+=(--cacert "$CDX_CA_FILE")
  fi
  token_file=${CDX_SIGNIN_TOKEN_FILE:-${XDG_CONFIG_HOME:-$HOME/.config}/cdx/signin-token}
  command -v curl >/dev/null 2>&1 || fail 1 "curl is missing"
}

# The first member KEY of a JSON text: strings unescaped, numbers and booleans as written; status 1 when absent.
json_value() {
  local text=$1 key=$2 raw
  local pattern="\"$key\"[[:space:]]*:[[:space:]]*(\"(([^\"\\\\]|\\\\.)*)\"|(-?[0-9][0-9.eE+-]*|true|false|null))"
  [[ $text =~ $pattern ]] || return 1
  if [[ ${BASH_REMATCH[1]} == \"* ]]; then
    raw=${BASH_REMATCH[2]}
    raw=${raw//\\\"/\"}
    raw=${raw//\\\//\/}
    printf '%b' "$raw"
  elif [[ ${BASH_REMATCH[4]} != null ]]; then
    printf '%s' "${BASH_REMATCH[4]}"
  fi
}

json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//[[:cntrl:]]/}
  printf '"%s"' "$s"
}

url_encode() {
  local text=$1 out='' i c
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    if [[ $c =~ [A-Za-z0-9._~-] ]]; then out+=$c; else printf -v c '%%%02X' "'$c"; out+=$c; fi
  done
  printf '%s' "$out"
}

int_of() {
  local value=${1%%.*}
  [[ $value =~ ^[0-9]+$ ]] && printf '%d' "$((10#$value))" || printf '0'
}

# call METHOD PATH [JSON] [bearer]: sets status (000 without an answer), body, transport, retry_after. The URL (it
# may carry the poll token) and the bearer reach curl in files, never on its command line.
call() {
  local method=$1 path=$2 data=${3-} bearer=${4-} curl_exit=0
  local -a args=("${curl_flags[@]}" -X "$method" -H 'Accept: application/json' -D "$workdir/headers" -o "$workdir/answer" -w '%{http_code}')
  printf 'url = "%s"\n' "$BASE_URL$path" >"$workdir/request"
  [[ -n $bearer ]] && args+=(-H @"$workdir/bearer")
  if [[ -n $data ]]; then
    printf '%s' "$data" >"$workdir/request.json"
    args+=(-H 'Content-Type: application/json' --data-binary @"$workdir/request.json")
  fi
  : >"$workdir/answer"
  : >"$workdir/headers"
  status=$(curl "${args[@]}" -K "$workdir/request" 2>"$workdir/errors") || curl_exit=$?
  status=${status:-000}
  body=$(head -c 65536 "$workdir/answer")
  transport=$(head -c 200 "$workdir/errors" | tr '\n' ' ')
  [[ -n $transport ]] || transport="curl exit $curl_exit"
  retry_after=$(tr -d '\r' <"$workdir/headers" | awk 'tolower($1) == "retry-after:" { print $2 }' | tail -n 1)
}

reason() {
  local detail
  detail=$(json_value "$body" detail || json_value "$body" message || true)
  if [[ $status == 000 ]]; then printf 'no answer from %s (%s)' "$BASE_URL" "$transport"; else printf 'HTTP %s%s' "$status" "${detail:+: ${detail:0:200}}"; fi
}

# Ends the script for an answer no step expected.
call_failed() {
  local what=$1
  case "$status" in
    000) fail 5 "$what: $(reason); check the network and the server's TLS certificate (CDX_CA_FILE)" ;;
    5*) fail 6 "$what: the server failed ($(reason)); try again later" ;;
    401 | 403) fail 4 "$what: refused ($(reason))" ;;
    *) fail 6 "$what: unexpected answer ($(reason))" ;;
  esac
}

pause_for() { "${CDX_SLEEP_COMMAND:-sleep}" "$1"; }

open_browser() {
  [[ $no_browser == 1 ]] && return 0
  if [[ $(uname -s) == Darwin ]] && command -v open >/dev/null 2>&1; then
    open "$1" </dev/null >/dev/null 2>&1 || true
  elif [[ -n ${DISPLAY-}${WAYLAND_DISPLAY-} ]] && command -v xdg-open >/dev/null 2>&1; then
    xdg-open "$1" </dev/null >/dev/null 2>&1 &
  fi
  return 0
}

start_signin() {
  local url
  if [[ -n ${XO_AUTH_SESSION_ID-} || -n ${XO_POLL_TOKEN-} ]]; then
    [[ -n ${XO_AUTH_SESSION_ID-} && -n ${XO_POLL_TOKEN-} ]] || fail 1 "XO_AUTH_SESSION_ID and XO_POLL_TOKEN go together; set both or neither"
    session=$XO_AUTH_SESSION_ID poll_token=$XO_POLL_TOKEN interval=5 expires_in=600
    info "signing in with the session in XO_AUTH_SESSION_ID"
    return 0
  fi
  # Enrolling this machine is the point of this script; the approval page shows that the token may do it.
  call POST /xo-auth/start '{"client":"cdx installer","scopes":["api:read","api:write","mcp","hosts:enroll"]}'
  [[ $status == 200 ]] || call_failed "could not start the sign-in"
  session=$(json_value "$body" auth_session_id || true)
  poll_token=$(json_value "$body" poll_token || true)
  url=$(json_value "$body" authorize_url || true)
  interval=$(int_of "$(json_value "$body" interval || echo 5)")
  expires_in=$(int_of "$(json_value "$body" expires_in || echo 600)")
  [[ -n $session && -n $poll_token && -n $url ]] || fail 6 "the server's sign-in answer lacks auth_session_id, poll_token or authorize_url"
  ((expires_in > 0)) || expires_in=600
  printf '\nTo sign in and enrol this host, open this address in a browser:\n\n  %s\n\nWaiting for the sign-in (%s minutes)...\n' \
    "$url" "$(((expires_in + 59) / 60))" >&2
  open_browser "$url"
}

# Polls at the interval (5 s more after each slow_down); the slept seconds are the clock.
wait_for_approval() {
  local waited=0 failures=0 state path seconds
  path="/xo-auth/status/$(url_encode "$session")?poll_token=$(url_encode "$poll_token")"
  while :; do
    call GET "$path"
    case "$status" in
      200)
        failures=0
        state=$(json_value "$body" status || true)
        case "$state" in
          approved) return 0 ;;
          pending) ;;
          expired) fail 3 "the sign-in expired before it was approved; run this again" ;;
          consumed) fail 4 "this sign-in was already used by another client; run this again" ;;
          denied) fail 4 "the sign-in was denied in the browser" ;;
          *) fail 6 "unexpected sign-in status '${state:0:40}'" ;;
        esac
        ;;
      429)
        interval=$((interval + 5))
        seconds=$(int_of "$retry_after")
        ((seconds > interval)) && interval=$seconds
        ;;
      404) fail 3 "the server does not know this sign-in session (expired or never started); run this again" ;;
      401) fail 4 "the server refused the poll token of this sign-in ($(reason))" ;;
      000 | 5*)
        failures=$((failures + 1))
        ((failures < 5)) || call_failed "waiting for the sign-in"
        info "sign-in status not available ($(reason)); trying again"
        ;;
      *) call_failed "waiting for the sign-in" ;;
    esac
    ((waited < expires_in)) || fail 3 "the sign-in was not approved within $expires_in seconds; run this again"
    pause_for "$interval"
    waited=$((waited + interval))
  done
}

consume() {
  local attempt tmp dir
  for attempt in 1 2 3; do
    call POST /xo-auth/consume "{\"auth_session_id\":$(json_string "$session"),\"poll_token\":$(json_string "$poll_token")}"
    case "$status" in
      200) break ;;
      409) fail 4 "this sign-in was already used ($(reason)); run this again" ;;
      404 | 410) fail 3 "the sign-in expired ($(reason)); run this again" ;;
      425) ((attempt < 3)) || call_failed "signing in"; pause_for "$interval" ;;
      *) call_failed "signing in" ;;
    esac
  done
  token=$(json_value "$body" access_token || true)
  [[ $token =~ ^xwllm_[A-Za-z0-9._~+/=-]{8,512}$ ]] || fail 6 "the server's answer holds no usable access token"
  printf 'Authorization: Bearer %s\n' "$token" >"$workdir/bearer"
  # Kept like `cdx login` keeps it, so `cdx whoami` and `cdx logout` work on this host afterwards.
  dir=$(dirname "$token_file")
  mkdir -p "$dir" || fail 1 "cannot create $dir"
  tmp=$(mktemp "$dir/.signin-token.XXXXXX") || fail 1 "cannot write in $dir"
  printf '%s\n' "$token" >"$tmp"
  chmod 600 "$tmp"
  mv -f "$tmp" "$token_file"
  call GET /xo-auth/whoami '' bearer
  if [[ $status == 200 ]]; then
    local email user
    email=$(json_value "$body" email || true)
    user=$(json_value "$body" user_id || true)
    info "signed in as ${email:-$user}"
  fi
}

enroll() {
  local fqdn code installer_url
  fqdn=${CDX_FQDN:-$(hostname -f 2>/dev/null || hostname 2>/dev/null || true)}
  [[ -n $fqdn ]] || fail 1 "cannot tell this host's name; set CDX_FQDN"
  call POST /api/v1/hosts/enroll "{\"fqdn\":$(json_string "$fqdn")}" bearer
  case "$status" in
    200 | 201) ;;
    403) fail 4 "enrolling $fqdn was refused ($(reason) $(json_value "$body" code || true))" ;;
    409) fail 4 "$fqdn is already registered ($(reason)); ask an admin, or set CDX_FQDN" ;;
    *) call_failed "enrolling $fqdn" ;;
  esac
  installer_url=$(json_value "$body" installer_url || true)
  [[ $installer_url == "$BASE_URL/install/"* && $installer_url != *[[:space:]\"\\]* ]] ||
    fail 6 "the enrolment answer has no installer link on $BASE_URL"
  info "$fqdn enrolled; running its installer"
  printf 'url = "%s"\n' "$installer_url" >"$workdir/installer-request"
  code=$(curl "${curl_flags[@]}" --max-time 120 -o "$workdir/installer.sh" -w '%{http_code}' -K "$workdir/installer-request" 2>"$workdir/errors") ||
    fail 5 "could not download the installer: $(head -c 200 "$workdir/errors")"
  # A spent or expired link answers 410 with a script that says why and exits 1: it runs like the installer.
  [[ $code == 200 || $code == 410 ]] || fail 6 "the installer link answered HTTP $code"
  trap - ERR
  bash "$workdir/installer.sh" </dev/null || fail 7 "the installer failed (exit $?); see its messages above"
}

main() {
  setup "$@"
  start_signin
  wait_for_approval
  consume
  enroll
}

main "$@"
