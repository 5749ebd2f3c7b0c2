# cdx, the fleet's Claude Code credential: fetched after the auth sync into the agent env file, and `cdx claude`
# (docs/cdx.md "Claude Code"). One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order.
set -euo pipefail

readonly CLAUDE_TOKEN_KEY=CLAUDE_CODE_OAUTH_TOKEN
readonly CLAUDE_TOKEN_PATTERN='^[A-Za-z0-9._~+/=:-]{8,4096}$'
readonly ENV_NAME_PATTERN='^[A-Za-z_][A-Za-z0-9_]*$'

agent_env_file() { printf '%s' "${CDX_AGENT_ENV_FILE:-${XDG_CONFIG_HOME:-$HOME/.config}/cdx/agent.env}"; }

# env_file_value FILE KEY: the value of the last KEY= line (optionally `export KEY=`, optionally quoted).
env_file_value() {
  local file=$1 key=$2 line value='' found=1
  [[ -r $file ]] || return 1
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?$key=(.*)$ ]]; then
      value=${BASH_REMATCH[2]}
      found=0
    fi
  done <"$file"
  ((found == 0)) || return 1
  value=${value%$'\r'}
  if [[ $value =~ ^\"(.*)\"[[:space:]]*$ || $value =~ ^\'(.*)\'[[:space:]]*$ ]]; then value=${BASH_REMATCH[1]}; fi
  printf '%s' "$value"
}

# upsert_env_entry FILE KEY VALUE: sets KEY=VALUE by editing lines: the first KEY line is replaced in place (keeping
# an `export ` prefix), later KEY lines are dropped, every other line (comments, blanks, other keys) is kept as it
# was; without a KEY line the entry is appended. The new file is written beside the old one, mode 0600, then moved
# over it, so a reader sees the old file or the new one, never half of one.
upsert_env_entry() { edit_env_entry "$1" "$2" set "$3"; }

# remove_env_entry FILE KEY: drops every KEY line the same way (nothing happens when there is none).
remove_env_entry() {
  [[ -f $1 ]] && env_file_value "$1" "$2" >/dev/null || return 0
  edit_env_entry "$1" "$2" remove ''
}

edit_env_entry() {
  local file=$1 key=$2 action=$3 value=$4 target dir tmp
  [[ $key =~ $ENV_NAME_PATTERN && $value != *$'\n'* ]] || return 1
  target=$(readlink -m -- "$file")
  dir=$(dirname "$target")
  (umask 077 && mkdir -p "$dir") || return 1
  tmp=$(umask 077 && mktemp "$dir/.agent-env.XXXXXX") || return 1
  if [[ -f $target ]]; then
    KEY=$key VALUE=$value ACTION=$action awk '
      BEGIN { key = ENVIRON["KEY"]; value = ENVIRON["VALUE"]; done = (ENVIRON["ACTION"] == "remove") }
      $0 ~ "^[[:space:]]*(export[[:space:]]+)?" key "=" {
        if (!done) print (($0 ~ /^[[:space:]]*export[[:space:]]/) ? "export " : "") key "=" value
        done = 1
        next
      }
      { print }
      END { if (!done) print key "=" value }' "$target" >"$tmp"
  else
    printf '%s=%s\n' "$key" "$value" >"$tmp"
  fi && chmod 600 "$tmp" && mv -f "$tmp" "$target" && return 0
  rm -f "$tmp"
  return 1
}

# The POST /claude/retrieve body: the sha256 of the token this host holds (empty when none).
claude_token_request() {
  local held sha=''
  held=$(env_file_value "$(agent_env_file)" "$CLAUDE_TOKEN_KEY") || held=''
  [[ -n $held ]] && sha=$(printf "%s" "$held" | sha256sum | cut -d' ' -f1)
  json_fields sha256 "$sha"
}

# sync_claude_token REPLY: from the /claude/retrieve answer made after the auth sync (pull_artifacts), `ok` writes the
# new token, `unchanged` and `missing` leave the file alone. Any failure is a warning and never stops cdx.
sync_claude_token() {
  [[ ${RUN[auth_status]-} == ok ]] || return 0
  local -n claude_reply=$1
  local file token state
  file=$(agent_env_file)
  if ! answered_ok claude_reply; then
    # A server without Claude Code support (older than this wrapper) answers 404: nothing to do.
    if [[ ${claude_reply[http_status]} == 404 ]]; then
      log_debug "Claude Code token: the server has none to offer (http-404)"
    else
      log_warn "Claude Code token not updated: $(failure_reason claude_reply)"
    fi
    RUN[claude_token]=error
    return 0
  fi
  state=${claude_reply[data.status]-}
  case "$state" in
    ok)
      token=$(decode "${claude_reply[data.token]-}")
      if [[ ! $token =~ $CLAUDE_TOKEN_PATTERN ]]; then
        log_warn "Claude Code token not updated: the server's token is not a plain value"
        RUN[claude_token]=error
      elif upsert_env_entry "$file" "$CLAUDE_TOKEN_KEY" "$token"; then
        log_info "Claude Code token updated in $file"
        RUN[claude_token]=updated
      else
        log_warn "Claude Code token not updated: cannot write $file"
        RUN[claude_token]=error
      fi
      ;;
    unchanged | missing) RUN[claude_token]=$state ;;
    *)
      log_warn "Claude Code token not updated: unexpected status '${state:0:40}'"
      RUN[claude_token]=error
      ;;
  esac
  return 0
}

# Removes the token line on an insecure host (purge_insecure_credentials), keeping the file's other keys.
purge_claude_token() {
  [[ ${RUN[claude_token]:-} == updated || ${RUN[claude_token]:-} == unchanged || ${RUN[claude_started]:-} == 1 ]] || return 0
  local file
  file=$(agent_env_file)
  env_file_value "$file" "$CLAUDE_TOKEN_KEY" >/dev/null || return 0
  if remove_env_entry "$file" "$CLAUDE_TOKEN_KEY"; then
    log_info "Insecure host: $CLAUDE_TOKEN_KEY removed from $file."
  else
    log_warn "Insecure host: could not remove $CLAUDE_TOKEN_KEY from $file"
  fi
}

# The Claude Code token asked for on its own call (cdx claude, which pulls nothing else).
# shellcheck disable=SC2034 # the answer is filled and read through namerefs
sync_claude_token_alone() {
  [[ ${RUN[auth_status]-} == ok ]] || return 0
  local -A token_answer=()
  api_request token_answer POST /claude/retrieve "$(claude_token_request)" 15
  sync_claude_token token_answer
}

# Exports the KEY=VALUE lines of the agent env file (comments and other lines ignored; nothing in it is executed).
export_agent_env() {
  local file line name value
  file=$(agent_env_file)
  [[ -r $file ]] || return 0
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[2]}
    value=${BASH_REMATCH[3]%$'\r'}
    if [[ $value =~ ^\"(.*)\"[[:space:]]*$ || $value =~ ^\'(.*)\'[[:space:]]*$ ]]; then value=${BASH_REMATCH[1]}; fi
    export "$name=$value"
  done <"$file"
}

# `cdx claude [args]`: the auth sync and the Claude Code token, then Claude Code with the agent env; exit 127 when
# claude is not installed, 1 when the server refused this host, else Claude's own status.
run_claude() {
  local claude status=0
  claude=$(type -P claude) || { log_error "Claude Code (claude) is not installed on this host."; exit 127; }
  sync_auth
  sync_claude_token_alone
  case "${RUN[auth_status]}" in
    invalid | disabled | insecure | missing-config)
      auth_allows_launch || true
      log_error "Claude Code launch refused: ${RUN[refusal]}"
      exit 1
      ;;
  esac
  export_agent_env
  RUN[claude_started]=1
  "$claude" "$@" || status=$?
  exit "$status"
}
