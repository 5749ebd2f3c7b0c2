# cdx, Versions (spec/cdx.md 7). One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

normalize_version() {
  local v=$1
  v=${v#codex-cli }
  v=${v#codex }
  v=${v#rust-}
  v=${v#v}
  printf '%s' "$v"
}

version_greater() { [[ $1 != "$2" && $(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -n 1) == "$1" ]]; }

glibc_at_least_2_39() {
  local version
  version=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{ print $2 }') || version=''
  [[ -n $version ]] || version=$(ldd --version 2>/dev/null | head -n 1 | grep -oE '[0-9]+\.[0-9]+$') || version=''
  [[ -n $version ]] || return 1
  [[ $(printf '%s\n2.39\n' "$version" | sort -V | head -n 1) == 2.39 ]]
}

# Whether Codex publishes a build for this machine (codex_asset_name without its libc check, which costs processes).
codex_platform_supported() {
  case "$(uname -m)" in
    x86_64 | amd64 | aarch64 | arm64) return 0 ;;
    *) return 1 ;;
  esac
}

codex_asset_name() {
  case "$(uname -m)" in
    x86_64 | amd64) glibc_at_least_2_39 && printf 'codex-x86_64-unknown-linux-gnu.tar.gz' || printf 'codex-x86_64-unknown-linux-musl.tar.gz' ;;
    aarch64 | arm64) printf 'codex-aarch64-unknown-linux-gnu.tar.gz' ;;
    *) return 1 ;;
  esac
}

# Prints "<download url> <sha256 or empty>" for ASSET from the release metadata of VERSION.
release_asset() {
  local version=$1 asset=$2 tag meta="$WORK_DIR/release.json" found
  local -a tags=("$version" "v$version" "rust-$version" "rust-v$version")
  for tag in "${tags[@]}"; do
    curl -fsS --max-time 15 -H 'Accept: application/vnd.github+json' -H 'User-Agent: codex-wrapper-update-check' \
      -o "$meta" "$RELEASES_URL/tags/$tag" 2>/dev/null || continue
    # Assets list "digest" before "browser_download_url"; pair each URL with the digest seen since the last URL.
    found=$(sed 's/[,{}]/\n/g' <"$meta" | awk -v asset="$asset" '
      /"digest"[[:space:]]*:/ { d = $0; sub(/.*"sha256:/, "", d); sub(/".*/, "", d) }
      /"browser_download_url"[[:space:]]*:/ {
        u = $0; sub(/^[^:]*:[[:space:]]*"/, "", u); sub(/".*/, "", u)
        n = u; sub(/.*\//, "", n)
        if (n == asset) { exact = u " " d } else if (n == "codex" && fallback == "") { fallback = u " " d }
        d = ""
      }
      END { if (exact != "") print exact; else if (fallback != "") print fallback }')
    [[ -n $found ]] && { printf '%s\n' "$found"; return 0; }
  done
  return 1
}

# install_binary SOURCE TARGET: TARGET becomes SOURCE (mode 755), through sudo when its folder is not writable; fails
# without permission.
install_binary() {
  local source=$1 target=$2
  if [[ -w $(dirname "$target") ]]; then
    install_beside "$source" "$target"
  elif ((${#SUDO[@]} > 0)); then
    install_beside "$source" "$target" "${SUDO[@]}"
  else
    return 1
  fi
}

# install_beside SOURCE TARGET [PREFIX...]: a copy beside TARGET renamed over it, each step checked (callers run this in
# a condition, where set -e is off), so a failed copy (a full disk) leaves TARGET as it was. PREFIX (sudo) runs them.
install_beside() {
  local source=$1 target=$2 tmp
  shift 2
  tmp="$(dirname "$target")/.cdx-new.$BASHPID.$RANDOM$RANDOM"
  if "$@" install -m 755 "$source" "$tmp" && "$@" mv -f "$tmp" "$target"; then
    return 0
  fi
  "$@" rm -f "$tmp"
  return 1
}

# Sets RUN[codex_failure] to what went wrong, in words a person can act on.
codex_failure() {
  RUN[codex_failure]=$1
  return 1
}

# Installs Codex TARGET from its release asset, only when its sha256 is the published one (or CDX_CODEX_SHA256,
# which an admin sets to vouch for a release that publishes none).
download_and_install_codex() {
  local target=$1 asset url sha extracted archive="$WORK_DIR/codex-download"
  asset=$(codex_asset_name) || codex_failure "no Codex build for $(uname -m)" || return 1
  read -r url sha < <(release_asset "$target" "$asset") ||
    codex_failure "no release metadata for Codex $target at $RELEASES_URL" || return 1
  sha=${sha:-${CDX_CODEX_SHA256:-}}
  [[ -n $sha ]] || codex_failure "Codex $target publishes no sha256; set CDX_CODEX_SHA256 to vouch for one" || return 1
  # A progress bar for whoever watches; quiet in scripts and pipes.
  local -a progress=(-sS)
  [[ -t 2 ]] && ! is_silent && progress=(--progress-bar)
  log_info "Downloading Codex $target ($asset)"
  curl -fL --max-time 300 "${progress[@]}" -o "$archive" "$url" || codex_failure "download of $url failed" || return 1
  [[ $(sha256_of "$archive") == "${sha,,}" ]] || codex_failure "download does not match its sha256" || return 1
  mkdir -p "$WORK_DIR/codex-extract" || codex_failure "cannot create $WORK_DIR/codex-extract" || return 1
  case "$url" in
    *.zip)
      { command -v unzip >/dev/null 2>&1 || install_packages unzip; } || codex_failure "unzip missing" || return 1
      unzip -q -o "$archive" -d "$WORK_DIR/codex-extract" || codex_failure "unreadable archive" || return 1
      ;;
    *.tar.gz | *.tgz) tar -xzf "$archive" -C "$WORK_DIR/codex-extract" || codex_failure "unreadable archive" || return 1 ;;
    *) cp "$archive" "$WORK_DIR/codex-extract/codex" || codex_failure "cannot copy the download" || return 1 ;;
  esac
  extracted=$(find "$WORK_DIR/codex-extract" -type f -name 'codex*' | head -n 1)
  [[ -n $extracted ]] || codex_failure "no codex binary in $asset" || return 1
  install_binary "$extracted" "$CODEX_BIN" || codex_failure "cannot replace $CODEX_BIN"
}

update_codex() {
  local target source local_version=${RUN[codex_version]} result
  RUN[codex_target]=''
  if [[ ${RUN[admin]} != 1 || $OSTYPE != linux* ]] || ! codex_platform_supported; then
    RUN[codex_update]="Check skipped"
    return 0
  fi
  if [[ ${RUN[auth_status]} != ok ]]; then
    RUN[codex_update]="API unavailable"
    return 0
  fi
  target=$(normalize_version "$(decode "${AUTH[data.versions.client_version]-}")")
  source=${AUTH[data.versions.client_version_source]-}
  # The target goes into an npm argument and a releases URL: a plain version only.
  if [[ -n $target && ( ! $target =~ ^[0-9A-Za-z.+-]+$ || $target == *..* ) ]]; then
    log_warn "Ignoring the Codex version the server announced ('${target:0:40}'): not a plain version."
    target=''
  fi
  [[ -n $target ]] || target=$local_version
  RUN[codex_target]=$target
  if [[ -n $local_version ]] && { [[ $target == "$local_version" ]] || { [[ $source != locked ]] && ! version_greater "$target" "$local_version"; }; }; then
    RUN[codex_update]=Current
    return 0
  fi
  [[ -n $target ]] || { RUN[codex_update]="Current (no target known)"; return 0; }
  log_info "Updating Codex ${local_version:-unknown} -> $target"
  if command -v npm >/dev/null 2>&1 && npm list -g @openai/codex >/dev/null 2>&1 &&
    "${SUDO[@]}" npm install -g "@openai/codex@$target" >/dev/null 2>&1; then
    result=0
  else
    result=0
    download_and_install_codex "$target" || result=$?
  fi
  case "$result" in
    0)
      RUN[codex_update]=Updated
      read_local_codex_version
      ;;
    *)
      RUN[codex_update]="Update failed (${RUN[codex_failure]:-unknown reason})"
      log_warn "Codex $target not installed: ${RUN[codex_failure]:-unknown reason}"
      ;;
  esac
}

wrapper_target() {
  local url
  RUN[wrapper_target_version]=$(decode "${AUTH[data.versions.wrapper_version]-$WRAPPER_VERSION}")
  [[ -n ${RUN[wrapper_target_version]} ]] || RUN[wrapper_target_version]=$WRAPPER_VERSION
  RUN[wrapper_target_sha]=${AUTH[data.versions.wrapper_sha256]-}
  url=$(decode "${AUTH[data.versions.wrapper_url]-/wrapper/download}")
  [[ -n $url ]] || url=/wrapper/download
  [[ $url == http://* || $url == https://* ]] || url="$BASE_URL$url"
  RUN[wrapper_url]=$url
}

wrapper_update_needed() {
  [[ $MODE == update ]] && return 0
  [[ ${RUN[wrapper_target_version]} != "$WRAPPER_VERSION" ]] && return 0
  [[ -n ${RUN[wrapper_target_sha]} && $(sha256_of "$(self_path)") != "${RUN[wrapper_target_sha]}" ]] || return 1
  # The announced script may be this one without its baked key: then moving the key is all there is to do.
  ! move_baked_key_to_file "${RUN[wrapper_target_sha]}"
}

# Installs FILE over the running script (mode 755); fails, leaving it as it was, without permission or on a failed copy.
replace_self() {
  local self
  self=$(self_path) || return 1
  install_binary "$1" "$self"
}

update_wrapper() {
  local downloaded="$WORK_DIR/cdx-new" expected code
  RUN[wrapper_update]=Current
  if [[ ${RUN[auth_status]} != ok && $MODE != update ]]; then
    RUN[wrapper_update]="Check skipped"
    return 0
  fi
  wrapper_target
  wrapper_update_needed || return 0
  if [[ ${CODEX_WRAPPER_RESTARTED:-} == 1 ]]; then
    die "Wrapper update loop detected; aborting."
  fi
  [[ -n $API_KEY ]] || { RUN[wrapper_update]="Update skipped (no API key)"; return 0; }
  # The key goes to this server only: no download from another origin, and no redirect is followed.
  if [[ ${RUN[wrapper_url]} != "$BASE_URL"/* ]]; then
    RUN[wrapper_update]="Update skipped (wrapper URL not on $BASE_URL)"
    return 0
  fi
  curl_status code --max-time 60 -H @"$WORK_DIR/key-header" -D "$WORK_DIR/cdx-new-headers" -o "$downloaded" \
    "${RUN[wrapper_url]}" 2>/dev/null || true
  if [[ $code != 200 ]]; then
    RUN[wrapper_update]="Update failed (download: HTTP $code)"
    [[ $code == 3* ]] && log_warn "The wrapper download answered with a redirect; cdx follows none (the host key would go along)."
    return 0
  fi
  # Without an announced sha (--update while /auth failed) the download must at least match its own X-SHA256.
  expected=${RUN[wrapper_target_sha]-}
  if [[ -z $expected ]]; then
    header_value_to expected "$WORK_DIR/cdx-new-headers" X-SHA256
    expected=${expected,,}
  fi
  if [[ -z $expected || $(sha256_of "$downloaded") != "$expected" ]]; then
    RUN[wrapper_update]="Update skipped (hash mismatch)"
    log_warn "Downloaded wrapper does not match the sha256 the server announced; keeping this one."
    return 0
  fi
  replace_self "$downloaded" || { RUN[wrapper_update]="Update failed (cannot replace $(self_path))"; return 0; }
  RUN[wrapper_update]=Updated
  RUN[wrapper_replaced]=1
}

finish_update() {
  if [[ ${RUN[wrapper_replaced]:-} == 1 ]]; then
    printf 'Wrapper update completed (version %s).\n' "${RUN[wrapper_target_version]}"
    exit 0
  fi
  if [[ ${RUN[auth_status]} != ok ]]; then
    log_error "Wrapper update not possible: auth ${RUN[auth_status]}${RUN[auth_reason]:+ (${RUN[auth_reason]})}"
  else
    log_error "Wrapper not replaced: ${RUN[wrapper_update]}"
  fi
  exit 1
}

restart_wrapper() {
  log_warn "Wrapper updated; restarting cdx to load the new wrapper."
  rm -rf "$WORK_DIR"
  CODEX_SKIP_MOTD=1 CODEX_WRAPPER_RESTARTED=1 exec "$(self_path)" "${ORIGINAL_ARGS[@]}"
}

