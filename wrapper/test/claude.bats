#!/usr/bin/env bats
# The fleet's Claude Code token (wrapper/cdx.d/58-claude.sh): POST /claude/retrieve after the auth sync, the
# line-level upsert of CLAUDE_CODE_OAUTH_TOKEN into the agent env file, and `cdx claude`.

load helper
bats_require_minimum_version 1.5.0

CLAUDE_TOKEN=sk-ant-oat01-fleet-token-0001

setup() {
  setup_host
  quiet_artifacts
  ENV_FILE="$HOME/.config/cdx/agent.env"
  route POST_auth 200 "$(auth_answer valid)"
}

claude_answer() {
  route POST_claude_retrieve 200 "status=ok
data.status=$1
data.token=${2-}
data.sha256=${3-}
data.expires_at=
"
}

fake_claude() {
  cat >"$FAKE_BIN/claude" <<'CLAUDE'
#!/usr/bin/env bash
printf '%s\n' "$@" >"$FAKE_CODEX_LOG.claude-args"
printf '%s\n' "${CLAUDE_CODE_OAUTH_TOKEN-unset}" >"$FAKE_CODEX_LOG.claude-token"
printf '%s\n' "${OTHER_KEY-unset}" >"$FAKE_CODEX_LOG.claude-other"
exit "${FAKE_CLAUDE_EXIT:-0}"
CLAUDE
  chmod 755 "$FAKE_BIN/claude"
}

@test "ok writes the token into a new agent env file, 0600, and Codex still runs" {
  claude_answer ok "$CLAUDE_TOKEN"
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(cat "$ENV_FILE")" = "CLAUDE_CODE_OAUTH_TOKEN=$CLAUDE_TOKEN" ]
  [ "$(stat -c %a "$ENV_FILE")" = 600 ]
  [[ $(request_body /claude/retrieve) == '{"sha256":""}' ]]
  requests | grep '"path":"/claude/retrieve"' | grep -q "\"key\":\"$TEST_KEY\""
  [ "$(codex_calls)" -eq 1 ]
  [[ $output != *"$CLAUDE_TOKEN"* ]]
}

@test "the upsert replaces exactly the one token line and keeps comments, blank lines, order and other keys" {
  mkdir -p "$(dirname "$ENV_FILE")"
  printf '# agent settings\nOPENAI_BASE=x\n\nexport CLAUDE_CODE_OAUTH_TOKEN=old-token-value\n  # indented comment\nOTHER_KEY="a b"\n' >"$ENV_FILE"
  chmod 644 "$ENV_FILE"
  cp "$ENV_FILE" "$BATS_TEST_TMPDIR/before"
  claude_answer ok "$CLAUDE_TOKEN"
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  expected_sha=$(printf '%s' old-token-value | sha256sum | cut -d' ' -f1)
  [[ $(request_body /claude/retrieve) == "{\"sha256\":\"$expected_sha\"}" ]]
  run diff "$BATS_TEST_TMPDIR/before" "$ENV_FILE"
  [ "${#lines[@]}" -eq 4 ]
  [ "${lines[0]}" = 4c4 ]
  [ "${lines[1]}" = "< export CLAUDE_CODE_OAUTH_TOKEN=old-token-value" ]
  [ "${lines[3]}" = "> export CLAUDE_CODE_OAUTH_TOKEN=$CLAUDE_TOKEN" ]
  [ "$(stat -c %a "$ENV_FILE")" = 600 ]
  [ -z "$(find "$(dirname "$ENV_FILE")" -name '.agent-env.*')" ]
}

@test "a file without the key gets it appended; a duplicate later line is dropped; CDX_AGENT_ENV_FILE moves the file" {
  export CDX_AGENT_ENV_FILE="$BATS_TEST_TMPDIR/agent/.env"
  mkdir -p "$BATS_TEST_TMPDIR/agent"
  printf 'A=1\n# note\n' >"$CDX_AGENT_ENV_FILE"
  claude_answer ok "$CLAUDE_TOKEN"
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(cat "$CDX_AGENT_ENV_FILE")" = "$(printf 'A=1\n# note\nCLAUDE_CODE_OAUTH_TOKEN=%s' "$CLAUDE_TOKEN")" ]
  [ ! -e "$ENV_FILE" ]
  printf 'CLAUDE_CODE_OAUTH_TOKEN=one\nB=2\nCLAUDE_CODE_OAUTH_TOKEN=two\n' >"$CDX_AGENT_ENV_FILE"
  run "$CDX" exec hi
  [ "$(cat "$CDX_AGENT_ENV_FILE")" = "$(printf 'CLAUDE_CODE_OAUTH_TOKEN=%s\nB=2' "$CLAUDE_TOKEN")" ]
}

@test "unchanged and missing leave the file as it was" {
  mkdir -p "$(dirname "$ENV_FILE")"
  printf '# keep\nCLAUDE_CODE_OAUTH_TOKEN=held\n' >"$ENV_FILE"
  chmod 640 "$ENV_FILE"
  touch -d '2020-01-01' "$ENV_FILE"
  for state in unchanged missing; do
    claude_answer "$state"
    run "$CDX" exec hi
    [ "$status" -eq 0 ] || { echo "$output"; false; }
    [ "$(cat "$ENV_FILE")" = "$(printf '# keep\nCLAUDE_CODE_OAUTH_TOKEN=held')" ]
    [ "$(stat -c '%a %Y' "$ENV_FILE")" = "640 $(date -d 2020-01-01 +%s)" ]
  done
}

@test "failures are warnings only: a 500, a bad token, an unwritable file; a server without the route is silent" {
  route POST_claude_retrieve 500 $'status=error\nmessage=boom\n'
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Claude Code token not updated: http-500:boom"* ]]
  [ "$(codex_calls)" -eq 1 ]
  claude_answer ok 'bad token with spaces'
  run "$CDX" exec hi
  [ "$status" -eq 0 ]
  [[ $output == *"not a plain value"* ]]
  [ ! -e "$ENV_FILE" ]
  claude_answer ok "$CLAUDE_TOKEN"
  CDX_AGENT_ENV_FILE=/proc/no-such/agent.env run "$CDX" exec hi
  [ "$status" -eq 0 ]
  [[ $output == *"cannot write /proc/no-such/agent.env"* ]]
  rm "$STUB_STATE/routes/POST_claude_retrieve"
  run "$CDX" exec hi
  [ "$status" -eq 0 ]
  [[ $output != *"Claude Code"* ]]
  [ "$(codex_calls)" -eq 4 ]
}

@test "no /claude/retrieve when the auth sync failed" {
  route POST_auth 401 $'status=error\nmessage=Invalid API key\n'
  claude_answer ok "$CLAUDE_TOKEN"
  run "$CDX" exec hi
  [ "$status" -eq 1 ]
  [ "$(request_count /claude/retrieve)" -eq 0 ]
  [ ! -e "$ENV_FILE" ]
}

@test "cdx claude runs claude with the env file's token and other keys, passes its arguments and its status" {
  fake_claude
  mkdir -p "$(dirname "$ENV_FILE")"
  printf '# c\nOTHER_KEY="quoted value"\n' >"$ENV_FILE"
  claude_answer ok "$CLAUDE_TOKEN"
  run "$CDX" claude -p "hello there"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(tr '\n' '|' <"$FAKE_CODEX_LOG.claude-args")" = "-p|hello there|" ]
  [ "$(cat "$FAKE_CODEX_LOG.claude-token")" = "$CLAUDE_TOKEN" ]
  [ "$(cat "$FAKE_CODEX_LOG.claude-other")" = "quoted value" ]
  [ "$(codex_calls)" -eq 0 ]
  FAKE_CLAUDE_EXIT=9 run "$CDX" claude
  [ "$status" -eq 9 ]
}

@test "insecure host: the token is removed after cdx claude and after a Codex run that fetched it; the other keys stay" {
  fake_claude
  mkdir -p "$(dirname "$ENV_FILE")"
  printf '# c\nOTHER_KEY="quoted value"\n' >"$ENV_FILE"
  route POST_auth 200 "$(auth_answer valid data.host.secure=false)"
  claude_answer ok "$CLAUDE_TOKEN"
  run "$CDX" claude
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(cat "$FAKE_CODEX_LOG.claude-token")" = "$CLAUDE_TOKEN" ]
  [[ $output == *"Insecure host: CLAUDE_CODE_OAUTH_TOKEN removed"* ]]
  [ "$(cat "$ENV_FILE")" = $'# c\nOTHER_KEY="quoted value"' ]
  claude_answer ok "$CLAUDE_TOKEN"
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(codex_calls)" -eq 1 ]
  ! grep -q CLAUDE_CODE_OAUTH_TOKEN "$ENV_FILE"
  route POST_auth 200 "$(auth_answer valid)"
  claude_answer ok "$CLAUDE_TOKEN"
  run "$CDX" exec hi
  grep -q "CLAUDE_CODE_OAUTH_TOKEN=$CLAUDE_TOKEN" "$ENV_FILE"
}

@test "cdx claude without claude installed exits 127 and calls nothing; a refused host key exits 1" {
  run -127 "$CDX" claude
  [ "$status" -eq 127 ]
  [[ $output == *"Claude Code (claude) is not installed"* ]]
  [ "$(requests)" = "" ]
  fake_claude
  route POST_auth 401 $'status=error\nmessage=Invalid API key\n'
  run "$CDX" claude
  [ "$status" -eq 1 ]
  [[ $output == *"Claude Code launch refused"* ]]
  [ ! -e "$FAKE_CODEX_LOG.claude-args" ]
}
