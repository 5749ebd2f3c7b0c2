# cdx, Files. One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

setup_work_dir() {
  WORK_DIR=$(umask 077 && mktemp -d "${TMPDIR:-/tmp}/cdx.XXXXXX")
  trap 'rm -rf "$WORK_DIR"' EXIT
  # The key reaches curl through this file (-H @file), never through a command line.
  (umask 077 && printf 'X-API-Key: %s\n' "$API_KEY" >"$WORK_DIR/key-header")
  (umask 077 && printf 'Authorization: Bearer %s\n' "$API_KEY" >"$WORK_DIR/bearer-header")
  mkdir -p "$CODEX_DIR"
}

sha256_of() {
  local sum _
  read -r sum _ < <(sha256sum "$1")
  printf '%s' "$sum"
}

# Replaces FILE with the decoded line-format VALUE (docs/cdx-protocol.md 1), through a temp file in the same folder.
write_decoded() {
  local file=$1 value=$2 dir=. tmp
  [[ $file == */* ]] && dir=${file%/*}
  dir=${dir:-/}
  mkdir -p "$dir"
  tmp=$(mktemp "$dir/.cdx-write.XXXXXX")
  printf '%b' "$value" >"$tmp"
  chmod_as_new_file "$tmp"
  mv -f "$tmp" "$file"
}

# Gives FILE the mode a new file gets under the user's umask, worked out once (the main shell never changes it).
chmod_as_new_file() {
  if [[ -z ${NEW_FILE_MODE-} ]]; then
    local mask
    mask=$(umask)
    printf -v NEW_FILE_MODE '%o' "$((0666 & ~mask))"
  fi
  chmod "$NEW_FILE_MODE" "$1"
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

write_baseline() {
  local -n baseline_in=$1
  local file=$2 name tmp first=1
  local -a names=()
  # Sorting forks a pipeline; most baselines are empty.
  ((${#baseline_in[@]} == 0)) || mapfile -t names < <(printf '%s\n' "${!baseline_in[@]}" | LC_ALL=C sort)
  tmp=$(mktemp "$CODEX_DIR/.cdx-baseline.XXXXXX")
  {
    printf '{'
    for name in ${names[@]+"${names[@]}"}; do
      [[ -n $name ]] || continue
      ((first)) && printf '\n' || printf ',\n'
      printf '  "%s": "%s"' "$name" "${baseline_in[$name]}"
      first=0
    done
    ((first)) && printf '}\n' || printf '\n}\n'
  } >"$tmp"
  chmod_as_new_file "$tmp"
  mv -f "$tmp" "$file"
}

