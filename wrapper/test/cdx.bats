#!/usr/bin/env bats
# Unit tests of the cdx wrapper against a stub host API: command line, auth sync and its failure classes, the
# launch gate, running Codex and what happens after it exits. Exit codes are those of spec/cdx.md 13.

load helper

@test "-W and --wrapper-version print the version and exit 0 without calling the server" {
  run "$CDX" -W
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$output" = "cdx wrapper $(wrapper_version)" ]
  run "$CDX" --wrapper-version
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(requests)" = "" ]
}

@test "--execute without a prompt prints the usage line and exits 1" {
  run "$CDX" --execute
  [ "$status" -eq 1 ]
  [[ $output == *'Usage: cdx --execute "<prompt>" [codex args]'* ]]
}

@test "--execute runs codex exec once, prints the last message and passes Codex's status through" {
  FAKE_CODEX_RUN='for ((i=1;i<=$#;i++)); do [[ ${!i} == --output-last-message ]] && { j=$((i+1)); echo "the answer" >"${!j}"; }; done' \
    run "$CDX" --execute "say hi" --json
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$output" = "the answer" ]
  run cat "$FAKE_CODEX_LOG"
  [ "${lines[0]}" = --model ] && [ "${lines[1]}" = gpt-5.1 ] && [ "${lines[6]}" = exec ]
  [ "${lines[9]: -0}" != "" ]
  [ "${lines[10]}" = "say hi" ] && [ "${lines[11]}" = --json ]
  FAKE_CODEX_EXIT=7 run "$CDX" --execute "fail"
  [ "$status" -eq 7 ]
  [ "$(requests)" = "" ]
}

@test "no real codex binary: exit 1" {
  rm "$FAKE_BIN/codex"
  PATH="$BATS_TEST_TMPDIR/bin:/usr/bin:/bin" run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"Unable to find the real Codex binary on PATH"* ]]
}

@test "an unbaked wrapper has no server: missing config refuses the launch (exit 1)" {
  "$WRAPPER_ASSEMBLE" >"$CDX"
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"reinstall"* ]]
  [ "$(codex_calls)" -eq 0 ]
}

@test "outdated local auth is replaced by the server's bytes, 0600, and Codex runs with no host key in its environment" {
  canonical_auth >"$BATS_TEST_TMPDIR/canonical.json"
  mkdir -p "$HOME/.codex"
  canonical_auth 2020-01-01T00:00:00Z >"$HOME/.codex/auth.json"
  route POST_auth 200 "$(auth_answer outdated "data.auth_file_b64=$(base64 -w0 "$BATS_TEST_TMPDIR/canonical.json")")"
  run "$CDX" --debug exec "hello"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  cmp "$HOME/.codex/auth.json" "$BATS_TEST_TMPDIR/canonical.json"
  [ "$(stat -c %a "$HOME/.codex/auth.json")" = 600 ]
  [ "$(codex_calls)" -eq 1 ]
  [ "$(cat "$FAKE_CODEX_LOG")" = $'exec\nhello' ]
  [ "$(cat "$FAKE_CODEX_LOG.bearer")" = unset ]
  ! grep -q "$TEST_KEY" "$FAKE_CODEX_LOG"
  [[ $output != *"$TEST_KEY"* ]]
  body=$(request_body /auth)
  [[ $body == *'"command":"retrieve"'* && $body == *"\"local_auth_b64\":\"$(canonical_auth 2020-01-01T00:00:00Z | base64 -w0)\""* ]]
  [[ $body == *'"client_version":"0.169.0"'* && $body == *"\"installation_id\":\"$TEST_INSTALLATION_ID\""* ]]
  requests | grep '"path":"/auth"' | grep -q "\"key\":\"$TEST_KEY\""
  requests | grep '"path":"/auth"' | grep -q '"accept":"text/plain"'
}

@test "an older Codex's token-usage line is read by cdx, escapes stripped, and posted as numbers" {
  route POST_auth 200 "$(auth_answer valid)"
  run "$CDX"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_count /usage)" -eq 1 ]
  [ "$(request_body /usage)" = '{"usages":[{"total":1234,"input":1000,"output":234,"cached":200,"reasoning":100,"line":"Token usage: total=1234 input=1000 (+ 200 cached) output=234 (reasoning 100)"}]}' ]
  [[ $output == *"Usage push | ok | total=1234 input=1000 output=234"* ]]
}

@test "Codex's exit status is cdx's, and Codex runs once" {
  route POST_auth 200 "$(auth_answer valid)"
  FAKE_CODEX_EXIT=3 run "$CDX"
  [ "$status" -eq 3 ]
  [ "$(codex_calls)" -eq 1 ]
  [ "$(request_count /usage)" -eq 1 ]
}
