#!/usr/bin/env bats
# Versions (spec/cdx.md 7): wrapper self-update with its sha256 check and loop guard, --update, the Codex update
# from release metadata (a stub stands in for GitHub through CDX_CODEX_RELEASES_URL). Uninstall: uninstall.bats.

load helper

# A newer wrapper as the server would serve it, announced by /auth with the given sha (default: its own).
serve_new_wrapper() {
  local announced_sha=${1-}
  sed 's/^WRAPPER_VERSION=".*"$/WRAPPER_VERSION="2099.01.01-01"/' "$CDX" >"$BATS_TEST_TMPDIR/cdx-new"
  { printf '200\nX-SHA256: %s\n\n' "$(sha_of "$BATS_TEST_TMPDIR/cdx-new")"; cat "$BATS_TEST_TMPDIR/cdx-new"; } >"$STUB_STATE/routes/GET_wrapper_download"
  route POST_auth.1 200 "$(auth_answer valid data.versions.wrapper_version=2099.01.01-01 \
    "data.versions.wrapper_sha256=${announced_sha:-$(sha_of "$BATS_TEST_TMPDIR/cdx-new")}")"
}

@test "a new wrapper version is installed over the running script, then cdx restarts with the same arguments" {
  serve_new_wrapper
  route POST_auth 200 "$(auth_answer valid data.versions.wrapper_version=2099.01.01-01 "data.versions.wrapper_sha256=$(sha_of "$BATS_TEST_TMPDIR/cdx-new")")"
  run "$CDX" resume --last
  [ "$status" -eq 0 ]
  cmp "$CDX" "$BATS_TEST_TMPDIR/cdx-new"
  [ "$(stat -c %a "$CDX")" = 755 ]
  [[ $output == *"Wrapper updated; restarting cdx"* ]]
  [ "$(codex_calls)" -eq 1 ]
  [ "$(cat "$FAKE_CODEX_LOG")" = $'resume\n--last' ]
  [ "$(request_count /wrapper/download)" -eq 1 ]
}

@test "a download that does not match the announced sha256 is refused and the running wrapper kept" {
  cp "$CDX" "$BATS_TEST_TMPDIR/cdx-before"
  serve_new_wrapper 0000000000000000000000000000000000000000000000000000000000000000
  run "$CDX"
  [ "$status" -eq 0 ]
  cmp "$CDX" "$BATS_TEST_TMPDIR/cdx-before"
  [[ $output == *"does not match the sha256"* && $output == *"Update skipped (hash mismatch)"* ]]
  [ "$(codex_calls)" -eq 1 ]
}

# fake_partial_copy TOOL...: each TOOL (cp, install) writes half of its source to its target and fails, as on a full disk.
fake_partial_copy() {
  local tool
  for tool in "$@"; do
    printf '%s\n' '#!/usr/bin/env bash' 'source=${*: -2:1} target=${*: -1}' \
      'head -c "$(($(stat -c %s "$source") / 2))" "$source" >"$target"' 'echo "cp: error writing: No space left on device" >&2' 'exit 1' >"$FAKE_BIN/$tool"
    chmod 755 "$FAKE_BIN/$tool"
  done
}

@test "a copy that fails half-way (disk full) never replaces the running wrapper" {
  serve_new_wrapper
  route POST_auth 200 "$(auth_answer valid data.versions.wrapper_version=2099.01.01-01 "data.versions.wrapper_sha256=$(sha_of "$BATS_TEST_TMPDIR/cdx-new")")"
  cp "$CDX" "$BATS_TEST_TMPDIR/cdx-before"
  fake_partial_copy cp install
  run "$CDX" exec hi
  cmp "$CDX" "$BATS_TEST_TMPDIR/cdx-before"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"(Update failed (cannot replace $CDX))"* ]] || { echo "$output"; false; }
  [ "$(codex_calls)" -eq 1 ]
  [ -z "$(find "$(dirname "$CDX")" -name '.cdx-*')" ]
}

@test "a restarted wrapper that still wants to update stops: loop detected, exit 1" {
  serve_new_wrapper
  CODEX_WRAPPER_RESTARTED=1 run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"Wrapper update loop detected; aborting."* ]]
  [ "$(codex_calls)" -eq 0 ]
}

@test "--update re-downloads even when current: exit 0 when replaced, exit 1 when not" {
  route POST_auth 200 "$(auth_answer valid)"
  { printf '200\n\n'; cat "$CDX"; } >"$STUB_STATE/routes/GET_wrapper_download"
  run "$CDX" --update
  [ "$status" -eq 0 ]
  [[ $output == *"Wrapper update completed (version $(wrapper_version))."* ]]
  [ "$(codex_calls)" -eq 0 ]
  rm "$STUB_STATE/routes/GET_wrapper_download"
  run "$CDX" --update
  [ "$status" -eq 1 ]
}

# A Codex release as GitHub describes it: only the rust-v tag exists, the asset carries a digest.
serve_codex_release() {
  local version=$1 digest=${2-} asset dir="$BATS_TEST_TMPDIR/release"
  if getconf GNU_LIBC_VERSION | awk '{ exit !($2 >= 2.39) }'; then asset=codex-x86_64-unknown-linux-gnu.tar.gz; else asset=codex-x86_64-unknown-linux-musl.tar.gz; fi
  mkdir -p "$dir"
  sed "s/FAKE_CODEX_VERSION:-0.169.0/FAKE_CODEX_VERSION:-$version/" "$FAKE_BIN/codex" >"$dir/${asset%.tar.gz}"
  chmod 755 "$dir/${asset%.tar.gz}"
  tar -czf "$dir/$asset" -C "$dir" "${asset%.tar.gz}"
  { printf '200\n\n'; cat "$dir/$asset"; } >"$STUB_STATE/routes/GET_assets_$asset"
  route "GET_releases_tags_rust-v$version" 200 "{\"tag_name\":\"rust-v$version\",\"assets\":[{\"name\":\"$asset\",\"uploader\":{\"login\":\"bot\"},\"digest\":\"sha256:${digest:-$(sha_of "$dir/$asset")}\",\"browser_download_url\":\"$STUB_URL/assets/$asset\"}]}"
  export CDX_CODEX_RELEASES_URL="$STUB_URL/releases"
}

@test "a locked Codex version is installed from the release asset after its sha256 is checked" {
  [ "$(uname -m)" = x86_64 ] || skip "asset names below are for x86_64"
  serve_codex_release 0.170.0
  route POST_auth 200 "$(auth_answer valid data.versions.client_version=0.170.0 data.versions.client_version_source=locked)"
  run "$CDX"
  [ "$status" -eq 0 ]
  [[ $output == *"codex 0.170.0 (Updated)"* ]]
  [ "$("$FAKE_BIN/codex" -V)" = "codex-cli 0.170.0" ]
  [ "$(request_count /releases/tags/0.170.0)" -eq 1 ] && [ "$(request_count /releases/tags/rust-v0.170.0)" -eq 1 ]
}

@test "a Codex installed globally through npm is updated through npm, not from the release asset" {
  [[ $EUID -eq 0 ]] || skip "only an admin updates Codex"
  [ "$(uname -m)" = x86_64 ] || skip "asset names are for x86_64"
  route POST_auth 200 "$(auth_answer valid data.versions.client_version=0.170.0 data.versions.client_version_source=locked)"
  FAKE_NPM_HAS_CODEX=1 run "$CDX"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  grep -qx 'install -g @openai/codex@0.170.0' "$FAKE_NPM_LOG"
  [ "$(request_count /releases/tags/0.170.0)" -eq 0 ]
}

@test "the Codex download shows a progress bar on a terminal, none otherwise" {
  [ "$(uname -m)" = x86_64 ] || skip "asset names below are for x86_64"
  serve_codex_release 0.170.0
  route POST_auth 200 "$(auth_answer valid data.versions.client_version=0.170.0 data.versions.client_version_source=locked)"
  run script -qec "$CDX" /dev/null
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Downloading Codex 0.170.0"* && $output == *'###'* ]]
  sed -i 's/FAKE_CODEX_VERSION:-0.170.0/FAKE_CODEX_VERSION:-0.169.0/' "$FAKE_BIN/codex"
  run "$CDX"
  [[ $output == *"codex 0.170.0 (Updated)"* && $output != *'###'* ]] || { echo "$output"; false; }
}

@test "a Codex version target that is not a plain version is ignored: no npm install, no release lookup" {
  [ "$(uname -m)" = x86_64 ] || skip "the update check runs on x86_64 and aarch64"
  export CDX_CODEX_RELEASES_URL="$STUB_URL/releases"
  for target in '../../../evil' '0.170.0 --registry=http://evil.example' '0.170.0;id'; do
    route POST_auth 200 "$(auth_answer valid "data.versions.client_version=$target" data.versions.client_version_source=locked)"
    FAKE_NPM_HAS_CODEX=1 run "$CDX"
    [ "$status" -eq 0 ]
    [[ $output == *"Ignoring the Codex version the server announced"* && $output == *"codex 0.169.0 (Current)"* ]] || { echo "$output"; false; }
  done
  ! grep -q install "$FAKE_NPM_LOG" 2>/dev/null
  ! requests | grep -q '"path":"[^"]*releases'
}

@test "a Codex asset whose sha256 differs from the release digest is not installed" {
  [ "$(uname -m)" = x86_64 ] || skip "asset names below are for x86_64"
  serve_codex_release 0.170.0 1111111111111111111111111111111111111111111111111111111111111111
  route POST_auth 200 "$(auth_answer valid data.versions.client_version=0.170.0 data.versions.client_version_source=locked)"
  run "$CDX"
  [ "$status" -eq 0 ]
  [[ $output == *"codex 0.169.0→0.170.0 (Update failed (download does not match its sha256))"* ]]
  [ "$("$FAKE_BIN/codex" -V)" = "codex-cli 0.169.0" ]
}

@test "a plain-file Codex asset whose copy fails half-way (disk full) is not installed" {
  [ "$(uname -m)" = x86_64 ] || skip "asset names below are for x86_64"
  sed 's/FAKE_CODEX_VERSION:-0.169.0/FAKE_CODEX_VERSION:-0.170.0/' "$FAKE_BIN/codex" >"$BATS_TEST_TMPDIR/codex-asset"
  { printf '200\n\n'; cat "$BATS_TEST_TMPDIR/codex-asset"; } >"$STUB_STATE/routes/GET_assets_codex"
  route GET_releases_tags_rust-v0.170.0 200 "{\"assets\":[{\"digest\":\"sha256:$(sha_of "$BATS_TEST_TMPDIR/codex-asset")\",\"browser_download_url\":\"$STUB_URL/assets/codex\"}]}"
  export CDX_CODEX_RELEASES_URL="$STUB_URL/releases"
  route POST_auth 200 "$(auth_answer valid data.versions.client_version=0.170.0 data.versions.client_version_source=locked)"
  fake_partial_copy cp
  run "$CDX"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"(Update failed (cannot copy the download))"* ]] || { echo "$output"; false; }
  [ "$("$FAKE_BIN/codex" -V)" = "codex-cli 0.169.0" ]
}

@test "a pin whose release metadata cannot be had says so, instead of 'Update available'" {
  [ "$(uname -m)" = x86_64 ] || skip "asset names below are for x86_64"
  export CDX_CODEX_RELEASES_URL=http://127.0.0.1:9/releases
  route POST_auth 200 "$(auth_answer valid data.versions.client_version=0.170.0 data.versions.client_version_source=locked)"
  run "$CDX"
  [ "$status" -eq 0 ]
  [[ $output == *"Codex 0.170.0 not installed: no release metadata for Codex 0.170.0 at http://127.0.0.1:9/releases"* ]]
  [[ $output == *"Result      : codex update failed (no release metadata for Codex 0.170.0 at http://127.0.0.1:9/releases)"* ]]
  [[ $output != *"Update available"* ]]
}

@test "a release without a published sha256 is not installed unless CDX_CODEX_SHA256 vouches for it" {
  [ "$(uname -m)" = x86_64 ] || skip "asset names below are for x86_64"
  serve_codex_release 0.170.0
  sed -i 's/"digest":"sha256:[0-9a-f]*",//' "$STUB_STATE/routes/GET_releases_tags_rust-v0.170.0"
  route POST_auth 200 "$(auth_answer valid data.versions.client_version=0.170.0 data.versions.client_version_source=locked)"
  run "$CDX"
  [[ $output == *"(Update failed (Codex 0.170.0 publishes no sha256; set CDX_CODEX_SHA256 to vouch for one))"* ]]
  CDX_CODEX_SHA256=$(sha_of "$BATS_TEST_TMPDIR/release/"*.tar.gz) run "$CDX"
  [[ $output == *"codex 0.170.0 (Updated)"* ]] || { echo "$output"; false; }
}

@test "an unlocked older target is no downgrade" {
  route POST_auth 200 "$(auth_answer valid data.versions.client_version=0.100.0 data.versions.client_version_source=cache)"
  run "$CDX"
  [ "$status" -eq 0 ]
  [[ $output == *"codex 0.169.0→0.100.0 (Current)"* || $output == *"codex 0.169.0 (Current)"* ]]
}

@test "--update while /auth fails trusts a download only when it matches its own X-SHA256 (any case)" {
  route POST_auth 502 'bad gateway'
  { printf '200\nx-sha256: %s\n\n' "$(sha_of "$CDX" | tr 'a-f' 'A-F')"; cat "$CDX"; } >"$STUB_STATE/routes/GET_wrapper_download"
  run "$CDX" --update
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Wrapper update completed (version $(wrapper_version))."* ]]
  { printf '200\nX-SHA256: %064d\n\n' 0; cat "$CDX"; } >"$STUB_STATE/routes/GET_wrapper_download"
  run "$CDX" --update
  [ "$status" -eq 1 ]
  [[ $output == *"does not match"* ]] || { echo "$output"; false; }
}
