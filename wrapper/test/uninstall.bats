#!/usr/bin/env bats
# cdx --uninstall (wrapper/cdx.d/60-uninstall.sh): deregisters, removes what cdx installed, keeps user data unless
# --purge, and removes no path it has not checked, whatever names the server supplies.

load helper

setup() {
  setup_host
  quiet_artifacts
  mkdir -p "$HOME/.codex/prompts" "$HOME/.codex/sessions" "$HOME/.local/bin"
  canonical_auth >"$HOME/.codex/auth.json"
  printf 'mine\n' >"$HOME/.codex/prompts/mine.md"
  printf '{}\n' >"$HOME/.codex/.prompt-baseline.json"
  touch "$HOME/.local/bin/cdx" "$CDX_SYSTEM_BIN_DIR/cdx" "$CDX_SYSTEM_BIN_DIR/codex"
  route DELETE_auth 200 $'status=ok\ndata.deleted=test.fleet\n'
}

@test "--uninstall deregisters, removes cdx, codex, the key and the fleet's auth.json, keeps the user's Codex data (exit 0)" {
  run "$CDX" --uninstall
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Codex uninstall complete (Codex settings, sessions, prompts and skills kept; cdx --uninstall --purge removes them)"* ]]
  requests | grep -q '"method":"DELETE","path":"/auth?force=1"'
  [ ! -e "$HOME/.codex/auth.json" ] && [ ! -e "$HOME/.codex/.prompt-baseline.json" ] && [ ! -e "$HOME/.config/cdx/api-key" ]
  [ -f "$HOME/.codex/prompts/mine.md" ] && [ -d "$HOME/.codex/sessions" ]
  [ ! -e "$HOME/.local/bin/cdx" ] && [ ! -e "$CDX_SYSTEM_BIN_DIR/cdx" ] && [ ! -e "$CDX_SYSTEM_BIN_DIR/codex" ]
}

@test "--uninstall removes a Codex installed globally through npm, and asks npm nothing more when there is none" {
  FAKE_NPM_HAS_CODEX=1 run "$CDX" --uninstall
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  grep -qx 'uninstall -g @openai/codex' "$FAKE_NPM_LOG"
  rm -f "$FAKE_NPM_LOG"
  run "$CDX" --uninstall
  [ "$status" -eq 0 ]
  [ "$(cat "$FAKE_NPM_LOG")" = "list -g @openai/codex" ]
}

@test "--uninstall --purge removes ~/.codex whole; a server failure only warns" {
  route DELETE_auth 503 $'status=error\nmessage=API disabled by administrator\n'
  run "$CDX" --uninstall --purge
  [ "$status" -eq 0 ]
  [[ $output == *"Could not deregister this host"* && $output == *"Codex uninstall complete"* ]]
  [ ! -e "$HOME/.codex" ]
}

@test "user names from the server that are not local accounts, or would make paths, are skipped" {
  [[ $EUID -eq 0 ]] || skip "other users' folders are only cleaned by root"
  mkdir -p "$BATS_TEST_TMPDIR/victim/.codex"
  touch "$BATS_TEST_TMPDIR/victim/.codex/keep"
  route POST_host_users 200 "$(printf '%s\n' status=ok data.users.#=4 'data.users.0.username=../../victim' 'data.users.1.username=no-such-user-xyz' \
    'data.users.2.username=/' 'data.users.3.username=root; rm -rf /')"
  run "$CDX" --uninstall --purge
  [ "$status" -eq 0 ]
  [[ $output == *"Skipping user '../../victim'"* && $output == *"Skipping user 'no-such-user-xyz'"* && $output == *"Skipping user '/'"* ]]
  [ -f "$BATS_TEST_TMPDIR/victim/.codex/keep" ]
}

@test "a ~/.codex that is a symlink is not followed" {
  mkdir -p "$BATS_TEST_TMPDIR/elsewhere"
  canonical_auth >"$BATS_TEST_TMPDIR/elsewhere/auth.json"
  rm -rf "$HOME/.codex"
  ln -s "$BATS_TEST_TMPDIR/elsewhere" "$HOME/.codex"
  run "$CDX" --uninstall --purge
  [ "$status" -eq 0 ]
  [ -f "$BATS_TEST_TMPDIR/elsewhere/auth.json" ]
}

@test "a CODEX_HOME from the environment that is relative or not normalised is not removed" {
  mkdir -p "$BATS_TEST_TMPDIR/other/.codex"
  touch "$BATS_TEST_TMPDIR/other/.codex/keep"
  CODEX_HOME="$BATS_TEST_TMPDIR/other/../other/.codex" run "$CDX" --uninstall --purge
  [ "$status" -eq 0 ]
  [[ $output == *"Not removing $BATS_TEST_TMPDIR/other/../other/.codex: not a plain absolute path"* ]]
  cd "$BATS_TEST_TMPDIR"
  CODEX_HOME="other/.codex" run "$CDX" --uninstall --purge
  [ "$status" -eq 0 ]
  [ -f "$BATS_TEST_TMPDIR/other/.codex/keep" ]
}

@test "--uninstall revokes and removes the sign-in token and drops only the fleet's Claude token from the agent env file" {
  mkdir -p "$HOME/.config/cdx"
  (umask 077 && echo xwllm_uninstall0123456789 >"$HOME/.config/cdx/signin-token")
  printf '# mine\nCLAUDE_CODE_OAUTH_TOKEN=fleet-token\nMY_KEY=1\n' >"$HOME/.config/cdx/agent.env"
  route POST_xo-auth_logout 200 '{"revoked": true}'
  run "$CDX" --uninstall
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  requests | grep '"path":"/xo-auth/logout"' | grep -q '"bearer":"Bearer xwllm_uninstall0123456789"'
  [ ! -e "$HOME/.config/cdx/signin-token" ]
  [ "$(cat "$HOME/.config/cdx/agent.env")" = "$(printf '# mine\nMY_KEY=1')" ]
}
