# cdx, Launch gate (spec/cdx.md 8). One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

offline_max_age_seconds() {
  local hours=${CDX_OFFLINE_MAX_AGE_HOURS:-}
  if [[ ! $hours =~ ^[0-9]+$ ]]; then
    [[ ${RUN[secure]} == 1 ]] && hours=168 || hours=24
  fi
  printf '%d' "$((hours * 3600))"
}

auth_allows_launch() {
  case "${RUN[auth_status]}" in
    ok) return 0 ;;
    offline | rate-limited)
      if [[ ! -f $CODEX_DIR/auth.json ]]; then
        RUN[refusal]="server unreachable (${RUN[auth_reason]}) and no cached auth.json"
        return 1
      fi
      if [[ ${RUN[auth_age]} != future ]] && ((${RUN[auth_age_seconds]:-0} <= $(offline_max_age_seconds))); then
        log_warn "Server unreachable (${RUN[auth_reason]}); using cached auth.json (last_refresh ${RUN[auth_last_refresh]:-unknown})."
        return 0
      fi
      RUN[refusal]="server unreachable (${RUN[auth_reason]}) and cached auth.json older than allowed window"
      return 1
      ;;
    invalid) RUN[refusal]="the server rejected this host's API key (Invalid API key); re-register the host" ;;
    missing-config) RUN[refusal]="cdx has no server URL or API key baked in; reinstall it" ;;
    disabled) RUN[refusal]="the Codex auth API is disabled by the administrator" ;;
    insecure) RUN[refusal]="insecure host window closed; ask an admin to open it" ;;
    *) RUN[refusal]="auth sync failed: ${RUN[auth_reason]}" ;;
  esac
  return 1
}

# Quota numbers from /auth (spec/cdx.md 8.2; daily allowance from the server, formula as fallback).
compute_quota() {
  local limit partition allowance daily used5 usedw
  RUN[quota_block]=''
  RUN[quota_warn]=''
  whole_number_to limit "${AUTH[data.quota_limit_percent]-100}" 100
  ((limit < 50)) && limit=50
  ((limit > 100)) && limit=100
  partition=$(int_of "${AUTH[data.quota_week_partition]-0}")
  [[ $partition == 5 || $partition == 7 ]] || partition=0
  RUN[quota_limit]=$limit RUN[quota_partition]=$partition
  [[ -n ${AUTH[data.chatgpt_usage.status]-} ]] || return 0
  used5=${AUTH[data.chatgpt_usage.primary_window.used_percent]-}
  usedw=${AUTH[data.chatgpt_usage.secondary_window.used_percent]-}
  daily=${AUTH[data.chatgpt_usage.daily_used_percent]-}
  RUN[quota_daily]=''
  if ((partition > 0)) && is_number "$usedw" && is_number "$daily"; then
    allowance=$(int_of "${AUTH[data.daily_allowance_percent]-}")
    ((allowance > 0)) || allowance=$(((limit + partition / 2) / partition))
    ((allowance > 0)) || allowance=1
    RUN[quota_daily]=$((($(int_of "$daily") * 100 + allowance / 2) / allowance))
    ((RUN[quota_daily] > 999)) && RUN[quota_daily]=999
  fi
  [[ ${AUTH[data.chatgpt_usage.status]} == limit_reached ]] && add_quota_reason block "ChatGPT limit reached"
  quota_check "5h" "$used5" "$limit" primary_window
  quota_check "week" "$usedw" "$limit" secondary_window
  if [[ -n ${RUN[quota_daily]} ]]; then
    if ((RUN[quota_daily] >= limit)); then
      add_quota_reason block "daily allowance reached (${RUN[quota_daily]}% of allowance; $(reset_text secondary_window))"
    elif ((RUN[quota_daily] >= limit - 10)); then
      add_quota_reason warn "daily allowance high (${RUN[quota_daily]}% of allowance; $(reset_text secondary_window))"
    fi
  fi
  return 0
}

quota_check() {
  local label=$1 used=$2 limit=$3 window=$4 pct
  is_number "$used" || return 0
  pct=$(int_of "$used")
  if ((pct >= limit)); then
    add_quota_reason block "$label quota reached ($pct% used; $(reset_text "$window"))"
  elif ((pct >= limit - 10)); then
    add_quota_reason warn "$label quota high ($pct% used; $(reset_text "$window"))"
  fi
}

add_quota_reason() {
  local kind=$1 text=$2
  RUN[quota_$kind]+="${RUN[quota_$kind]:+; }$text"
}

duration_text() {
  local seconds=$1 out=''
  (((seconds / 86400) > 0)) && out+="$((seconds / 86400))d "
  ((((seconds % 86400) / 3600) > 0)) && out+="$(((seconds % 86400) / 3600))h "
  out+="$(((seconds % 3600) / 60))m"
  printf '%s' "$out"
}

reset_text() {
  local window=$1 after at
  after=${AUTH[data.chatgpt_usage.$window.reset_after_seconds]-}
  at=$(decode "${AUTH[data.chatgpt_usage.$window.reset_at]-}")
  if is_number "$after"; then
    printf 'resets in %s' "$(duration_text "$(int_of "$after")")"
  elif [[ -n $at ]]; then
    printf 'resets @ %s' "$at"
  else
    printf 'reset unknown'
  fi
}

quota_allows_launch() {
  [[ ${RUN[auth_status]} == ok ]] || return 0
  if [[ -n ${RUN[quota_block]} ]]; then
    if is_truthy "${AUTH[data.quota_hard_fail]-true}"; then
      RUN[refusal]="ChatGPT quota reached: ${RUN[quota_block]}"
      return 1
    fi
    log_warn "ChatGPT quota reached: ${RUN[quota_block]}. Continuing (warn mode)."
  elif [[ -n ${RUN[quota_warn]} ]]; then
    log_warn "ChatGPT quota near limit: ${RUN[quota_warn]}"
  fi
  return 0
}

launch_gate() {
  if ! auth_allows_launch || ! quota_allows_launch; then
    log_error "Codex launch refused: ${RUN[refusal]}"
    exit 1
  fi
}

