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

# curl_status CODE ARGS...: curl with the TLS fallbacks of spec/cdx.md 5: baked CA, then system trust, then (only
# when allowed) no verification; the next one only after a TLS-level failure. CODE gets the HTTP status (000 when
# none) and the return value is curl's. The status goes through a file in WORK_DIR (removed at exit), not a subshell:
# cdx calls this several times on every run.
curl_status() {
  local -n status_out=$1
  shift
  local exit_code=0 written="$WORK_DIR/curl-status.$BASHPID"
  local -a base
  curl_base_args base
  base+=(-w '%{http_code}')
  if [[ -n $CA_FILE ]]; then
    curl "${base[@]}" --cacert "$CA_FILE" "$@" >"$written" || exit_code=$?
    if ((exit_code != 0)) && [[ $TLS_CURL_FAILURES == *" $exit_code "* ]]; then
      exit_code=0
      curl "${base[@]}" "$@" >"$written" || exit_code=$?
    fi
  else
    curl "${base[@]}" "$@" >"$written" || exit_code=$?
  fi
  if ((exit_code != 0)) && [[ $TLS_CURL_FAILURES == *" $exit_code "* ]] && is_truthy "$CODEX_SYNC_ALLOW_INSECURE"; then
    log_debug "TLS verification failed; retrying without it (CODEX_SYNC_ALLOW_INSECURE)"
    exit_code=0
    curl "${base[@]}" -k "$@" >"$written" || exit_code=$?
  fi
  IFS= read -r status_out <"$written" || true
  status_out=${status_out:-000}
  return "$exit_code"
}

# api_request REPLY METHOD PATH [JSON [TIMEOUT]]: one host-API call in the line format. REPLY (an associative
# array) gets every line of the answer plus http_status (000 when no answer) and transport_error.
api_request() {
  local -n api_reply=$1
  local method=$2 path=$3 body=${4-} timeout=${5:-20} line status curl_exit=0
  local out="$WORK_DIR/answer" errors="$WORK_DIR/curl-errors"
  local -a args=(-X "$method" --max-time "$timeout" -H @"$WORK_DIR/key-header" -H 'Accept: text/plain' -o "$out")
  api_reply=()
  if [[ -n $body ]]; then
    printf '%s' "$body" >"$WORK_DIR/request.json"
    args+=(-H 'Content-Type: application/json' --data-binary @"$WORK_DIR/request.json")
  fi
  : >"$out"
  curl_status status "${args[@]}" "$BASE_URL$path" 2>"$errors" || curl_exit=$?
  api_reply["http_status"]=$status
  api_reply["transport_error"]=''
  if ((curl_exit != 0)) && [[ ${api_reply["http_status"]} == 000 ]]; then
    api_reply["transport_error"]=$(head -c 200 "$errors" | tr '\n' ' ')
    api_reply["transport_error"]=${api_reply["transport_error"]:-curl exit $curl_exit}
  fi
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line == *=* ]] && api_reply["${line%%=*}"]=${line#*=}
  done <"$out"
  log_debug "$method $path -> ${api_reply["http_status"]} ${api_reply["status"]-} ${api_reply["message"]-}"
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

