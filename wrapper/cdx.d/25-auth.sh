# cdx, Auth sync (spec/cdx.md 5 and 5.1, docs/cdx-protocol.md 2). One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

backoff_file() { printf '%s/.cdx-backoff-until' "$CODEX_DIR"; }

# The longest a 429 keeps cdx from asking the server, whatever reset_at or retry_after say: a server (or a proxy) that
# names a time far ahead would otherwise leave the host on cached auth, then refused, for as long.
readonly BACKOFF_MAX_SECONDS=3600

# A 429 told us when to come back; until then the server is not asked again (cached auth rules apply). A time further
# than the cap (left by an older cdx) is not waited for.
in_backoff() {
  local until now
  [[ -f $(backoff_file) ]] || return 1
  until=$(<"$(backoff_file)")
  now=$(date +%s)
  [[ $until =~ ^[0-9]{1,12}$ ]] && ((10#$until > now && 10#$until <= now + BACKOFF_MAX_SECONDS))
}

start_backoff() {
  local -n limited=$1
  local until seconds now
  now=$(date +%s)
  until=$(date -d "$(decode "${limited[data.reset_at]-${limited[details.reset_at]-}}")" +%s 2>/dev/null) || until=''
  [[ -n $until ]] || { seconds=$(int_of "${limited[details.retry_after]-60}"); until=$((now + (seconds > 0 ? seconds : 60))); }
  ((until <= now + BACKOFF_MAX_SECONDS)) || until=$((now + BACKOFF_MAX_SECONDS))
  printf '%s\n' "$until" >"$(backoff_file)"
}

local_auth_b64() {
  [[ -f "$CODEX_DIR/auth.json" ]] && base64 -w0 <"$CODEX_DIR/auth.json"
  return 0
}

auth_body() {
  local command=$1 digest=${2-}
  local -a fields=(command "$command" local_auth_b64 "$(local_auth_b64)" client_version "${RUN[codex_version]:-unknown}"
    wrapper_version "$WRAPPER_VERSION")
  [[ -n $digest ]] && fields+=(digest "$digest")
  [[ -n $INSTALLATION_ID ]] && fields+=(installation_id "$INSTALLATION_ID")
  json_fields "${fields[@]}"
}

set_auth_status() {
  RUN[auth_status]=$1
  RUN[auth_reason]=${2-}
  log_debug "auth status: $1${2:+ ($2)}"
}

# Sorts a failed /auth answer into the statuses of the launch gate, with their local effects.
classify_auth_failure() {
  local -n failed=$1
  local code=${failed[http_status]} message
  decode_to message "${failed[message]-}"
  case "$code" in
    000) set_auth_status offline "$(failure_reason failed)" ;;
    401)
      if [[ $message == *"Invalid API key"* ]]; then
        rm -f "$CODEX_DIR/auth.json"
        set_auth_status invalid "invalid API key"
      else
        set_auth_status fail "${message:-http-401}"
      fi
      ;;
    403)
      if [[ ${message,,} == *"host is disabled"* ]]; then
        rm -f "$CODEX_DIR/auth.json"
        set_auth_status fail "host is disabled"
      elif [[ ${failed[code]-} == insecure_api_disabled || $message == *"Insecure host API access disabled"* ]]; then
        set_auth_status insecure "insecure host window closed"
      elif [[ $message == *"not allowed from this IP"* ]]; then
        log_warn "The API key is bound to another IP address; re-register this host to move it."
        set_auth_status fail "API key not allowed from this IP"
      else
        set_auth_status fail "${message:-http-403}"
      fi
      ;;
    429)
      start_backoff failed
      set_auth_status rate-limited "rate limited by the server"
      ;;
    503)
      if [[ ${message,,} == *disabled* ]]; then
        set_auth_status disabled "API disabled by administrator"
      else
        set_auth_status offline "http-503${message:+:$message}"
      fi
      ;;
    5*) set_auth_status offline "http-$code" ;;
    *) set_auth_status fail "http-$code${message:+: $message}" ;;
  esac
}

# After a successful answer: the file to write, and the installation check the original never made.
accept_auth_answer() {
  local -n accepted=$1
  local server_id
  server_id=$(decode "${accepted[data.versions.installation_id]-}")
  if [[ -n $INSTALLATION_ID && -n $server_id && $server_id != "$INSTALLATION_ID" ]]; then
    set_auth_status fail "Installation ID mismatch; wrapper belongs to a different server"
    return 1
  fi
  if [[ -n ${accepted[data.auth_file_b64]-} ]]; then
    write_auth_file "${accepted[data.auth_file_b64]}" || { set_auth_status fail "unreadable auth_file_b64 in the answer"; return 1; }
  fi
  local key
  AUTH=()
  for key in "${!accepted[@]}"; do AUTH[$key]=${accepted[$key]}; done
  set_auth_status ok
}

# The host-user report (the first time in a run), then retrieve, and store when the server asks for the host's copy;
# leaves RUN[auth_status] and the answer in AUTH.
# shellcheck disable=SC2034 # host_users_reply is filled and read through namerefs
sync_auth() {
  local -A answer=() host_users_reply=()
  local -a report=()
  if [[ -z $BASE_URL || -z $API_KEY ]]; then
    if [[ -n ${RUN[key_problem]-} ]]; then
      log_error "cdx has no usable host key: ${RUN[key_problem]}."
    else
      log_error "cdx has no server URL or host key (expected in $KEY_FILE_USER or $KEY_FILE_SYSTEM); reinstall it from the server."
    fi
    set_auth_status missing-config "no base URL or host key"
    return 0
  fi
  if in_backoff; then
    [[ -n ${RUN[host_user_reported]-} ]] || report_host_user
    set_auth_status rate-limited "backing off after a 429"
    return 0
  fi
  # The host-user report of spec/cdx.md 11, once per run, comes first over the same connection.
  if [[ -z ${RUN[host_user_reported]-} ]]; then
    RUN[host_user_reported]=1
    report=(host_users_reply POST /host/users "$(host_user_body)" 20)
  fi
  api_requests_together ${report[@]+"${report[@]}"} answer POST /auth "$(auth_body retrieve)" 20
  ((${#report[@]} == 0)) || record_known_users host_users_reply
  answered_ok answer || { classify_auth_failure answer; return 0; }
  if [[ ${answer[data.local_auth]-} == malformed ]]; then
    log_warn "Local auth.json is malformed; removing it."
    rm -f "$CODEX_DIR/auth.json"
  fi
  case "${answer[data.status]-}" in
    valid | outdated) accept_auth_answer answer || true ;;
    *)
      if [[ ${answer[data.local_auth]-} != valid ]]; then
        accept_auth_answer answer || return 0
        set_auth_status fail "the server has no canonical auth.json and this host has none to offer"
        return 0
      fi
      local digest
      digest=$(decode "${answer[data.canonical_digest]-}")
      api_request answer POST /auth "$(auth_body store "$digest")"
      answered_ok answer || { classify_auth_failure answer; return 0; }
      accept_auth_answer answer || true
      ;;
  esac
  apply_server_policy
}

# Server values replace the baked and environment ones once /auth answered (spec/cdx.md 9.2, 5).
apply_server_policy() {
  [[ ${RUN[auth_status]} == ok ]] || return 0
  [[ -n ${AUTH[data.cdx_silent]-} ]] && { is_truthy "${AUTH[data.cdx_silent]}" && RUN[silent]=1 || RUN[silent]=0; }
  [[ -n ${AUTH[data.host.secure]-} ]] && { is_truthy "${AUTH[data.host.secure]}" && RUN[secure]=1 || RUN[secure]=0; }
  if [[ ${RUN[secure]} != 1 ]]; then
    log_warn "Host marked insecure; auth.json will be removed after this run."
  fi
  return 0
}

# ---------------------------------------------------------------------------------------------------------------
# Local auth.json age (for the offline rule) and the exit-push baseline

# The first last_refresh of auth.json, read with sed because a host has no JSON parser.
auth_last_refresh() {
  sed 's/[,{}]/\n/g' <"$CODEX_DIR/auth.json" |
    sed -n '/"last_refresh"[[:space:]]*:[[:space:]]*"/{s/.*"last_refresh"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p;q}'
}

record_auth_baseline() {
  local file="$CODEX_DIR/auth.json" refreshed='' now age
  RUN[auth_age]=none
  [[ -f $file ]] || return 0
  now=$(date +%s)
  RUN[auth_last_refresh]=$(auth_last_refresh)
  [[ -n ${RUN[auth_last_refresh]} ]] && refreshed=$(date -d "${RUN[auth_last_refresh]}" +%s 2>/dev/null)
  # No readable last_refresh: the file's own time is the next best witness of the last token refresh.
  [[ -n $refreshed ]] || refreshed=$(stat -c %Y "$file")
  age=$((now - refreshed))
  RUN[auth_age_seconds]=$age
  if ((age < -300)); then
    RUN[auth_age]=future
  elif ((age <= 86400)); then
    RUN[auth_age]=fresh
  elif ((age <= 7 * 86400)); then
    RUN[auth_age]=recent
  else
    RUN[auth_age]=stale
  fi
}

