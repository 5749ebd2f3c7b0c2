# cdx, JSON requests, line-format answers. One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  s=${s//[[:cntrl:]]/}
  printf '"%s"' "$s"
}

# json_fields KEY VALUE ...: an object of string members.
json_fields() {
  local out='{' sep=''
  while (($# >= 2)); do
    out+="$sep$(json_string "$1"):$(json_string "$2")"
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

# Runs curl with the TLS fallbacks of spec/cdx.md 5: baked CA, then system trust, then (only when allowed) no
# verification; the next one only after a TLS-level failure. Prints curl's -w output.
curl_with_tls_fallback() {
  local exit_code=0 output
  local -a base
  curl_base_args base
  if [[ -n $CA_FILE ]]; then
    output=$(curl "${base[@]}" --cacert "$CA_FILE" "$@") && { printf '%s' "$output"; return 0; } || exit_code=$?
    [[ $TLS_CURL_FAILURES == *" $exit_code "* ]] || { printf '%s' "$output"; return "$exit_code"; }
  fi
  exit_code=0
  output=$(curl "${base[@]}" "$@") && { printf '%s' "$output"; return 0; } || exit_code=$?
  if [[ $TLS_CURL_FAILURES == *" $exit_code "* ]] && is_truthy "$CODEX_SYNC_ALLOW_INSECURE"; then
    log_debug "TLS verification failed; retrying without it (CODEX_SYNC_ALLOW_INSECURE)"
    exit_code=0
    output=$(curl "${base[@]}" -k "$@") && { printf '%s' "$output"; return 0; } || exit_code=$?
  fi
  printf '%s' "$output"
  return "$exit_code"
}

# api_request REPLY METHOD PATH [JSON [TIMEOUT]]: one host-API call in the line format. REPLY (an associative
# array) gets every line of the answer plus http_status (000 when no answer) and transport_error.
api_request() {
  local -n api_reply=$1
  local method=$2 path=$3 body=${4-} timeout=${5:-20} line status curl_exit=0
  local out="$WORK_DIR/answer" errors="$WORK_DIR/curl-errors"
  local -a args=(-X "$method" --max-time "$timeout" -H @"$WORK_DIR/key-header" -H 'Accept: text/plain'
    -o "$out" -w '%{http_code}')
  api_reply=()
  if [[ -n $body ]]; then
    printf '%s' "$body" >"$WORK_DIR/request.json"
    args+=(-H 'Content-Type: application/json' --data-binary @"$WORK_DIR/request.json")
  fi
  : >"$out"
  status=$(curl_with_tls_fallback "${args[@]}" "$BASE_URL$path" 2>"$errors") || curl_exit=$?
  api_reply["http_status"]=${status:-000}
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
    printf -v message '%b' "${failed_reply["message"]-}"
    printf 'http-%s%s' "${failed_reply["http_status"]}" "${message:+:${message:0:80}}"
  fi
}

# A pull's state from a failed call: the server out of reach is "offline", anything else an "error".
pull_failure_state() {
  local -n pull_reply=$1
  [[ ${pull_reply["http_status"]} == 000 || ${pull_reply["http_status"]} == 5* ]] && printf 'offline' || printf 'error'
}

decode() { printf '%b' "$1"; }

