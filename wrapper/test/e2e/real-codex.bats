#!/usr/bin/env bats
# The real Codex CLI 0.169.0 (npm, CDX_E2E_REAL_CODEX) on an enrolled host, pointed by the fleet's config.toml at a
# local stand-in of the OpenAI Responses API (responses-stub.js) that reports a known usage for every turn:
# `cdx exec` and the interactive TUI (in a terminal, so cdx captures it with script(1)) must each leave exactly
# those tokens, and their cost, in the server's token_usages, as the admin API shows them.
#
# Every turn of the stub: input 1,234 of which 200 cached, output 56 of which 7 reasoning. Stored as Codex counts
# it ("tokens used"): input 1,034 (uncached), cached 200, output 56, reasoning 7, total 1,090. With the default
# gpt-5.1 prices per 1k tokens (input 0.00125, output 0.01, cached 0.000125):
# 1.034 × 0.00125 + 0.056 × 0.01 + 0.2 × 0.000125 = 0.0018775 → 0.001878.

load e2e-helper

setup_file() {
  export HOST_HOME="$BATS_FILE_TMPDIR/home" WORKSPACE="$BATS_FILE_TMPDIR/workspace" RESPONSES="$BATS_FILE_TMPDIR/responses"
  mkdir -p "$HOST_HOME" "$WORKSPACE" "$RESPONSES"
  node "$BATS_TEST_DIRNAME/responses-stub.js" "$RESPONSES" &
  echo $! >"$BATS_FILE_TMPDIR/responses.pid"
  for _ in $(seq 1 100); do [[ -s $RESPONSES/port ]] && break; sleep 0.05; done
  export FQDN="real-codex-$RANDOM.fleet.test"
  admin POST /codex-version '{"selection":"0.169.0"}' >/dev/null
  admin POST /config/store "$(fleet_config "$(<"$RESPONSES/port")")" >/dev/null
  registered=$(admin POST /hosts/register "{\"fqdn\":\"$FQDN\"}")
  json_get data.installer.command <<<"$registered" >"$BATS_FILE_TMPDIR/installer-command"
  json_get data.host.id <<<"$registered" >"$BATS_FILE_TMPDIR/host-id"
}

teardown_file() {
  [[ -f $BATS_FILE_TMPDIR/responses.pid ]] && kill "$(<"$BATS_FILE_TMPDIR/responses.pid")" 2>/dev/null || true
  tmux -L cdx-e2e kill-server 2>/dev/null || true
  # Codex 0.169's TUI leaves an app-server daemon running from this CODEX_HOME: end exactly those processes.
  local pid
  for pid in $(ps -eo pid=,args= | awk -v home="$HOST_HOME/.codex/" 'index($0, home) { print $1 }'); do
    kill "$pid" 2>/dev/null || true
  done
}

# The fleet's config.toml: the stand-in as model provider, the workspace trusted (no trust prompt in the TUI).
fleet_config() {
  local custom
  custom=$(printf '[model_providers.stub]\nname = "stub"\nbase_url = "http://127.0.0.1:%s/v1"\nwire_api = "responses"\nenv_key = "STUB_API_KEY"\n\n[projects."%s"]\ntrust_level = "trusted"\n' "$1" "$WORKSPACE")
  printf '{"settings":{"model":"gpt-5.1-codex","model_provider":"stub","approval_policy":"never","sandbox_mode":"read-only","custom_toml":%s}}' \
    "$(node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$custom")"
}

setup() {
  export HOME="$HOST_HOME" CDX_SYSTEM_BIN_DIR="$BATS_FILE_TMPDIR/no-system-bin" CDX_CODEX_OPT_DIR="$BATS_FILE_TMPDIR/no-opt"
  export PATH="$HOST_HOME/.local/bin:$PATH" CDX_CODEX_BIN="$CDX_E2E_REAL_CODEX" STUB_API_KEY=stub CODEX_SKIP_MOTD=1
  unset CODEX_HOME CODEX_WRAPPER_RESTARTED
}

host_usage_rows() {
  sql "SELECT total, input_tokens, output_tokens, cached_tokens, reasoning_tokens, model, cost FROM token_usages
       WHERE host_id = $(<"$BATS_FILE_TMPDIR/host-id") ORDER BY id"
}

@test "the README's curl sequence signs the admin in and mints an API token that the admin API accepts" {
  local BASE=$CDX_E2E_BASE_URL csrf secret
  cd "$BATS_TEST_TMPDIR"
  # README "From zero to an enrolled host", step 5, as written there.
  csrf=$(curl -sS -c jar -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$CDX_E2E_ADMIN_PASSWORD\"}" "$BASE/admin/api/session/login" |
    sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
  [ -n "$csrf" ]
  secret=$(curl -sS -b jar -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"label":"enrolment","role":"admin","expires_in_days":30}' "$BASE/admin/api/api-tokens" | json_get data.secret)
  [ -n "$secret" ]
  [ "$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $secret" "$BASE/admin/api/usage?limit=5")" = 200 ]
}

@test "the admin's install command enrols the host (the real Codex stays: CODEX_INSTALL_SKIP_CODEX=1)" {
  run env CODEX_INSTALL_SKIP_CODEX=1 bash -c "$(<"$BATS_FILE_TMPDIR/installer-command")"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(stat -c %a "$HOME/.config/cdx/api-key")" = 600 ]
}

@test "cdx exec with the real Codex: its tokens and cost are in token_usages, exactly" {
  cd "$WORKSPACE"
  start=$(date +%s%N)
  run cdx exec --skip-git-repo-check "say hi" </dev/null
  echo "# cdx exec took $((($(date +%s%N) - start) / 1000000)) ms" >&3
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Stub answer 1."* ]]
  [[ $output == *"Usage push | ok | total=1090 input=1034 output=56"* ]]
  [ "$(host_usage_rows)" = "$(printf '1090\t1034\t56\t200\t7\tgpt-5.1-codex\t0.001878')" ]
}

@test "the admin API shows that run's tokens and cost for the host" {
  answer=$(admin GET "/usage?host_id=$(<"$BATS_FILE_TMPDIR/host-id")")
  [ "$(json_get data.usages.0.total <<<"$answer")" = 1090 ] || { echo "$answer"; false; }
  [ "$(json_get data.usages.0.input <<<"$answer")" = 1034 ]
  [ "$(json_get data.usages.0.cached <<<"$answer")" = 200 ]
  [ "$(json_get data.usages.0.reasoning <<<"$answer")" = 7 ]
  [ "$(json_get data.usages.0.model <<<"$answer")" = gpt-5.1-codex ]
  [ "$(json_get data.usages.0.cost <<<"$answer")" = 0.001878 ]
}

@test "the interactive TUI through cdx in a terminal: one more turn, the same exact tokens" {
  local screen='' deadline
  tmux -L cdx-e2e new-session -d -x 160 -y 45 -s tui \
    "cd '$WORKSPACE' && cdx 'say hi'; echo \$? >'$BATS_FILE_TMPDIR/tui.exit'; sleep 5"
  tmux -L cdx-e2e pipe-pane -t tui "cat >'$BATS_FILE_TMPDIR/tui.log'"
  deadline=$((SECONDS + 90))
  until [[ $screen == *"Stub answer "* ]] || ((SECONDS > deadline)); do
    sleep 1
    screen=$(tmux -L cdx-e2e capture-pane -p -t tui 2>/dev/null || true)
  done
  [[ $screen == *"Stub answer "* ]] || { echo "$screen"; false; }
  tmux -L cdx-e2e send-keys -t tui '/quit'
  sleep 1
  tmux -L cdx-e2e send-keys -t tui Enter
  deadline=$((SECONDS + 60))
  until [[ -s $BATS_FILE_TMPDIR/tui.exit ]] || ((SECONDS > deadline)); do sleep 1; done
  [ "$(<"$BATS_FILE_TMPDIR/tui.exit")" = 0 ] || { cat "$BATS_FILE_TMPDIR/tui.log"; false; }
  [ "$(host_usage_rows | tail -n 1)" = "$(printf '1090\t1034\t56\t200\t7\tgpt-5.1-codex\t0.001878')" ] || { cat "$BATS_FILE_TMPDIR/tui.log"; false; }
  [ "$(host_usage_rows | wc -l)" -eq 2 ]
}

@test "Codex started without cdx sends the host key to the MCP server, asked from cdx --mcp-headers" {
  grep -q '^http_headers_helper = "cdx --mcp-headers"$' "$HOME/.codex/config.toml"
  grep -q "^url = \"$CDX_E2E_BASE_URL/mcp\"$" "$HOME/.codex/config.toml"
  ! grep -q "$(<"$HOME/.config/cdx/api-key")" "$HOME/.codex/config.toml"
  cd "$WORKSPACE"
  # The same config.toml, its MCP URL pointed at the stand-in, which records the Authorization header it gets.
  run "$CDX_E2E_REAL_CODEX" exec --skip-git-repo-check -c "mcp_servers.cdx.url=\"http://127.0.0.1:$(<"$RESPONSES/port")/mcp\"" "say hi" </dev/null
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  grep -q "^POST /mcp Bearer $(<"$HOME/.config/cdx/api-key")$" "$RESPONSES/requests.log" || { cat "$RESPONSES/requests.log"; false; }
}
