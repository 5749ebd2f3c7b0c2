# cdx, JSON requests, line-format answers. One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

# json_string_to VAR S: S as a JSON string literal, into VAR (no subshell: cdx builds many of these per run).
json_string_to() {
  local s=$2
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  s=${s//[[:cntrl:]]/}
  printf -v "$1" '"%s"' "$s"
}

json_string() {
  local quoted
  json_string_to quoted "$1"
  printf '%s' "$quoted"
}

# json_fields KEY VALUE ...: an object of string members.
json_fields() {
  local out='{' sep='' key value
  while (($# >= 2)); do
    json_string_to key "$1"
    json_string_to value "$2"
    out+="$sep$key:$value"
    sep=','
    shift 2
  done
  printf '%s}' "$out"
}

curl_base_args() {
  local -n args_out=$1
  args_out=(-sS --connect-timeout 10)
  [[ $FORCE_IPV4 == 1 ]] && args_out+=(-4)
  return 0
}

# curl_transfers OUT TLS ARGS...: one curl for ARGS, whose transfers are separated by --next; each transfer gets the
# common options and the trust of TLS (ca: the baked CA file, system: system trust alone, insecure: none). OUT gets one
# HTTP status per transfer, in order. The first transfer that gets no answer (no connection, a timeout) ends the run
# (--fail-early, curl 7.52): the rest would wait for the same server, a connect timeout each.
curl_transfers() {
  local out=$1 tls=$2 arg
  shift 2
  local -a common curl_command=(curl)
  [[ " $* " == *" --next "* ]] && curl_command+=(--fail-early)
  curl_base_args common
  common+=(-w '%{http_code}\n')
  case "$tls" in
    ca) common+=(--cacert "$CA_FILE") ;;
    insecure) common+=(-k) ;;
  esac
  curl_command+=("${common[@]}")
  for arg in "$@"; do
    curl_command+=("$arg")
    [[ $arg == --next ]] && curl_command+=("${common[@]}")
  done
  "${curl_command[@]}" >"$out"
}

# curl_statuses CODES ARGS...: curl with the TLS fallbacks of spec/cdx.md 5: baked CA, then system trust, then (only
# when allowed) no verification; the next one only after a TLS-level failure that left every transfer unanswered.
# ARGS may hold several transfers separated by --next: one process and one connection for all of them, which is
# what a launch waits for (a TLS handshake costs round trips). CODES (an indexed array) gets each transfer's HTTP
# status (000 when none) and the return value is curl's, which is the last transfer's. The statuses go through a
# file in WORK_DIR (removed at exit), not a subshell: cdx calls this several times on every run.
curl_statuses() {
  local -n codes_out=$1
  shift
  local exit_code=0 written="$WORK_DIR/curl-status.$BASHPID" code
  if [[ -n $CA_FILE ]]; then
    curl_transfers "$written" ca "$@" || exit_code=$?
    if tls_failed_unanswered "$exit_code" "$written"; then
      exit_code=0
      curl_transfers "$written" system "$@" || exit_code=$?
    fi
  else
    curl_transfers "$written" system "$@" || exit_code=$?
  fi
  if tls_failed_unanswered "$exit_code" "$written" && is_truthy "$CODEX_SYNC_ALLOW_INSECURE"; then
    log_debug "TLS verification failed; retrying without it (CODEX_SYNC_ALLOW_INSECURE)"
    RUN[tls_unverified]=1
    exit_code=0
    curl_transfers "$written" insecure "$@" || exit_code=$?
  fi
  codes_out=()
  while IFS= read -r code; do codes_out+=("${code:-000}"); done <"$written"
  return "$exit_code"
}

# One warning a run once a call went out without TLS verification; called where stderr is the user's again (the
# callers of curl_statuses capture its stderr as curl's error text).
warn_unverified_tls() {
  [[ ${RUN[tls_unverified]-} == 1 && -z ${RUN[tls_unverified_warned]-} ]] || return 0
  RUN[tls_unverified_warned]=1
  local server=${BASE_URL#*://}
  log_warn "TLS not verified for ${server%%/*}"
}

# tls_failed_unanswered EXIT STATUS_FILE: curl failed at the TLS level and no transfer got an answer, so trying again
# with other trust sends nothing twice.
tls_failed_unanswered() {
  [[ $TLS_CURL_FAILURES == *" $1 "* ]] || return 1
  ! grep -qv '^000$' "$2"
}

# curl_status CODE ARGS...: curl_statuses for one transfer; CODE gets its HTTP status.
# shellcheck disable=SC2034 # fills the caller's variable through a nameref
curl_status() {
  local -n code_out=$1
  local -a one_code=()
  local one_exit=0
  shift
  curl_statuses one_code "$@" || one_exit=$?
  code_out=${one_code[0]:-000}
  return "$one_exit"
}

# header_value_to NAME FILE HEADER: NAME gets the first word of the last HEADER line (any case) of a curl -D dump,
# empty when there is none.
# shellcheck disable=SC2034 # fills the caller's variable through a nameref
header_value_to() {
  local -n header_out=$1
  local header_line header_name header_word _
  header_out=''
  while IFS= read -r header_line || [[ -n $header_line ]]; do
    header_name=${header_line%%:*}
    [[ $header_line == *:* && ${header_name,,} == "${3,,}" ]] || continue
    read -r header_word _ <<<"${header_line#*:}"
    header_out=${header_word%$'\r'}
  done <"$2"
}

# api_requests_together REPLY METHOD PATH JSON TIMEOUT [REPLY METHOD PATH JSON TIMEOUT ...]: host-API calls in the
# line format, made one after the other over one connection, by one curl per CALLS_PER_CURL_RUN calls. Each REPLY (an
# associative array) gets every line of its answer plus http_status (000 when no answer) and transport_error. JSON
# may be empty (no body).
api_requests_together() {
  local -i together_take
  while (($# >= 5)); do
    together_take=$(($# / 5 < CALLS_PER_CURL_RUN ? $# / 5 * 5 : CALLS_PER_CURL_RUN * 5))
    api_curl_run "${@:1:together_take}"
    shift "$together_take"
  done
}

# api_curl_run REPLY METHOD PATH JSON TIMEOUT ...: one curl run of api_requests_together.
api_curl_run() {
  local run_errors="$WORK_DIR/curl-errors" run_exit=0 run_count=0 run_line run_failure=''
  local -a run_args=() run_replies=() run_codes=()
  while (($# >= 5)); do
    ((run_count == 0)) || run_args+=(--next)
    run_args+=(-X "$2" --max-time "$5" -H @"$WORK_DIR/key-header" -H 'Accept: text/plain' -o "$WORK_DIR/answer.$run_count")
    if [[ -n $4 ]]; then
      printf '%s' "$4" >"$WORK_DIR/request.$run_count.json"
      run_args+=(-H 'Content-Type: application/json' --data-binary @"$WORK_DIR/request.$run_count.json")
    fi
    run_args+=("$BASE_URL$3")
    : >"$WORK_DIR/answer.$run_count"
    run_replies+=("$1:$2 $3")
    run_count=$((run_count + 1))
    shift 5
  done
  curl_statuses run_codes "${run_args[@]}" 2>"$run_errors" || run_exit=$?
  warn_unverified_tls
  for ((run_count = 0; run_count < ${#run_replies[@]}; run_count++)); do
    local -n run_reply=${run_replies[$run_count]%%:*}
    run_reply=([http_status]=${run_codes[$run_count]:-000} [transport_error]='')
    if [[ ${run_reply[http_status]} == 000 ]]; then
      # curl names the failure in one line (--fail-early: one failure per run); the calls it then never made share it.
      [[ -n $run_failure ]] || IFS= read -r run_failure <"$run_errors" || true
      run_reply[transport_error]=${run_failure:0:200}
      run_reply[transport_error]=${run_reply[transport_error]:-curl exit $run_exit}
    fi
    while IFS= read -r run_line || [[ -n $run_line ]]; do
      # A line without a name (a proxy's "=== Bad Gateway ===") would be a fatal empty subscript: skipped.
      [[ $run_line == [!=]*=* ]] && run_reply["${run_line%%=*}"]=${run_line#*=}
    done <"$WORK_DIR/answer.$run_count"
    log_debug "${run_replies[$run_count]#*:} -> ${run_reply[http_status]} ${run_reply[status]-} ${run_reply[message]-}"
    unset -n run_reply
  done
}

# api_request REPLY METHOD PATH [JSON [TIMEOUT]]: one host-API call, its answer in REPLY as above.
api_request() {
  api_requests_together "$1" "$2" "$3" "${4-}" "${5:-20}"
}

answered_ok() {
  local -n ok_reply=$1
  [[ ${ok_reply["http_status"]} == 2* && ${ok_reply["status"]-} == ok ]]
}

# Why a call failed, as the summary shows it: http-<code>[:<message>] or request failed: <error>.
failure_reason() {
  local -n failed_reply=$1
  if [[ ${failed_reply["http_status"]} == 000 ]]; then
    printf 'request failed: %s' "${failed_reply["transport_error"]}"
  else
    local message
    decode_to message "${failed_reply["message"]-}"
    printf 'http-%s%s' "${failed_reply["http_status"]}" "${message:+:${message:0:80}}"
  fi
}

# A pull's state from a failed call: the server out of reach is "offline", anything else an "error".
pull_failure_state() {
  local -n pull_reply=$1
  [[ ${pull_reply["http_status"]} == 000 || ${pull_reply["http_status"]} == 5* ]] && printf 'offline' || printf 'error'
}

decode() { printf '%b' "$1"; }

# decode_to NAME VALUE: NAME gets the decoded VALUE, without the subshell that $(decode ...) costs inside loops.
decode_to() { printf -v "$1" '%b' "$2"; }

