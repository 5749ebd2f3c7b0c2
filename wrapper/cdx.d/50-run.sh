# cdx, Running Codex (spec/cdx.md 9.3-9.5). One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

profile_exists() {
  local name=$1
  [[ $name =~ ^[A-Za-z0-9_-]+$ ]] || return 1
  [[ -f $CODEX_DIR/$name.config.toml ]] && return 0
  [[ -f $CODEX_DIR/config.toml ]] && grep -Eq "^[[:space:]]*\[profiles\.$name\][[:space:]]*$" "$CODEX_DIR/config.toml"
}

# The fleet's default profile (config.toml can no longer name it for Codex 0.169), unless the user picked one.
default_profile() {
  local name arg
  for arg in "${CODEX_ARGS[@]}"; do
    [[ $arg == --profile || $arg == --profile=* || $arg == -p ]] && return 1
  done
  [[ -f $CODEX_DIR/.profile-default ]] || return 1
  name=$(head -n 1 "$CODEX_DIR/.profile-default")
  [[ $name =~ ^[A-Za-z0-9_-]+$ && -f $CODEX_DIR/$name.config.toml ]] || return 1
  printf '%s' "$name"
}

# The subcommand of a Codex command line: its first word that is neither an option nor an option's value.
codex_subcommand() {
  local arg skip=0
  for arg in "$@"; do
    if ((skip)); then
      skip=0
    elif [[ $arg == -c || $arg == --config || $arg == -m || $arg == --model || $arg == -p || $arg == --profile ||
      $arg == -i || $arg == --image || $arg == -s || $arg == --sandbox || $arg == -a || $arg == --ask-for-approval ||
      $arg == -C || $arg == --cd || $arg == --add-dir || $arg == --enable || $arg == --disable || $arg == --remote ||
      $arg == --local-provider ]]; then
      skip=1
    elif [[ $arg != -* ]]; then
      printf '%s' "$arg"
      return 0
    fi
  done
}

# Codex 0.169 refuses --profile for all but its runtime commands ("--profile only applies to runtime commands"):
# the session itself (no subcommand, or a prompt), exec, review, resume, queue, archive, delete, unarchive, fork,
# mcp, migrate-nfs-db, sandbox and debug prompt-input.
codex_takes_profile() {
  local subcommand
  subcommand=$(codex_subcommand "$@")
  case "$subcommand" in
    login | logout | plugin | app-server | remote-control | completion | update | doctor | apply | a | agents | \
      migrate-rollouts | cloud | exec-server | features | help | mcp-server) return 1 ;;
    debug)
      local arg seen=0
      for arg in "$@"; do
        ((seen)) && { [[ $arg == prompt-input ]]; return; }
        [[ $arg == debug ]] && seen=1
      done
      return 1
      ;;
  esac
  return 0
}

build_final_args() {
  local -n final=$1
  local profile='' word=$PROFILE_CANDIDATE
  final=()
  [[ -n $HOST_EFFORT ]] && final+=(--config "model_reasoning_effort=$HOST_EFFORT")
  [[ -n $HOST_MODEL ]] && final+=(--model "$HOST_MODEL")
  if [[ -n $word ]] && profile_exists "$word"; then
    profile=$word
    word=''
  else
    profile=$(default_profile) || profile=''
  fi
  if [[ -n $profile ]] && ! codex_takes_profile ${word:+"$word"} "${CODEX_ARGS[@]}"; then
    log_debug "profile $profile not passed: codex $(codex_subcommand ${word:+"$word"} "${CODEX_ARGS[@]}") takes no --profile"
    profile=''
  fi
  [[ -n $profile ]] && final+=(--profile "$profile")
  [[ -n $word ]] && final+=("$word")
  final+=("${CODEX_ARGS[@]}")
}

# The [otel] table as the config builder writes it (spec/sync.md 2.3): environment, exporter either a string or
# { otlp-http|otlp-grpc = { endpoint, protocol?, headers? } }, log_user_prompt.
otel_table() {
  awk '/^[[:space:]]*\[/ { inside = ($0 ~ /^[[:space:]]*\[otel\][[:space:]]*$/); next } inside' "$CODEX_DIR/config.toml"
}

toml_value() {
  local text=$1 key=$2
  [[ $text =~ (^|[[:space:],{])\"?$key\"?[[:space:]]*=[[:space:]]*\"([^\"]*)\" ]] && printf '%s' "${BASH_REMATCH[2]}"
  return 0
}

export_otel_env() {
  [[ -f $CODEX_DIR/config.toml ]] || return 0
  local table exporter_line kind='' endpoint protocol headers environment prompt_line
  table=$(otel_table)
  [[ -n $table ]] || return 0
  exporter_line=$(grep -E '^[[:space:]]*exporter[[:space:]]*=' <<<"$table" | head -n 1) || exporter_line=''
  case "$exporter_line" in
    *otlp-http*) kind=http ;;
    *otlp-grpc*) kind=grpc ;;
    *) return 0 ;;
  esac
  environment=$(toml_value "$table" environment)
  endpoint=$(toml_value "$exporter_line" endpoint)
  protocol=$(toml_value "$exporter_line" protocol)
  export OTEL_SERVICE_NAME=cdx
  [[ -n $environment ]] && export OTEL_RESOURCE_ATTRIBUTES="deployment.environment=$environment"
  export OTEL_TRACES_EXPORTER=otlp
  if [[ $kind == grpc ]]; then
    export OTEL_EXPORTER_OTLP_PROTOCOL=grpc
  else
    # The builder writes Codex's names for the HTTP encodings; OpenTelemetry's environment uses its own.
    case "$protocol" in
      json) export OTEL_EXPORTER_OTLP_PROTOCOL=http/json ;;
      binary | '') export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf ;;
      *) export OTEL_EXPORTER_OTLP_PROTOCOL=$protocol ;;
    esac
  fi
  [[ -n $endpoint ]] && export OTEL_EXPORTER_OTLP_ENDPOINT=$endpoint
  if [[ $exporter_line =~ headers[[:space:]]*=[[:space:]]*\{([^}]*)\} ]]; then
    headers=$(sed -E 's/[[:space:]]*"?([^"=,[:space:]]+)"?[[:space:]]*=[[:space:]]*"([^"]*)"[[:space:]]*/\1=\2/g' <<<"${BASH_REMATCH[1]}")
    [[ -n $headers ]] && export OTEL_EXPORTER_OTLP_HEADERS=$headers
  fi
  prompt_line=$(grep -E '^[[:space:]]*log_user_prompt[[:space:]]*=' <<<"$table" | head -n 1) || prompt_line=''
  [[ $prompt_line == *true* ]] && export CODEX_OTEL_LOG_USER_PROMPT=true
  [[ $prompt_line == *false* ]] && export CODEX_OTEL_LOG_USER_PROMPT=false
  return 0
}

# Runs Codex once and reports its status; output is captured for the usage report when possible.
run_codex() {
  local capture=$1
  shift
  local status=0
  if [[ -t 1 && ${CODEX_NO_PTY:-0} != 1 ]]; then
    if [[ ${CODEX_NO_SCRIPT:-0} != 1 ]] && command -v script >/dev/null 2>&1; then
      printf 'exec %s\n' "$(printf '%q ' "$CODEX_BIN" "$@")" >"$WORK_DIR/launch.sh"
      script -qef -c "bash $(printf '%q' "$WORK_DIR/launch.sh")" "$capture" || status=$?
    else
      "$CODEX_BIN" "$@" || status=$?
    fi
  else
    "$CODEX_BIN" "$@" 2>&1 | tee "$capture" || status=${PIPESTATUS[0]}
  fi
  return "$status"
}

run_codex_session() {
  local -a codex_argv
  local capture="$WORK_DIR/capture" status=0
  build_final_args codex_argv
  export_otel_env
  : >"$capture"
  snapshot_rollouts "$WORK_DIR/rollouts-before"
  trap after_codex EXIT
  trap ':' INT
  RUN[codex_started]=1
  log_debug "codex ${codex_argv[*]}"
  # Codex gets no key: the MCP entry asks `cdx --mcp-headers` for it (config.toml http_headers_helper).
  run_codex "$capture" "${codex_argv[@]}" || status=$?
  RUN[codex_status]=$status
  after_codex
}

