# cdx, After Codex exits (spec/cdx.md 10). One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

# Also the EXIT trap while Codex runs, so a signal that ends cdx still reports usage and pushes.
after_codex() {
  local status=${RUN[codex_status]:-$?}
  trap - EXIT
  report_usage || true
  push_auth || true
  push_prompts || true
  push_skills || true
  purge_insecure_credentials
  rm -rf "$WORK_DIR"
  exit "$status"
}

# spec/cdx.md 10.2: the host's auth.json goes back to the server when Codex refreshed it during the run, which is
# when its last_refresh changed (a rewrite that keeps last_refresh holds no newer tokens).
push_auth() {
  local file="$CODEX_DIR/auth.json" now=''
  [[ -f $file ]] && now=$(auth_last_refresh)
  if [[ -z $now && -z ${RUN[auth_last_refresh]-} ]]; then
    log_debug "Auth push | skipped | no last_refresh before or after the run"
  elif [[ $now == "${RUN[auth_last_refresh]-}" ]]; then
    log_debug "Auth push | not-needed | last_refresh unchanged"
  elif [[ ! -f $file ]]; then
    log_debug "Auth push | skipped | auth.json removed during the run"
  else
    sync_auth
    if [[ ${RUN[auth_status]} == ok ]]; then
      log_info "Auth push | uploaded | auth.json refreshed during the run"
    else
      log_warn "Auth push | failed | ${RUN[auth_status]} ${RUN[auth_reason]}"
    fi
  fi
}

# Prompts and skills changed during the run go to the server (last writer wins; deletions are not pushed).
push_prompts() {
  [[ -f $CODEX_DIR/.prompt-baseline.json && ${RUN[auth_status]} == ok ]] || return 0
  local -A baseline=() current=() answer=()
  local name errors=0 pushed=0
  read_baseline baseline "$CODEX_DIR/.prompt-baseline.json"
  local_index_prompts current
  for name in "${!current[@]}"; do
    [[ ${current[$name]} == "${baseline[$name]-}" ]] && continue
    [[ $name =~ $NAME_PATTERN ]] || continue
    api_request answer POST /slash-commands/store "$(json_fields filename "$name" content_b64 "$(base64 -w0 <"$CODEX_DIR/prompts/$name")" sha256 "${current[$name]}")"
    if answered_ok answer; then pushed=$((pushed + 1)); else
      errors=$((errors + 1))
      log_warn "Prompt push | failed | $name: $(failure_reason answer)"
    fi
  done
  ((errors == 0)) && write_baseline current "$CODEX_DIR/.prompt-baseline.json"
  ((pushed > 0)) && log_info "Prompt push | ok | $pushed pushed"
  return 0
}

# name/description of a skill: SKILL.md front matter, or the keys of a legacy JSON manifest.
skill_metadata() {
  local file=$1 key=$2
  if [[ $(head -c 1 "$file") == '{' ]]; then
    local pattern=$key
    [[ $key == name ]] && pattern='(display_name|name)'
    sed 's/[,{}]/\n/g' <"$file" | sed -nE "/\"$pattern\"[[:space:]]*:[[:space:]]*\"/{s/.*:[[:space:]]*\"([^\"]*)\".*/\\1/p;q}"
  else
    awk -v key="$key" '
      NR == 1 { if ($0 ~ /^---[[:space:]]*$/) { inside = 1; next } else exit }
      inside && /^---[[:space:]]*$/ { exit }
      inside {
        split($0, parts, ":"); k = parts[1]; gsub(/^[[:space:]]+|[[:space:]]+$/, "", k)
        if (tolower(k) == key) {
          v = substr($0, index($0, ":") + 1); gsub(/^[[:space:]]+|[[:space:]]+$/, "", v)
          gsub(/^["'\'']|["'\'']$/, "", v); print v; exit
        }
      }' "$file"
  fi
}

push_skills() {
  [[ -f $CODEX_DIR/.skill-baseline.json && ${RUN[auth_status]} == ok ]] || return 0
  local -A baseline=() current=() answer=()
  local slug file errors=0 pushed=0
  local -a fields
  read_baseline baseline "$CODEX_DIR/.skill-baseline.json"
  local_index_skills current
  for slug in "${!current[@]}"; do
    [[ ${current[$slug]} == "${baseline[$slug]-}" ]] && continue
    [[ $slug =~ $NAME_PATTERN ]] || continue
    file="$CODEX_DIR/skills/$slug/SKILL.md"
    [[ -f $file ]] || file="$CODEX_DIR/skills/$slug"
    fields=(slug "$slug" content_b64 "$(base64 -w0 <"$file")" sha256 "${current[$slug]}")
    local display description
    display=$(skill_metadata "$file" name)
    description=$(skill_metadata "$file" description)
    [[ -n $display ]] && fields+=(display_name "$display")
    [[ -n $description ]] && fields+=(description "$description")
    api_request answer POST /skills/store "$(json_fields "${fields[@]}")"
    if answered_ok answer; then pushed=$((pushed + 1)); else
      errors=$((errors + 1))
      log_warn "Skill push | failed | $slug: $(failure_reason answer)"
    fi
  done
  ((errors == 0)) && write_baseline current "$CODEX_DIR/.skill-baseline.json"
  ((pushed > 0)) && log_info "Skill push | ok | $pushed pushed"
  return 0
}

# On an insecure host the fleet's credentials are not left at rest, whichever way the run ends: auth.json once this
# run wrote it or Codex ran on it, the Claude Code token once this run fetched it or Claude ran on it.
purge_insecure_credentials() {
  [[ ${RUN[secure]} == 1 ]] && return 0
  if [[ ${RUN[codex_started]:-} == 1 || ${RUN[auth_written]:-} == 1 ]]; then
    rm -f "$CODEX_DIR/auth.json"
    log_info "Insecure host: auth.json removed."
  fi
  purge_claude_token
}

