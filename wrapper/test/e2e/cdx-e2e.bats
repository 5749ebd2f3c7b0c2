#!/usr/bin/env bats
# cdx end to end against the running server (see e2e-helper.bash): install with the one-line installer into a
# temporary HOME, then run it with a stand-in codex. Tests run in order and share that host.

load e2e-helper

setup_file() {
  export HOST_HOME="$BATS_FILE_TMPDIR/home" STUB_STATE="$BATS_FILE_TMPDIR/releases"
  mkdir -p "$HOST_HOME" "$STUB_STATE/routes"
  export FQDN="e2e-$RANDOM.fleet.test"
  admin POST /codex-version '{"selection":"0.169.0"}' >/dev/null
  registered=$(admin POST /hosts/register "{\"fqdn\":\"$FQDN\"}")
  json_get data.installer.command <<<"$registered" >"$BATS_FILE_TMPDIR/installer-command"
  json_get data.host.api_key <<<"$registered" >"$BATS_FILE_TMPDIR/api-key"
  chatgpt_auth "$(iso_time '1 hour ago')" first >"$BATS_FILE_TMPDIR/canonical-upload.json"
  admin POST /auth/upload "{\"auth\":$(cat "$BATS_FILE_TMPDIR/canonical-upload.json")}" >"$BATS_FILE_TMPDIR/upload-answer"
  admin POST /slash-commands/store '{"filename":"review.md","prompt":"---\ndescription: Review\n---\nReview the diff.\n"}' >/dev/null
  admin POST /skills/store '{"slug":"lint","manifest":"---\nname: Lint\ndescription: Lints\n---\nRun the linter.\n"}' >/dev/null
  admin POST /agents/store '{"content":"# Fleet rules\nBe brief.\n"}' >/dev/null
  admin POST /config/store '{"settings":{"model":"gpt-5.1-codex","approval_policy":"on-request","profiles":[{"name":"fast","model":"gpt-5.1-codex-mini"}],"mcp_servers":[{"name":"docs","url":"https://docs.example/mcp"}]}}' >/dev/null
  serve_codex_release
}

teardown_file() {
  [[ -f $BATS_FILE_TMPDIR/stub.pid ]] && kill "$(<"$BATS_FILE_TMPDIR/stub.pid")" 2>/dev/null || true
  admin POST /state '{"disabled":false}' >/dev/null || true
}

# The Codex release the installer downloads, from a stand-in for GitHub (CDX_CODEX_RELEASES_URL).
serve_codex_release() {
  local asset=codex-x86_64-unknown-linux-musl dir="$BATS_FILE_TMPDIR/release"
  getconf GNU_LIBC_VERSION | awk '{ exit !($2 >= 2.39) }' && asset=codex-x86_64-unknown-linux-gnu
  mkdir -p "$dir"
  write_fake_codex "$dir/$asset"
  tar -czf "$dir/$asset.tar.gz" -C "$dir" "$asset"
  node "$BATS_TEST_DIRNAME/../stub-server.js" "$STUB_STATE" &
  echo $! >"$BATS_FILE_TMPDIR/stub.pid"
  for _ in $(seq 1 100); do [[ -s $STUB_STATE/port ]] && break; sleep 0.05; done
  local url="http://127.0.0.1:$(<"$STUB_STATE/port")"
  { printf '200\n\n'; cat "$dir/$asset.tar.gz"; } >"$STUB_STATE/routes/GET_assets_$asset.tar.gz"
  printf '200\n\n{"assets":[{"name":"%s.tar.gz","digest":"sha256:%s","browser_download_url":"%s/assets/%s.tar.gz"}]}' \
    "$asset" "$(sha256sum "$dir/$asset.tar.gz" | cut -d' ' -f1)" "$url" "$asset" >"$STUB_STATE/routes/GET_releases_tags_rust-v0.169.0"
  export CDX_CODEX_RELEASES_URL="$url/releases"
}

setup() {
  export HOME="$HOST_HOME" CDX_SYSTEM_BIN_DIR="$BATS_FILE_TMPDIR/no-system-bin" CDX_CODEX_OPT_DIR="$BATS_FILE_TMPDIR/no-opt"
  export PATH="$HOST_HOME/.local/bin:$PATH" FAKE_CODEX_LOG="$BATS_FILE_TMPDIR/codex-args" CODEX_SKIP_MOTD=1
  unset CODEX_HOME CODEX_WRAPPER_RESTARTED
  API_KEY=$(<"$BATS_FILE_TMPDIR/api-key")
}

# What the server holds as canonical auth.json for this host, fetched as a host would.
canonical_bytes() {
  local answer
  answer=$(curl -sS -H "X-API-Key: $API_KEY" -H 'Accept: text/plain' -H 'Content-Type: application/json' \
    --data-binary '{"command":"retrieve","local_auth_b64":""}' "$CDX_E2E_BASE_URL/auth")
  sed -n 's/^data.auth_file_b64=//p' <<<"$answer" | base64 -d
}

@test "the admin's curl | bash command installs cdx (X-SHA256 checked), its key (0600) and Codex (release sha256 checked)" {
  run bash -c "$(<"$BATS_FILE_TMPDIR/installer-command")"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ -x "$HOME/.local/bin/cdx" ] && [ -x "$HOME/.local/bin/codex" ]
  run "$HOME/.local/bin/cdx" -W
  [ "$status" -eq 0 ]
  [[ $output == "cdx wrapper "* ]]
  grep -q 'BAKED_API_KEY=""' "$HOME/.local/bin/cdx"
  ! grep -q "$API_KEY" "$HOME/.local/bin/cdx"
  [ "$(tr -d '\n' <"$HOME/.config/cdx/api-key")" = "$API_KEY" ] && [ "$(stat -c %a "$HOME/.config/cdx/api-key")" = 600 ]
  grep -q "BAKED_INSTALLATION_ID=\"$CDX_E2E_INSTALLATION_ID\"" "$HOME/.local/bin/cdx"
}

@test "the used installer link answers 410 with its reason, and the pasted command exits 1" {
  run bash -c "$(<"$BATS_FILE_TMPDIR/installer-command")"
  [ "$status" -eq 1 ]
  [[ $output == *"Installer already used"* ]]
}

@test "first run: auth.json byte-equal to the canonical (0600), prompts, skills and AGENTS.md synced, Codex started" {
  run cdx exec "hello e2e"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  canonical_bytes >"$BATS_TEST_TMPDIR/canonical"
  cmp "$HOME/.codex/auth.json" "$BATS_TEST_TMPDIR/canonical"
  [ "$(stat -c %a "$HOME/.codex/auth.json")" = 600 ]
  [ "$(json_get tokens.access_token <"$HOME/.codex/auth.json")" = "$(json_get tokens.access_token <"$BATS_FILE_TMPDIR/canonical-upload.json")" ]
  [ "$(cat "$HOME/.codex/prompts/review.md")" = "$(printf -- '---\ndescription: Review\n---\nReview the diff.')" ]
  [ "$(cat "$HOME/.codex/skills/lint/SKILL.md")" = "$(printf -- '---\nname: Lint\ndescription: Lints\n---\nRun the linter.')" ]
  [ "$(cat "$HOME/.codex/AGENTS.md")" = "$(printf '# Fleet rules\nBe brief.')" ]
  [ "$(tail -n 1 "$FAKE_CODEX_LOG")" = "exec hello e2e" ]
  if server_has_route POST /mcp; then
    [[ $output == *"MCP ✅"* && $output == *"Codex go Brrrr!"* ]]
    # The check's session is ended (in the background) rather than left to the server for a day.
    local _
    for _ in $(seq 50); do
      [ "$(sql 'SELECT COUNT(*) FROM mcp_sessions')" -eq 0 ] && break
      sleep 0.1
    done
    [ "$(sql 'SELECT COUNT(*) FROM mcp_sessions')" -eq 0 ]
  else
    [[ $output == *"MCP ⚠ unavailable (http-404)"* && $output == *"Result      : mcp unavailable"* ]]
  fi
}

@test "config.toml and its profile files are synced, and a profile word selects the profile" {
  [ -f "$HOME/.codex/config.toml" ]
  grep -q '^\[mcp_servers.cdx\]' "$HOME/.codex/config.toml"
  grep -q "^url = \"$CDX_E2E_BASE_URL/mcp\"" "$HOME/.codex/config.toml"
  grep -q '^http_headers_helper = "cdx --mcp-headers"' "$HOME/.codex/config.toml"
  ! grep -q "$API_KEY" "$HOME/.codex/config.toml"
  grep -q '^model = "gpt-5.1-codex-mini"' "$HOME/.codex/fast.config.toml"
  run cdx fast
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(tail -n 1 "$FAKE_CODEX_LOG")" = "--profile fast" ]
}

@test "the usage line of the run is stored as a usage row with the numbers cdx read" {
  [ "$(sql "SELECT COUNT(*) FROM token_usages u JOIN hosts h ON h.id = u.host_id WHERE h.fqdn = '$FQDN' AND u.total = 2345
    AND u.input_tokens = 2000 AND u.cached_tokens = 300 AND u.output_tokens = 345 AND u.reasoning_tokens = 45")" -ge 1 ]
}

@test "second run is a no-op sync: auth valid, nothing fetched, auth.json untouched" {
  before=$(stat -c %Y.%s "$HOME/.codex/auth.json")
  sha=$(sha256sum "$HOME/.codex/auth.json")
  sleep 1
  run cdx --debug
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"POST /auth -> 200 ok"* ]]
  [[ $output != *"/slash-commands/retrieve"* && $output != *"/skills/retrieve"* && $output != *"store ->"* ]]
  [[ $output == *"AGENTS unchanged"* ]]
  [ "$(sha256sum "$HOME/.codex/auth.json")" = "$sha" ]
  [ "$(stat -c %Y.%s "$HOME/.codex/auth.json")" = "$before" ]
}

@test "an outdated local auth.json is replaced by the canonical one" {
  chatgpt_auth "$(iso_time '3 days ago')" older >"$HOME/.codex/auth.json"
  run cdx
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  canonical_bytes >"$BATS_TEST_TMPDIR/canonical"
  cmp "$HOME/.codex/auth.json" "$BATS_TEST_TMPDIR/canonical"
}

@test "a newer local auth.json is uploaded and becomes the canonical one" {
  refreshed=$(iso_time '1 minute ago')
  chatgpt_auth "$refreshed" newer | pretty_json >"$HOME/.codex/auth.json"
  run cdx
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  canonical_bytes >"$BATS_TEST_TMPDIR/canonical"
  [ "$(json_get last_refresh <"$BATS_TEST_TMPDIR/canonical")" = "$refreshed" ]
  [ "$(json_get tokens.access_token <"$BATS_TEST_TMPDIR/canonical")" = "access-newer-$(printf '%064d' 7)" ]
  cmp "$HOME/.codex/auth.json" "$BATS_TEST_TMPDIR/canonical"
}

@test "Codex's exit status passes through and Codex runs once" {
  : >"$FAKE_CODEX_LOG"
  FAKE_CODEX_EXIT=5 run cdx
  [ "$status" -eq 5 ]
  [ "$(wc -l <"$FAKE_CODEX_LOG")" -eq 1 ]
}

@test "server down: fresh cached auth launches (offline rule), stale cached auth exits 1" {
  sed "s|^BAKED_BASE_URL=.*|BAKED_BASE_URL=\"http://127.0.0.1:9\"|" "$HOME/.local/bin/cdx" >"$BATS_TEST_TMPDIR/cdx-offline"
  chmod 755 "$BATS_TEST_TMPDIR/cdx-offline"
  run "$BATS_TEST_TMPDIR/cdx-offline"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Server unreachable"* ]]
  cp "$HOME/.codex/auth.json" "$BATS_TEST_TMPDIR/keep"
  chatgpt_auth "$(iso_time '10 days ago')" stale >"$HOME/.codex/auth.json"
  run "$BATS_TEST_TMPDIR/cdx-offline"
  cp "$BATS_TEST_TMPDIR/keep" "$HOME/.codex/auth.json"
  [ "$status" -eq 1 ]
  [[ $output == *"older than allowed window"* ]]
}

@test "kill switch: cdx refuses with exit 1 and Codex does not start" {
  admin POST /state '{"disabled":true,"reason":"e2e"}' >/dev/null
  : >"$FAKE_CODEX_LOG"
  run cdx
  admin POST /state '{"disabled":false}' >/dev/null
  [ "$status" -eq 1 ] || { echo "$output"; false; }
  [[ $output == *"disabled by the administrator"* ]]
  [ ! -s "$FAKE_CODEX_LOG" ]
}

@test "the real Codex CLI accepts the auth.json and config a cdx run left behind" {
  [ -x "$CDX_E2E_REAL_CODEX" ] || skip "no Codex CLI at CDX_E2E_REAL_CODEX"
  CODEX_HOME="$HOME/.codex" run "$CDX_E2E_REAL_CODEX" login status
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Logged in"* ]]
  CODEX_HOME="$HOME/.codex" "$CDX_E2E_REAL_CODEX" mcp list --json 2>/dev/null >"$BATS_TEST_TMPDIR/mcp.json"
  servers=$(json_get length <"$BATS_TEST_TMPDIR/mcp.json")
  if [[ -f $HOME/.codex/config.toml ]] && grep -q '^\[mcp_servers.cdx\]' "$HOME/.codex/config.toml"; then
    [ "$(json_get 0.name <"$BATS_TEST_TMPDIR/mcp.json")" = cdx ]
    [ "$(json_get 0.transport.url <"$BATS_TEST_TMPDIR/mcp.json")" = "$CDX_E2E_BASE_URL/mcp" ]
    [ -n "$(json_get 0.transport.http_headers_helper <"$BATS_TEST_TMPDIR/mcp.json")" ]
  else
    [ "$servers" = 0 ]
  fi
}

@test "a new wrapper version whose download does not match its sha is refused; the genuine one is installed" {
  original=$(cat "$CDX_E2E_WRAPPER_STORAGE")
  sed 's/^WRAPPER_VERSION=".*"$/WRAPPER_VERSION="2099.12.31-01"/' "$CDX_E2E_WRAPPER_STORAGE" >"$BATS_TEST_TMPDIR/next"
  cp "$BATS_TEST_TMPDIR/next" "$CDX_E2E_WRAPPER_STORAGE"
  sleep 3
  # A proxy between host and server that alters the script in transit.
  node "$BATS_TEST_DIRNAME/tamper-proxy.js" "$CDX_E2E_BASE_URL" "$BATS_TEST_TMPDIR/proxy-port" &
  proxy=$!
  for _ in $(seq 1 100); do [[ -s $BATS_TEST_TMPDIR/proxy-port ]] && break; sleep 0.05; done
  sed "s|^BAKED_BASE_URL=.*|BAKED_BASE_URL=\"http://127.0.0.1:$(<"$BATS_TEST_TMPDIR/proxy-port")\"|" "$HOME/.local/bin/cdx" >"$BATS_TEST_TMPDIR/cdx-proxied"
  chmod 755 "$BATS_TEST_TMPDIR/cdx-proxied"
  cp "$BATS_TEST_TMPDIR/cdx-proxied" "$BATS_TEST_TMPDIR/cdx-proxied.before"
  run "$BATS_TEST_TMPDIR/cdx-proxied"
  kill "$proxy"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Update skipped (hash mismatch)"* ]]
  cmp "$BATS_TEST_TMPDIR/cdx-proxied" "$BATS_TEST_TMPDIR/cdx-proxied.before"
  run cdx
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Wrapper updated; restarting cdx"* ]]
  [ "$(cdx -W)" = "cdx wrapper 2099.12.31-01" ]
  printf '%s\n' "$original" >"$CDX_E2E_WRAPPER_STORAGE"
}

@test "--uninstall deregisters the host, removes cdx, codex, the key and auth.json, keeps the user's Codex data (exit 0)" {
  run cdx --uninstall
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ ! -e "$HOME/.local/bin/cdx" ] && [ ! -e "$HOME/.local/bin/codex" ] && [ ! -e "$HOME/.codex/auth.json" ]
  [ ! -e "$HOME/.config/cdx/api-key" ] && [ -f "$HOME/.codex/prompts/review.md" ]
  [ "$(sql "SELECT COUNT(*) FROM hosts WHERE fqdn = '$FQDN'")" -eq 0 ]
}
