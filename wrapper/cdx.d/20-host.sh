# cdx, Host checks. One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

detect_privileges() {
  SUDO=()
  if ((EUID == 0)); then
    RUN[admin]=1
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    RUN[admin]=1
    SUDO=(sudo -n)
  else
    RUN[admin]=0
    log_info "Not root and no passwordless sudo: Codex install/update is skipped."
  fi
}

# The running script's real path. Resolved once when main calls this in its own shell; the $(self_path) of a later step
# then reads it without another readlink.
self_path() {
  [[ -n ${SELF_PATH-} ]] || SELF_PATH=$(readlink -f "${BASH_SOURCE[0]}")
  printf '%s' "$SELF_PATH"
}

resolve_codex_binary() {
  local self candidate resolved
  self=$(self_path)
  local -a candidates=()
  [[ -n ${CDX_CODEX_BIN-} ]] && candidates+=("$CDX_CODEX_BIN")
  candidates+=("$SYSTEM_BIN_DIR/codex" "$CODEX_OPT_DIR/bin/codex")
  while IFS= read -r candidate; do candidates+=("$candidate"); done < <(type -ap codex)
  for candidate in "${candidates[@]}"; do
    [[ -x $candidate && -f $candidate ]] || continue
    resolved=$(readlink -f "$candidate")
    [[ $resolved == "$self" ]] && continue
    CODEX_BIN=$candidate
    log_debug "real Codex binary: $CODEX_BIN"
    return 0
  done
  die "Unable to find the real Codex binary on PATH"
}

package_manager() {
  local id='' id_like=''
  if [[ -r /etc/os-release ]]; then
    id=$(sed -n 's/^ID=//p' /etc/os-release | tr -d '"')
    id_like=$(sed -n 's/^ID_LIKE=//p' /etc/os-release | tr -d '"')
  fi
  case " $id $id_like " in
    *" debian "* | *" ubuntu "*) command -v apt-get >/dev/null && printf 'apt-get' ;;
    *" rhel "* | *" fedora "* | *" centos "*) command -v dnf >/dev/null && printf 'dnf' ;;
  esac
  return 0
}

install_packages() {
  local manager
  manager=$(package_manager)
  [[ -n $manager && ${RUN[admin]} == 1 && $(uname -s) == Linux ]] || return 1
  log_info "Installing $* with $manager"
  if [[ $manager == apt-get ]]; then
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 ||
      { "${SUDO[@]}" apt-get update -qq >/dev/null 2>&1 && "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; }
  else
    "${SUDO[@]}" dnf install -y -q "$@" >/dev/null 2>&1
  fi
}

ensure_host_tools() {
  local tool missing=()
  for tool in curl sha256sum base64 mktemp awk sed grep tar; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  ((${#missing[@]} == 0)) && return 0
  install_packages "${missing[@]}" || die "Required commands missing and not installable: ${missing[*]}"
}

read_local_codex_version() {
  local raw
  { IFS= read -r raw || true; } < <("$CODEX_BIN" -V 2>/dev/null)
  raw=${raw#codex-cli }
  raw=${raw#codex }
  raw=${raw#rust-}
  raw=${raw#v}
  RUN[codex_version]=${raw//[[:space:]]/}
  [[ -n ${RUN[codex_version]} ]] || log_warn "Could not read the local Codex version (codex -V); treating it as unknown."
}

# ---------------------------------------------------------------------------------------------------------------
# Host users (spec/cdx.md 11)

# The POST /host/users body: who runs cdx, on which machine.
host_user_body() {
  local hostname_value
  hostname_value=$(hostname -f 2>/dev/null || hostname 2>/dev/null || printf 'unknown')
  json_fields username "$(id -un)" hostname "$hostname_value"
}

# record_known_users REPLY: KNOWN_USERS from a /host/users answer. Best effort: a failed call changes nothing.
record_known_users() {
  local -n users_reply=$1
  local i count name
  answered_ok users_reply || return 0
  whole_number_to count "${users_reply[data.users.#]-}"
  KNOWN_USERS=()
  for ((i = 0; i < count; i++)); do
    name=${users_reply[data.users.$i.username]-${users_reply[data.users.$i]-}}
    [[ -n $name && " ${KNOWN_USERS[*]} " != *" $name "* ]] && KNOWN_USERS+=("$name")
  done
  return 0
}

# The report on its own (uninstall, and a launch backing off); a launch's sends it with its auth sync (sync_auth).
report_host_user() {
  local -A answer=()
  [[ -n $BASE_URL && -n $API_KEY ]] || return 0
  RUN[host_user_reported]=1
  api_request answer POST /host/users "$(host_user_body)"
  record_known_users answer
}
