# cdx, Files. One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

setup_work_dir() {
  WORK_DIR=$(umask 077 && mktemp -d "${TMPDIR:-/tmp}/cdx.XXXXXX")
  trap end_of_run EXIT
  # The key reaches curl through this file (-H @file), never through a command line.
  (umask 077 && printf 'X-API-Key: %s\n' "$API_KEY" >"$WORK_DIR/key-header")
  (umask 077 && printf 'Authorization: Bearer %s\n' "$API_KEY" >"$WORK_DIR/bearer-header")
  [[ -d $CODEX_DIR ]] || mkdir -p "$CODEX_DIR"
}

# The EXIT trap of every run but a Codex session's (after_codex takes over then): cdx claude, --update, a refused
# launch also leave no fleet credential behind on an insecure host.
# shellcheck disable=SC2317 # called by the EXIT trap
end_of_run() {
  purge_insecure_credentials
  rm -rf "$WORK_DIR"
}

sha256_of() {
  local sum _
  read -r sum _ < <(sha256sum <"$1")
  printf '%s' "$sum"
}

# hash_files_into HASHES DIR NAME...: HASHES[NAME] = sha256 of DIR/NAME for each NAME sha256sum can read, one
# sha256sum per thousand files (one per file made a sync of many prompts cost several processes a file). sha256sum marks
# a line whose path it escaped (a backslash or a line break in it) with a leading backslash; %b undoes the escapes.
# shellcheck disable=SC2034 # fills the caller's array through a nameref
hash_files_into() {
  local -n hashes_out=$1
  local dir=$2 line path
  shift 2
  hashes_out=()
  (($# > 0)) || return 0
  while IFS= read -r line; do
    if [[ $line == \\* ]]; then
      printf -v path '%b' "${line:67}"
      hashes_out["${path#"$dir/"}"]=${line:1:64}
    else
      path=${line:66}
      hashes_out["${path#"$dir/"}"]=${line:0:64}
    fi
  done < <(sha256sum_in_batches "${@/#/$dir/}")
  return 0
}

# One sha256sum a thousand paths: all of a large folder's in one command line would pass the kernel's limit on a
# command's arguments, and the folder would look empty (every file fetched again on every launch).
sha256sum_in_batches() {
  local first
  for ((first = 1; first <= $#; first += 1000)); do
    sha256sum -- "${@:first:1000}" 2>/dev/null || true
  done
}

# create_temp_in NAME DIR: NAME gets the path of a new empty file in DIR, one of cdx's own folders, for a replacement
# renamed over its target. The shell creates it itself, exclusively (noclobber opens with O_EXCL) and with the mode a
# new file gets under the umask, so a written file costs one process (the mv) instead of four.
create_temp_in() {
  local -n created=$1
  local dir=$2 tries=8
  while ((tries-- > 0)); do
    created="$dir/.cdx-new.$BASHPID.$RANDOM$RANDOM"
    set -C
    if { printf '' >"$created"; } 2>/dev/null; then
      set +C
      return 0
    fi
    set +C
  done
  log_warn "Cannot create a file in $dir"
  return 1
}

# Replaces FILE with the decoded line-format VALUE (docs/cdx-protocol.md 1), through a temp file in the same folder.
# Pulls run it in conditions (set -e off there) and must not stop cdx: each step is checked, a failure warned.
write_decoded() {
  local file=$1 value=$2 dir=.
  [[ $file == */* ]] && dir=${file%/*}
  dir=${dir:-/}
  [[ -d $dir ]] || mkdir -p "$dir" 2>/dev/null || { log_warn "Cannot create the folder $dir"; return 1; }
  replace_through_temp "$file" "$dir" '%b' "$value"
}

# replace_through_temp FILE DIR FORMAT VALUE: VALUE through `printf FORMAT` into a new file in DIR, renamed over FILE,
# so a reader sees the old bytes or the new ones and a failed write leaves the old file as it was.
replace_through_temp() {
  local file=$1 dir=$2 format=$3 value=$4 tmp
  create_temp_in tmp "$dir" || return 1
  # shellcheck disable=SC2059 # the format is one of this script's own: %b or %s
  if printf "$format" "$value" >"$tmp" && mv -f "$tmp" "$file"; then
    return 0
  fi
  rm -f "$tmp"
  log_warn "Cannot write $file"
  return 1
}

# auth.json is 0600 from its first byte: mktemp creates it so, and the bytes come from base64 on stdin.
write_auth_file() {
  local b64=$1 tmp target="$CODEX_DIR/auth.json"
  tmp=$(umask 077 && mktemp "$CODEX_DIR/.auth.json.XXXXXX")
  if ! printf '%s' "$b64" | base64 -d >"$tmp" 2>/dev/null || [[ ! -s $tmp ]]; then
    rm -f "$tmp"
    return 1
  fi
  if [[ -f $target ]] && cmp -s "$tmp" "$target"; then
    rm -f "$tmp"
  else
    chmod 600 "$tmp"
    mv -f "$tmp" "$target"
  fi
  RUN[auth_written]=1
}

# Baselines are JSON objects name -> sha256 with one entry per line (spec/cdx.md 14); names never need escaping.
# shellcheck disable=SC2034 # fills the caller's array through a nameref
read_baseline() {
  local -n baseline_out=$1
  local file=$2 line
  baseline_out=()
  [[ -f $file ]] || return 0
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*\"([A-Za-z0-9._-]+)\":[[:space:]]*\"([0-9a-f]{64})\" ]] && baseline_out["${BASH_REMATCH[1]}"]=${BASH_REMATCH[2]}
  done <"$file"
  return 0
}

# Leaves an unchanged baseline as it is: a run in step with the server would otherwise rewrite both twice.
write_baseline() {
  local -n baseline_in=$1
  local file=$2 name text='{' old=''
  local -a names=()
  # Sorting forks a pipeline; most baselines are empty.
  ((${#baseline_in[@]} == 0)) || mapfile -t names < <(printf '%s\n' "${!baseline_in[@]}" | LC_ALL=C sort)
  for name in ${names[@]+"${names[@]}"}; do
    [[ $name =~ $NAME_PATTERN && -n ${baseline_in[$name]-} ]] || continue
    [[ $text == '{' ]] && text+=$'\n' || text+=$',\n'
    text+="  \"$name\": \"${baseline_in[$name]}\""
  done
  [[ $text == '{' ]] && text+=$'}\n' || text+=$'\n}\n'
  [[ -f $file ]] && { IFS= read -r -d '' old <"$file" || true; }
  [[ $old == "$text" ]] && return 0
  replace_through_temp "$file" "$CODEX_DIR" '%s' "$text"
}

