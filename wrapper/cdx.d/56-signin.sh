# cdx, browser sign-in: `cdx login`, `cdx whoami`, `cdx logout` and `cdx login --enroll` (docs/cdx.md "Signing in").
# One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

# The /xo-auth routes answer JSON ({"detail": ...} on errors), not the line format: the few flat members cdx needs
# are read with bash patterns. The person's xwllm_ token lives in a file only they can read, reaches curl through a
# header file and is never printed, logged or put on a command line.

# Exit codes of the sign-in commands (docs/cdx.md "Exit codes").
readonly EXIT_SIGNIN_EXPIRED=3 EXIT_SIGNIN_REFUSED=4 EXIT_SIGNIN_NETWORK=5 EXIT_SIGNIN_SERVER=6 EXIT_SIGNIN_INSTALLER=7
readonly XO_TOKEN_PATTERN='^xwllm_[A-Za-z0-9._~+/=-]{8,512}$'
readonly XO_ID_PATTERN='^[A-Za-z0-9._~-]{1,256}$'

signin_settings() {
  SIGNIN_TOKEN_FILE=${CDX_SIGNIN_TOKEN_FILE:-${XDG_CONFIG_HOME:-$HOME/.config}/cdx/signin-token}
}

# Succeeds when every argument is a flag of our `cdx login` (then sets it); anything else is Codex's `login`.
parse_login_flags() {
  local arg
  for arg in "$@"; do
    [[ $arg == --no-browser || $arg == --enroll ]] || return 1
  done
  for arg in "$@"; do
    [[ $arg == --no-browser ]] && SIGNIN_NO_BROWSER=1
    [[ $arg == --enroll ]] && SIGNIN_ENROLL=1
  done
  return 0
}

signin_fail() {
  local code=$1
  shift
  log_error "$*"
  exit "$code"
}

# json_value JSON KEY: the first member KEY of a JSON text; strings unescaped, numbers and booleans as written, null
# and absent members empty (status 1 when absent).
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

url_encode() {
  local text=$1 out='' i c
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    if [[ $c =~ [A-Za-z0-9._~-] ]]; then out+=$c; else printf -v c '%%%02X' "'$c"; out+=$c; fi
  done
  printf '%s' "$out"
}

# xo_call METHOD PATH [JSON] [bearer]: one call to the sign-in API with strict TLS (the CA file or the system's trust;
# never the insecure fallback of host calls). Sets XO_STATUS (000 without an answer), XO_BODY, XO_ERROR, XO_RETRY_AFTER.
xo_call() {
  local method=$1 path=$2 body=${3-} bearer=${4-} curl_exit=0
  local config="$WORK_DIR/xo-request" out="$WORK_DIR/xo-answer" headers="$WORK_DIR/xo-headers"
  local -a args
  curl_base_args args
  args+=(--max-time 30 -X "$method" -H 'Accept: application/json' -D "$headers" -o "$out" -w '%{http_code}')
  [[ -n $CA_FILE ]] && args+=(--cacert "$CA_FILE")
  [[ -n $bearer ]] && args+=(-H @"$WORK_DIR/xo-bearer")
  if [[ -n $body ]]; then
    printf '%s' "$body" >"$WORK_DIR/xo-request.json"
    args+=(-H 'Content-Type: application/json' --data-binary @"$WORK_DIR/xo-request.json")
  fi
  # The URL may carry the poll token: it goes to curl in a config file, not on its command line.
  (umask 077 && printf 'url = "%s"\n' "$BASE_URL$path" >"$config")
  : >"$out"
  : >"$headers"
  XO_STATUS=$(curl "${args[@]}" -K "$config" 2>"$WORK_DIR/xo-errors") || curl_exit=$?
  XO_STATUS=${XO_STATUS:-000}
  XO_BODY=$(head -c 65536 "$out")
  XO_ERROR=''
  ((curl_exit == 0)) || XO_ERROR=$(head -c 200 "$WORK_DIR/xo-errors" | tr '\n' ' ')
  [[ $XO_STATUS == 000 && -z $XO_ERROR ]] && XO_ERROR="curl exit $curl_exit"
  header_value_to XO_RETRY_AFTER "$headers" Retry-After
  log_debug "$method ${path%%\?*} -> $XO_STATUS"
}

# Why a sign-in call failed, in words: the server's detail (or message), else the status.
xo_reason() {
  local detail
  detail=$(json_value "$XO_BODY" detail || json_value "$XO_BODY" message || true)
  if [[ $XO_STATUS == 000 ]]; then printf 'no answer from %s (%s)' "$BASE_URL" "$XO_ERROR"; else printf 'HTTP %s%s' "$XO_STATUS" "${detail:+: ${detail:0:200}}"; fi
}

# Ends the command for an answer no step expected: network, server error or refusal, each with its exit code.
xo_fail() {
  local what=$1
  case "$XO_STATUS" in
    000) signin_fail "$EXIT_SIGNIN_NETWORK" "$what: $(xo_reason); check the network and try again." ;;
    5*) signin_fail "$EXIT_SIGNIN_SERVER" "$what: the server failed ($(xo_reason)); try again later." ;;
    401 | 403) signin_fail "$EXIT_SIGNIN_REFUSED" "$what: refused ($(xo_reason))." ;;
    *) signin_fail "$EXIT_SIGNIN_SERVER" "$what: unexpected answer ($(xo_reason))." ;;
  esac
}

pause_for() { "${CDX_SLEEP_COMMAND:-sleep}" "$1"; }

# Opens URL in the browser when a display is there (or on macOS), unless --no-browser.
open_browser() {
  local url=$1
  ((SIGNIN_NO_BROWSER)) && return 0
  if [[ $(uname -s) == Darwin ]] && command -v open >/dev/null 2>&1; then
    open "$url" </dev/null >/dev/null 2>&1 || true
  elif [[ -n ${DISPLAY-}${WAYLAND_DISPLAY-} ]] && command -v xdg-open >/dev/null 2>&1; then
    xdg-open "$url" </dev/null >/dev/null 2>&1 &
  fi
  return 0
}

# Starts a sign-in session (or takes XO_AUTH_SESSION_ID + XO_POLL_TOKEN from the environment, for headless boots).
signin_start() {
  if [[ -n ${XO_AUTH_SESSION_ID-} || -n ${XO_POLL_TOKEN-} ]]; then
    [[ -n ${XO_AUTH_SESSION_ID-} && -n ${XO_POLL_TOKEN-} ]] ||
      signin_fail 1 "XO_AUTH_SESSION_ID and XO_POLL_TOKEN go together; set both or neither."
    SIGNIN_SESSION=$XO_AUTH_SESSION_ID SIGNIN_POLL_TOKEN=$XO_POLL_TOKEN SIGNIN_INTERVAL=5 SIGNIN_EXPIRES_IN=600
    log_info "Signing in with the session in XO_AUTH_SESSION_ID."
  else
    # The token carries what the approval page showed: enrolling machines only when this run enrols one.
    if ((SIGNIN_ENROLL)); then
      xo_call POST /xo-auth/start '{"client":"cdx","scopes":["api:read","api:write","mcp","hosts:enroll"]}'
    else
      xo_call POST /xo-auth/start '{"client":"cdx"}'
    fi
    [[ $XO_STATUS == 200 ]] || xo_fail "Could not start the sign-in"
    SIGNIN_SESSION=$(json_value "$XO_BODY" auth_session_id || true)
    SIGNIN_POLL_TOKEN=$(json_value "$XO_BODY" poll_token || true)
    SIGNIN_INTERVAL=$(int_of "$(json_value "$XO_BODY" interval || echo 5)")
    SIGNIN_EXPIRES_IN=$(int_of "$(json_value "$XO_BODY" expires_in || echo 600)")
    local url
    url=$(json_value "$XO_BODY" authorize_url || true)
    [[ -n $url && -n $SIGNIN_POLL_TOKEN ]] || signin_fail "$EXIT_SIGNIN_SERVER" "The server's sign-in answer lacks authorize_url or poll_token."
    printf 'To sign in, open this address in a browser:\n\n  %s\n\nWaiting for the sign-in (%s minutes)...\n' \
      "$url" "$(((SIGNIN_EXPIRES_IN + 59) / 60))" >&2
    open_browser "$url"
  fi
  [[ $SIGNIN_SESSION =~ $XO_ID_PATTERN ]] || signin_fail "$EXIT_SIGNIN_SERVER" "The sign-in session id is not usable."
  ((SIGNIN_EXPIRES_IN > 0)) || SIGNIN_EXPIRES_IN=600
}

# Polls at the announced interval (5 s more after each slow_down) until approved; the slept seconds are the clock.
signin_wait() {
  local waited=0 failures=0 state path
  path="/xo-auth/status/$(url_encode "$SIGNIN_SESSION")?poll_token=$(url_encode "$SIGNIN_POLL_TOKEN")"
  while :; do
    xo_call GET "$path"
    case "$XO_STATUS" in
      200)
        failures=0
        state=$(json_value "$XO_BODY" status || true)
        case "$state" in
          approved) return 0 ;;
          pending) ;;
          expired) signin_fail "$EXIT_SIGNIN_EXPIRED" "The sign-in expired before it was approved; run cdx login again." ;;
          consumed) signin_fail "$EXIT_SIGNIN_REFUSED" "This sign-in was already used by another client; run cdx login again." ;;
          denied) signin_fail "$EXIT_SIGNIN_REFUSED" "The sign-in was denied in the browser." ;;
          *) signin_fail "$EXIT_SIGNIN_SERVER" "Unexpected sign-in status '${state:0:40}'." ;;
        esac
        ;;
      429)
        SIGNIN_INTERVAL=$((SIGNIN_INTERVAL + 5))
        local retry
        retry=$(int_of "$XO_RETRY_AFTER")
        ((retry > SIGNIN_INTERVAL)) && SIGNIN_INTERVAL=$retry
        log_debug "slow_down: polling every $SIGNIN_INTERVAL s"
        ;;
      404) signin_fail "$EXIT_SIGNIN_EXPIRED" "The server does not know this sign-in session (expired or never started); run cdx login again." ;;
      401) signin_fail "$EXIT_SIGNIN_REFUSED" "The server refused the poll token of this sign-in ($(xo_reason))." ;;
      000 | 5*)
        failures=$((failures + 1))
        ((failures < 5)) || xo_fail "Waiting for the sign-in"
        log_warn "Sign-in status not available ($(xo_reason)); trying again."
        ;;
      *) xo_fail "Waiting for the sign-in" ;;
    esac
    ((waited < SIGNIN_EXPIRES_IN)) || signin_fail "$EXIT_SIGNIN_EXPIRED" "The sign-in was not approved within $SIGNIN_EXPIRES_IN seconds; run cdx login again."
    pause_for "$SIGNIN_INTERVAL"
    waited=$((waited + SIGNIN_INTERVAL))
  done
}

# Exchanges the approved session for the xwllm_ token (single use) and keeps it in XO_TOKEN.
signin_consume() {
  local attempt
  for attempt in 1 2 3; do
    xo_call POST /xo-auth/consume "$(json_fields auth_session_id "$SIGNIN_SESSION" poll_token "$SIGNIN_POLL_TOKEN")"
    case "$XO_STATUS" in
      200) break ;;
      409) signin_fail "$EXIT_SIGNIN_REFUSED" "This sign-in was already used ($(xo_reason)); run cdx login again." ;;
      410) signin_fail "$EXIT_SIGNIN_EXPIRED" "The sign-in expired ($(xo_reason)); run cdx login again." ;;
      404) signin_fail "$EXIT_SIGNIN_EXPIRED" "The server does not know this sign-in session; run cdx login again." ;;
      425) ((attempt < 3)) || xo_fail "Signing in"; pause_for "$SIGNIN_INTERVAL" ;;
      *) xo_fail "Signing in" ;;
    esac
  done
  XO_TOKEN=$(json_value "$XO_BODY" access_token || true)
  [[ $XO_TOKEN =~ $XO_TOKEN_PATTERN ]] || signin_fail "$EXIT_SIGNIN_SERVER" "The server's answer holds no usable access token."
  (umask 077 && printf 'Authorization: Bearer %s\n' "$XO_TOKEN" >"$WORK_DIR/xo-bearer")
}

store_signin_token() {
  local tmp dir
  dir=$(dirname "$SIGNIN_TOKEN_FILE")
  (umask 077 && mkdir -p "$dir")
  tmp=$(umask 077 && mktemp "$dir/.signin-token.XXXXXX")
  printf '%s\n' "$XO_TOKEN" >"$tmp"
  chmod 600 "$tmp"
  mv -f "$tmp" "$SIGNIN_TOKEN_FILE"
}

# Reads the stored token into XO_TOKEN and the bearer header file; exit 4 when there is none.
load_signin_token() {
  XO_TOKEN=''
  [[ -r $SIGNIN_TOKEN_FILE ]] && XO_TOKEN=$(tr -d '[:space:]' <"$SIGNIN_TOKEN_FILE")
  [[ $XO_TOKEN =~ $XO_TOKEN_PATTERN ]] || signin_fail "$EXIT_SIGNIN_REFUSED" "Not signed in (no token in $SIGNIN_TOKEN_FILE); run cdx login."
  (umask 077 && printf 'Authorization: Bearer %s\n' "$XO_TOKEN" >"$WORK_DIR/xo-bearer")
}

# Prints who the token belongs to; STRICT 0 makes a failure a warning (right after signing in).
signin_whoami() {
  local strict=${1:-1} email user workspace
  xo_call GET /xo-auth/whoami '' bearer
  if [[ $XO_STATUS != 200 ]]; then
    ((strict)) || { log_warn "Signed in, but whoami failed: $(xo_reason)."; return 0; }
    [[ $XO_STATUS == 401 ]] && signin_fail "$EXIT_SIGNIN_REFUSED" "The stored sign-in is no longer valid ($(xo_reason)); run cdx login."
    xo_fail "whoami"
  fi
  email=$(json_value "$XO_BODY" email || true)
  user=$(json_value "$XO_BODY" user_id || true)
  workspace=$(json_value "$XO_BODY" workspace || true)
  printf 'Signed in as %s%s%s\n' "${email:-$user}" "${email:+ ($user)}" "${workspace:+, workspace $workspace}"
}

cdx_login() {
  signin_settings
  [[ -n $BASE_URL ]] || signin_fail 1 "cdx has no server URL baked in; reinstall it."
  if ((SIGNIN_ENROLL)) && [[ -n $API_KEY ]]; then
    signin_fail 1 "This host is already enrolled (host key in ${RUN[key_source]}); cdx login --enroll is for a host without a key."
  fi
  signin_start
  signin_wait
  signin_consume
  store_signin_token
  signin_whoami 0
  log_info "Token stored in $SIGNIN_TOKEN_FILE (readable by you only)."
  ((SIGNIN_ENROLL)) && enroll_host
  exit 0
}

cdx_whoami() {
  signin_settings
  load_signin_token
  signin_whoami 1
  exit 0
}

# Revokes the token on the server and deletes the file; the file goes also when the server cannot be reached.
cdx_logout() {
  signin_settings
  if [[ ! -e $SIGNIN_TOKEN_FILE ]]; then
    log_info "Not signed in."
    exit 0
  fi
  load_signin_token
  xo_call POST /xo-auth/logout '{}' bearer
  rm -f "$SIGNIN_TOKEN_FILE"
  case "$XO_STATUS" in
    200 | 401) log_info "Signed out; $SIGNIN_TOKEN_FILE removed." ;;
    *)
      log_warn "The token was deleted here, but the server did not revoke it ($(xo_reason))."
      [[ $XO_STATUS == 000 ]] && exit "$EXIT_SIGNIN_NETWORK"
      exit "$EXIT_SIGNIN_SERVER"
      ;;
  esac
  exit 0
}

# --uninstall: the person's sign-in on this host is revoked (when the server answers) and its file removed.
forget_signin() {
  signin_settings
  [[ -e $SIGNIN_TOKEN_FILE ]] || return 0
  XO_TOKEN=$(tr -d '[:space:]' <"$SIGNIN_TOKEN_FILE" 2>/dev/null) || XO_TOKEN=''
  if [[ -n $BASE_URL && $XO_TOKEN =~ $XO_TOKEN_PATTERN ]]; then
    (umask 077 && printf 'Authorization: Bearer %s\n' "$XO_TOKEN" >"$WORK_DIR/xo-bearer")
    xo_call POST /xo-auth/logout '{}' bearer
    [[ $XO_STATUS == 200 || $XO_STATUS == 401 ]] || log_warn "The sign-in token was not revoked on the server ($(xo_reason))."
  fi
  remove_path "$SIGNIN_TOKEN_FILE"
}

# `cdx login --enroll`: registers this host for the signed-in person and runs the installer the server returns.
enroll_host() {
  local fqdn installer_url code
  fqdn=${CDX_FQDN:-$(hostname -f 2>/dev/null || hostname)}
  [[ -n $fqdn ]] || signin_fail 1 "Cannot tell this host's name; set CDX_FQDN."
  xo_call POST /api/v1/hosts/enroll "$(json_fields fqdn "$fqdn")" bearer
  case "$XO_STATUS" in
    200 | 201) ;;
    403) signin_fail "$EXIT_SIGNIN_REFUSED" "Enrolling $fqdn was refused ($(xo_reason) $(json_value "$XO_BODY" code || true))." ;;
    409) signin_fail "$EXIT_SIGNIN_REFUSED" "$fqdn is already registered ($(xo_reason)); ask an admin, or set CDX_FQDN." ;;
    *) xo_fail "Enrolling $fqdn" ;;
  esac
  installer_url=$(json_value "$XO_BODY" installer_url || true)
  [[ $installer_url == "$BASE_URL/install/"* && $installer_url != *[[:space:]\"\\]* ]] ||
    signin_fail "$EXIT_SIGNIN_SERVER" "The enrolment answer has no installer link on $BASE_URL."
  log_info "$fqdn enrolled; running its installer."
  (umask 077 && printf 'url = "%s"\n' "$installer_url" >"$WORK_DIR/installer-request")
  local -a args
  curl_base_args args
  [[ -n $CA_FILE ]] && args+=(--cacert "$CA_FILE")
  code=$(curl "${args[@]}" --max-time 120 -o "$WORK_DIR/installer.sh" -w '%{http_code}' -K "$WORK_DIR/installer-request") ||
    signin_fail "$EXIT_SIGNIN_NETWORK" "Could not download the installer (curl exit $?)."
  # A spent or expired link answers 410 with a script that prints why and exits 1: it runs like the real one.
  [[ $code == 200 || $code == 410 ]] || signin_fail "$EXIT_SIGNIN_SERVER" "The installer link answered HTTP $code."
  bash "$WORK_DIR/installer.sh" </dev/null || signin_fail "$EXIT_SIGNIN_INSTALLER" "The installer failed (exit $?); see its messages above."
}
