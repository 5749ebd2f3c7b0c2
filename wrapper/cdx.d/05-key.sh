# cdx, the host API key (docs/cdx.md "The host key"). One part of wrapper/cdx.d; wrapper/assemble joins the parts in
# name order into the script hosts get.
set -euo pipefail

# The key lives in a file only its owner can read: ~/.config/cdx/api-key (0600) for a per-user install, or
# /etc/cdx/api-key (root, group cdx, 0640) for a system install. The script itself carries no secret, so it can be
# 0755 and read by anyone.

readonly KEY_PATTERN='^[A-Za-z0-9]{16,128}$'

# Sets API_KEY from the first key file that exists; an unreadable one is reported, not skipped silently.
load_api_key() {
  local file value
  API_KEY=''
  RUN[key_source]=''
  for file in "$KEY_FILE_USER" "$KEY_FILE_SYSTEM"; do
    [[ -e $file ]] || continue
    if [[ ! -r $file ]]; then
      RUN[key_problem]="cannot read the host key $file (ask an admin to add $(id -un) to its group)"
      continue
    fi
    IFS= read -r -d '' value <"$file" || true
    value=${value//[[:space:]]/}
    if [[ ! $value =~ $KEY_PATTERN ]]; then
      RUN[key_problem]="the host key file $file holds no key"
      continue
    fi
    API_KEY=$value
    RUN[key_source]=$file
    return 0
  done
}

# Writes KEY to FILE readable by its owner only (and by GROUP when given), never through a command line. Each step is
# checked here (callers run it in a condition, where set -e is off): a failed write leaves FILE as it was.
write_key_file() {
  local key=$1 file=$2 group=${3-} tmp
  mkdir -p "$(dirname "$file")" || return 1
  tmp=$(umask 077 && mktemp "$(dirname "$file")/.api-key.XXXXXX") || return 1
  if printf '%s\n' "$key" >"$tmp" &&
    { if [[ -n $group ]] && chgrp "$group" "$tmp" 2>/dev/null; then chmod 640 "$tmp"; else chmod 600 "$tmp"; fi; } &&
    mv -f "$tmp" "$file"; then
    return 0
  fi
  rm -f "$tmp"
  return 1
}

# Where this host's key belongs: the system file when root runs a system-wide cdx, else the user's file.
key_file_for_this_install() {
  if ((EUID == 0)) && [[ $(self_path) == "$SYSTEM_BIN_DIR"/* ]]; then printf '%s' "$KEY_FILE_SYSTEM"; else printf '%s' "$KEY_FILE_USER"; fi
}

# The script as the server serves it now: the same bytes with an empty baked key.
keyless_copy() {
  sed 's/^BAKED_API_KEY="[^"]*"$/BAKED_API_KEY=""/' "$(self_path)" >"$1"
}

# A copy that still carries its key (served to an older wrapper that updated to this one) moves the key into the
# key file and replaces itself with the keyless bytes, when the server announces exactly those; no download needed.
move_baked_key_to_file() {
  local target_sha=$1 copy="$WORK_DIR/cdx-keyless" file group=''
  [[ ${RUN[key_source]} == baked && -n $API_KEY && -n $target_sha ]] || return 1
  keyless_copy "$copy"
  [[ $(sha256_of "$copy") == "$target_sha" ]] || return 1
  file=$(key_file_for_this_install)
  [[ $file == "$KEY_FILE_SYSTEM" ]] && getent group cdx >/dev/null 2>&1 && group=cdx
  write_key_file "$API_KEY" "$file" "$group" || return 1
  replace_self "$copy" || { log_warn "The host key is now in $file; this copy of cdx still carries it (cannot rewrite $(self_path))."; return 0; }
  RUN[key_source]=$file
  log_info "The host key moved from the cdx script into $file."
}

# `cdx --mcp-headers`: the http_headers_helper of the managed MCP entry. Codex runs it (with or without cdx around
# it) and sends what it prints; it prints the header and nothing else, and fails on stderr when there is no key.
print_mcp_headers() {
  if [[ -z $API_KEY ]]; then
    printf 'cdx: no host key for the MCP server: %s\n' "${RUN[key_problem]:-no key file ($KEY_FILE_USER or $KEY_FILE_SYSTEM)}" >&2
    exit 1
  fi
  printf '{"Authorization":"Bearer %s"}\n' "$API_KEY"
  exit 0
}
