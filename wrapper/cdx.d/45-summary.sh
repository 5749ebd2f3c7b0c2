# cdx, Banner and boot summary (spec/cdx.md 9.1). One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

show_banner() {
  is_silent && return 0
  [[ ${CODEX_SKIP_MOTD:-0} == 1 ]] && return 0
  log_info "${C_DIM}  ___ __| |_  __${C_RESET}"
  log_info "${C_DIM} / __/ _\` \\ \\/ /${C_RESET}   Codex Auth Central"
  log_info "${C_DIM}| (_| (_| |>  < ${C_RESET}   ${HOST_FQDN:-this host}"
  log_info "${C_DIM} \\___\\__,_/_/\\_\\${C_RESET}   wrapper $WRAPPER_VERSION"
}

join_by() {
  local separator=$1 out=$2
  shift 2
  local item
  for item in "$@"; do out+="$separator$item"; done
  printf '%s' "$out"
}

summary_line() {
  local width=${SUMMARY_LABEL_WIDTH:-12} line
  printf -v line "%-${width}s: %s" "$1" "$2"
  log_info "$line"
}

mark() {
  case "$1" in
    green) printf '✅' ;;
    yellow) printf '⚠' ;;
    *) printf '⛔' ;;
  esac
}

# The URL of the managed MCP entry ([mcp_servers.cdx], or the legacy codex-orchestrator) unless it is switched off.
managed_mcp_url() {
  local file="$CODEX_DIR/config.toml"
  [[ -f $file ]] || return 1
  awk '
    /^[[:space:]]*\[/ { inside = ($0 ~ /^[[:space:]]*\[mcp_servers\.(cdx|codex-orchestrator)\][[:space:]]*$/); if (inside) found = 1; next }
    inside && /^[[:space:]]*enabled[[:space:]]*=[[:space:]]*false/ { disabled = 1 }
    inside && /^[[:space:]]*url[[:space:]]*=/ { url = $0; sub(/^[^"]*"/, "", url); sub(/".*$/, "", url) }
    END { if (found && !disabled) { print url; exit 0 } exit 1 }' "$file"
}

# MCP as Codex will find it: a real initialize answered with a JSON-RPC result naming the protocol version and the
# server (plain JSON or one server-sent event), not just an entry in config.toml. The session it opened is ended.
mcp_item() {
  local url code body="$WORK_DIR/mcp-answer" headers="$WORK_DIR/mcp-headers"
  url=$(managed_mcp_url) || { printf 'MCP %s off' "$(mark yellow)"; return 1; }
  [[ ${RUN[auth_status]} == ok ]] || { printf 'MCP %s not checked (auth %s)' "$(mark yellow)" "${RUN[auth_status]}"; return 1; }
  # The key goes to this server only.
  [[ $url == "$BASE_URL"/* ]] || { printf 'MCP %s not on %s' "$(mark yellow)" "$BASE_URL"; return 1; }
  : >"$headers"
  curl_status code --max-time 5 -X POST -H @"$WORK_DIR/bearer-header" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' -o "$body" -D "$headers" \
    --data-binary "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"cdx\",\"version\":\"$WRAPPER_VERSION\"}}}" \
    "$url" 2>/dev/null || true
  end_mcp_session "$url" "$headers"
  if [[ $code == 200 ]] && grep -q '"result"' "$body" && grep -q '"protocolVersion"' "$body" && grep -q '"serverInfo"' "$body"; then
    printf 'MCP %s' "$(mark green)"
    return 0
  fi
  [[ $code == 200 ]] && code="200 without an initialize result"
  printf 'MCP %s unavailable (http-%s)' "$(mark yellow)" "$code"
  return 1
}

# end_mcp_session URL HEADERS: DELETE of the session the check's answer (HEADERS) opened, as the MCP specification
# asks of a client that is done with one; otherwise every launch would leave the server a session to keep for a day
# (MCP_SESSION_IDLE_MINUTES). In the background: nobody waits for it, and a failure only leaves that session to expire.
# shellcheck disable=SC2034 # the DELETE's status is not read
end_mcp_session() {
  local url=$1 id ended session_header="$WORK_DIR/mcp-session-header"
  header_value_to id "$2" Mcp-Session-Id
  [[ $id =~ ^[A-Za-z0-9._~+/=-]{1,128}$ ]] || return 0
  (umask 077 && printf 'Mcp-Session-Id: %s\n' "$id" >"$session_header")
  (curl_status ended --max-time 5 -X DELETE -H @"$WORK_DIR/bearer-header" -H @"$session_header" -o /dev/null "$url" \
    >/dev/null 2>&1 &)
}

runner_item() {
  local enabled=${AUTH[data.versions.runner_enabled]-false} state last_ok age
  is_truthy "$enabled" || return 1
  state=${AUTH[data.versions.runner_state]-}
  last_ok=$(decode "${AUTH[data.versions.runner_last_ok]-}")
  if [[ $state == fail ]]; then
    printf 'Runner %s failing' "$(mark red)"
  elif [[ -z $last_ok ]]; then
    printf 'Runner %s never verified' "$(mark yellow)"
  else
    age=$(($(date +%s) - $(date -d "$last_ok" +%s 2>/dev/null || date +%s)))
    if ((age >= 72 * 3600)); then
      printf 'Runner %s stale' "$(mark red)"
    elif ((age >= 36 * 3600)); then
      printf 'Runner %s stale' "$(mark yellow)"
    elif ((age <= 90)); then
      printf 'Runner %s verified recently' "$(mark green)"
    else
      printf 'Runner %s' "$(mark green)"
    fi
  fi
}

pull_item() {
  local label=$1 state=$2 local_count=$3 remote_count=$4
  if [[ $state == ok* ]]; then
    printf '%s %s/%s %s' "$label" "$local_count" "$remote_count" "$(mark green)"
  else
    printf '%s %s %s' "$label" "$(mark yellow)" "$state"
  fi
}

quota_bar() {
  local pct=$1 cells=24 filled shown colour
  shown=$((pct > 100 ? 100 : pct))
  filled=$(((shown * cells + 50) / 100))
  if ((pct >= 95)); then colour=$C_RED; elif ((pct >= 80)); then colour=$C_ORANGE; else colour=$C_GREEN; fi
  local fill_char=${CDX_QUOTA_FILL_CHAR:-█} empty_char=${CDX_QUOTA_EMPTY_CHAR:-░} bar='' i
  for ((i = 0; i < cells; i++)); do
    ((i < filled)) && bar+=$fill_char || bar+=$empty_char
  done
  printf '%3d%% %s[%s]%s' "$pct" "$colour" "$bar" "$C_RESET"
}

weekly_projection() {
  local used=$1 limit after elapsed projection
  limit=$(int_of "${AUTH[data.chatgpt_usage.secondary_window.limit_seconds]-0}")
  after=$(int_of "${AUTH[data.chatgpt_usage.secondary_window.reset_after_seconds]-0}")
  elapsed=$((limit - after))
  ((limit > 0 && elapsed > 0)) || return 0
  projection=$(((used * limit + elapsed / 2) / elapsed))
  if ((projection >= 100)); then
    printf ' | %sproj 100%% at reset%s' "$C_RED" "$C_RESET"
  else
    printf ' | proj ~%d%% at reset' "$projection"
  fi
}

show_quota_lines() {
  [[ -n ${AUTH[data.chatgpt_usage.status]-} ]] || return 0
  local used5 usedw alert=''
  [[ -n ${RUN[quota_block]}${RUN[quota_warn]} ]] && alert=' ⚠'
  used5=$(int_of "${AUTH[data.chatgpt_usage.primary_window.used_percent]-0}")
  usedw=$(int_of "${AUTH[data.chatgpt_usage.secondary_window.used_percent]-0}")
  summary_line "Quota 5h" "$(quota_bar "$used5") $(reset_text primary_window)"
  if ((RUN[quota_partition] > 0)); then
    summary_line "Quota day" "$(quota_bar "${RUN[quota_daily]:-0}") of daily allowance"
  fi
  summary_line "Quota wk" "$(quota_bar "$usedw") $(reset_text secondary_window)$(weekly_projection "$usedw")$alert"
}

show_summary() {
  compute_quota
  is_silent && return 0
  local -a core=() outcomes=()
  local runner policy result versions mcp
  if [[ ${RUN[auth_status]} == ok ]]; then
    core+=("API $(mark green)" "Auth $(mark green)")
  else
    core+=("API $(mark red) ${RUN[auth_status]}" "Auth $(mark red) ${RUN[auth_reason]}")
    outcomes+=("auth ${RUN[auth_status]}")
  fi
  core+=("$(pull_item Prompts "${RUN[prompts_state]}" "${RUN[prompts_local]:-0}" "${RUN[prompts_remote]:-0}")")
  core+=("$(pull_item Skills "${RUN[skills_state]}" "${RUN[skills_local]:-0}" "${RUN[skills_remote]:-0}")")
  [[ ${RUN[prompts_state]} == ok* ]] || outcomes+=("prompts ${RUN[prompts_state]%% *}")
  [[ ${RUN[skills_state]} == ok* ]] || outcomes+=("skills ${RUN[skills_state]%% *}")
  if runner=$(runner_item); then
    core+=("$runner")
    [[ $runner == *✅* ]] || outcomes+=("runner degraded")
  fi
  mcp=$(mcp_item) || true
  core+=("$mcp")
  [[ $mcp == *unavailable* ]] && outcomes+=("mcp unavailable")
  is_truthy "${AUTH[data.quota_hard_fail]-true}" && policy=Deny || policy=Warn
  core+=("Policy: $policy")
  summary_line Core "$(join_by ' | ' "${core[@]}")"
  versions="codex ${RUN[codex_version]:-unknown}"
  [[ -n ${RUN[codex_target]-} && ${RUN[codex_target]} != "${RUN[codex_version]}" ]] && versions+="→${RUN[codex_target]}"
  versions+=" (${RUN[codex_update]}) | wrapper $WRAPPER_VERSION"
  [[ -n ${RUN[wrapper_target_version]-} && ${RUN[wrapper_target_version]} != "$WRAPPER_VERSION" ]] && versions+="→${RUN[wrapper_target_version]}"
  versions+=" (${RUN[wrapper_update]}) | AGENTS ${RUN[agents_state]} | config.toml ${RUN[config_state]}"
  summary_line Versions "$versions"
  [[ ${RUN[codex_update]} == "Update failed"* ]] && outcomes+=("codex ${RUN[codex_update],}")
  [[ ${RUN[wrapper_update]} == *skipped* || ${RUN[wrapper_update]} == *failed* ]] && outcomes+=("wrapper ${RUN[wrapper_update],}")
  summary_line Usage "calls ${AUTH[data.api_calls]:-?} | tokens total ${AUTH[data.token_usage_month.total]:-0}"
  show_quota_lines
  [[ -n ${RUN[quota_block]} ]] && outcomes+=("quota blocked: ${RUN[quota_block]}")
  [[ -z ${RUN[quota_block]} && -n ${RUN[quota_warn]} ]] && outcomes+=("quota warning: ${RUN[quota_warn]}")
  if ((${#outcomes[@]} == 0)); then
    [[ ${RUN[secure]} == 1 ]] && result="Codex go Brrrr!" || result="Codex to brrrr (insecure host)"
  else
    result=$(join_by '; ' "${outcomes[@]}")
  fi
  is_truthy "${AUTH[data.host.vip]-false}" && result+=" 👑"
  summary_line Result "$result"
}

