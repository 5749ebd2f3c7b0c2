# cdx, --execute (spec/cdx.md 2.1) and --uninstall (spec/cdx.md 12). One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

run_execute() {
  (($# > 0)) || {
    printf 'Usage: cdx --execute "<prompt>" [codex args]\n' >&2
    exit 1
  }
  local prompt=$1 answer status=0
  shift
  answer=$(mktemp "${TMPDIR:-/tmp}/cdx-execute.XXXXXX")
  codex --model gpt-5.1 --sandbox read-only -a untrusted exec --skip-git-repo-check --output-last-message "$answer" \
    "$prompt" "$@" >/dev/null 2>&1 || status=$?
  ((status == 0)) && [[ -s $answer ]] && cat "$answer"
  rm -f "$answer"
  exit "$status"
}

# --uninstall removes what cdx and its installer put on the host and, by default, keeps the user's own data: every
# known user's ~/.codex loses only the fleet's auth.json and cdx's bookkeeping; --purge removes those folders whole.
# A path is removed only when it passes the checks below, whatever a server or the environment supplied.

readonly USER_NAME_PATTERN='^[a-z_][a-z0-9_.-]{0,31}[$]?$'
readonly CDX_STATE_FILES=(auth.json .prompt-baseline.json .skill-baseline.json .profile-baseline .profile-default .cdx-backoff-until)

# An absolute, normalised path at least two levels below /, without symlinks on the way.
removable_path() {
  local path=$1
  [[ $path == /* && $path != *//* && $path != */./* && $path != */../* && $path != */. && $path != */.. ]] || return 1
  [[ $path =~ ^/[^/]+/.+ ]] || return 1
  [[ $(readlink -m -- "$path") == "${path%/}" ]]
}

remove_path() {
  local path=$1
  [[ -e $path || -L $path ]] || return 0
  if ! removable_path "$path"; then
    log_warn "Not removing $path: not a plain absolute path"
    return 0
  fi
  rm -rf -- "$path" 2>/dev/null || { ((${#SUDO[@]} > 0)) && "${SUDO[@]}" rm -rf -- "$path"; } ||
    log_warn "Could not remove $path"
}

# The home of a local account (from the password database only), when its name is a user name and its home a
# real folder owned by that account; nothing otherwise.
user_home() {
  local user=$1 home
  [[ $user =~ $USER_NAME_PATTERN ]] || return 1
  if [[ $user == "$(id -un)" ]]; then
    home=$HOME
  else
    home=$(getent passwd "$user" 2>/dev/null | cut -d: -f6) || return 1
  fi
  removable_path "$home/.codex" && [[ -d $home && ! -L $home ]] || return 1
  [[ $(stat -c %U -- "$home") == "$user" ]] || return 1
  printf '%s' "$home"
}

# One Codex folder: its auth.json and cdx's files by default, the whole folder with --purge.
clean_codex_dir() {
  local dir=$1 owner=$2 name
  [[ -d $dir && ! -L $dir ]] || return 0
  if [[ $(stat -c %U -- "$dir") != "$owner" ]]; then
    log_warn "Not touching $dir: it does not belong to $owner"
    return 0
  fi
  if [[ ${UNINSTALL_PURGE:-0} == 1 ]]; then
    remove_path "$dir"
    return 0
  fi
  for name in "${CDX_STATE_FILES[@]}"; do remove_path "$dir/$name"; done
}

# The users whose Codex folders are cleaned: the current one, and for root the host users the server knows.
uninstall_users() {
  local user
  local -a users=("$(id -un)")
  if ((EUID == 0)); then
    for user in "${KNOWN_USERS[@]}"; do
      [[ " ${users[*]} " == *" $user "* ]] || users+=("$user")
    done
  fi
  printf '%s\n' "${users[@]}"
}

uninstall() {
  local -A answer=()
  local user home
  [[ ${1-} == --purge ]] && UNINSTALL_PURGE=1
  report_host_user
  if [[ -n $BASE_URL && -n $API_KEY ]]; then
    api_request answer DELETE '/auth?force=1'
    answered_ok answer || log_warn "Could not deregister this host: $(failure_reason answer)"
  fi
  remove_path /usr/local/etc/codex-sync.env
  remove_path /etc/codex-sync.env
  remove_path "$HOME/.codex/sync.env"
  while IFS= read -r user; do
    if home=$(user_home "$user"); then
      clean_codex_dir "$home/.codex" "$user"
    else
      log_warn "Skipping user '$user': no local account with a home of its own"
    fi
  done < <(uninstall_users)
  [[ -n ${CODEX_HOME-} ]] && clean_codex_dir "$CODEX_HOME" "$(id -un)"
  forget_signin
  # The fleet's Claude Code token goes like the fleet's auth.json; the rest of the agent env file is the user's.
  remove_env_entry "$(agent_env_file)" "$CLAUDE_TOKEN_KEY" || log_warn "Could not remove $CLAUDE_TOKEN_KEY from $(agent_env_file)"
  remove_path "$KEY_FILE_USER"
  ((EUID == 0)) && remove_path "$KEY_FILE_SYSTEM"
  remove_path "$SYSTEM_BIN_DIR/cdx"
  remove_path "$HOME/.local/bin/cdx"
  remove_path "$SYSTEM_BIN_DIR/codex"
  remove_path "$HOME/.local/bin/codex"
  [[ ${CODEX_OPT_DIR##*/} == codex ]] && remove_path "$CODEX_OPT_DIR"
  if command -v npm >/dev/null 2>&1 && npm list -g @openai/codex >/dev/null 2>&1; then
    "${SUDO[@]}" npm uninstall -g @openai/codex >/dev/null 2>&1 || log_warn "npm uninstall -g @openai/codex failed"
  fi
  if [[ ${UNINSTALL_PURGE:-0} == 1 ]]; then
    printf 'Codex uninstall complete\n'
  else
    printf 'Codex uninstall complete (Codex settings, sessions, prompts and skills kept; cdx --uninstall --purge removes them)\n'
  fi
  exit 0
}
