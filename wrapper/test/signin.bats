#!/usr/bin/env bats
# Browser sign-in (wrapper/cdx.d/56-signin.sh): cdx login / whoami / logout and cdx login --enroll against the stub,
# with the /xo-auth answers of the server contract (JSON, {"detail": ...} on errors).

load helper

TOKEN=xwllm_test0123456789abcdef

setup() {
  setup_host
  quiet_artifacts
  # Sleeping is recorded, not done: the poll clock is the sum of the pauses.
  printf '#!/usr/bin/env bash\necho "$1" >>"%s/slept"\n' "$BATS_TEST_TMPDIR" >"$FAKE_BIN/fake-sleep"
  chmod 755 "$FAKE_BIN/fake-sleep"
  export CDX_SLEEP_COMMAND=fake-sleep
  unset DISPLAY WAYLAND_DISPLAY XO_AUTH_SESSION_ID XO_POLL_TOKEN CDX_SIGNIN_TOKEN_FILE CDX_FQDN
  TOKEN_FILE="$HOME/.config/cdx/signin-token"
}

start_answer() {
  route POST_xo-auth_start 200 "{\"authorize_url\": \"$STUB_URL/signin?auth_session_id=sess-1\", \"auth_session_id\": \"sess-1\", \"poll_token\": \"poll-secret-1\", \"expires_in\": ${1:-600}, \"interval\": ${2:-5}}"
}

approved_after_pending() {
  route GET_xo-auth_status_sess-1.1 200 '{"status": "pending"}'
  route GET_xo-auth_status_sess-1 200 '{"status": "approved"}'
  route POST_xo-auth_consume 200 "{\"access_token\": \"$TOKEN\", \"token_type\": \"Bearer\", \"expires_in\": null, \"user_id\": \"user-7\", \"workspace\": \"acme\"}"
  route GET_xo-auth_whoami 200 '{"user_id": "user-7", "email": "ada@example.com", "workspace": "acme", "scopes": ["api:read"]}'
}

@test "cdx login: prints the URL, polls at the interval, consumes, stores the token 0600 and says who signed in" {
  start_answer
  approved_after_pending
  run "$CDX" login
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"$STUB_URL/signin?auth_session_id=sess-1"* ]]
  [[ $output == *"Signed in as ada@example.com (user-7), workspace acme"* ]]
  [ "$(tr -d '\n' <"$TOKEN_FILE")" = "$TOKEN" ]
  [ "$(stat -c %a "$TOKEN_FILE")" = 600 ]
  [[ $output != *"$TOKEN"* && $output != *poll-secret-1* ]]
  [ "$(cat "$BATS_TEST_TMPDIR/slept")" = 5 ]
  [ "$(requests | grep -c "\"path\":\"/xo-auth/status/sess-1?")" -eq 2 ]
  requests | grep '/xo-auth/status/sess-1?poll_token=poll-secret-1' >/dev/null
  [[ $(request_body /xo-auth/start) == '{"client":"cdx"}' ]] # the default scopes: no enrolling of machines
  [[ $(request_body /xo-auth/consume) == '{"auth_session_id":"sess-1","poll_token":"poll-secret-1"}' ]]
  requests | grep '"path":"/xo-auth/whoami"' | grep -q "\"bearer\":\"Bearer $TOKEN\""
  ! grep -q "$TOKEN" "$CDX"
  [ "$(codex_calls)" -eq 0 ] && [ "$(request_count /auth)" -eq 0 ]
}

@test "cdx login opens the browser when a display is there, not with --no-browser" {
  start_answer 600 0
  approved_after_pending
  printf '#!/usr/bin/env bash\necho "$1" >>"%s/opened"\n' "$BATS_TEST_TMPDIR" >"$FAKE_BIN/xdg-open"
  chmod 755 "$FAKE_BIN/xdg-open"
  DISPLAY=:0 run "$CDX" login --no-browser
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ ! -e "$BATS_TEST_TMPDIR/opened" ]
  DISPLAY=:0 run "$CDX" login
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$BATS_TEST_TMPDIR/opened" ] && break; sleep 0.1; done
  [ "$(cat "$BATS_TEST_TMPDIR/opened")" = "$STUB_URL/signin?auth_session_id=sess-1" ]
}

@test "slow_down (429) adds 5 s to the interval, or waits Retry-After when that is longer" {
  start_answer 600 5
  approved_after_pending
  route GET_xo-auth_status_sess-1.1 $'429\nRetry-After: 5' '{"detail": "slow_down"}'
  route GET_xo-auth_status_sess-1.2 $'429\nRetry-After: 30' '{"detail": "slow_down"}'
  route GET_xo-auth_status_sess-1.3 200 '{"status": "pending"}'
  run "$CDX" login
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(tr '\n' ' ' <"$BATS_TEST_TMPDIR/slept")" = "10 30 30 " ]
}

@test "XO_AUTH_SESSION_ID + XO_POLL_TOKEN skip the start and go straight to polling and consuming" {
  approved_after_pending
  XO_AUTH_SESSION_ID=sess-1 XO_POLL_TOKEN=poll-secret-1 run "$CDX" login
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_count /xo-auth/start)" -eq 0 ]
  [ "$(tr -d '\n' <"$TOKEN_FILE")" = "$TOKEN" ]
  XO_AUTH_SESSION_ID=sess-1 run "$CDX" login
  [ "$status" -eq 1 ]
  [[ $output == *"XO_AUTH_SESSION_ID and XO_POLL_TOKEN go together"* ]]
}

@test "an expired sign-in exits 3 and says to run cdx login again; nothing is stored" {
  start_answer
  route GET_xo-auth_status_sess-1 200 '{"status": "expired"}'
  run "$CDX" login
  [ "$status" -eq 3 ]
  [[ $output == *"expired"*"run cdx login again"* ]]
  [ ! -e "$TOKEN_FILE" ]
}

@test "a sign-in never approved within expires_in exits 3" {
  start_answer 20 5
  route GET_xo-auth_status_sess-1 200 '{"status": "pending"}'
  run "$CDX" login
  [ "$status" -eq 3 ]
  [[ $output == *"not approved within 20 seconds"* ]]
  [ "$(requests | grep -c "\"path\":\"/xo-auth/status/sess-1?")" -eq 5 ]
}

@test "consume answered 409 or a wrong poll token exits 4; 410 exits 3" {
  start_answer
  approved_after_pending
  route POST_xo-auth_consume 409 '{"detail": "already consumed"}'
  run "$CDX" login
  [ "$status" -eq 4 ]
  [[ $output == *"already used (HTTP 409: already consumed)"* ]]
  route POST_xo-auth_consume 410 '{"detail": "expired"}'
  run "$CDX" login
  [ "$status" -eq 3 ]
  route GET_xo-auth_status_sess-1 401 '{"detail": "wrong poll token"}'
  route GET_xo-auth_status_sess-1.1 401 '{"detail": "wrong poll token"}'
  run "$CDX" login
  [ "$status" -eq 4 ]
  [[ $output == *"refused the poll token"* ]]
  [ ! -e "$TOKEN_FILE" ]
}

@test "consume 425 (not approved yet) is retried after the interval" {
  start_answer
  approved_after_pending
  route POST_xo-auth_consume.1 425 '{"detail": "not approved yet"}'
  run "$CDX" login
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_count /xo-auth/consume)" -eq 2 ]
}

@test "server errors exit 6, an unreachable server exits 5" {
  route POST_xo-auth_start 502 '{"detail": "upstream failed"}'
  run "$CDX" login
  [ "$status" -eq 6 ]
  [[ $output == *"the server failed (HTTP 502: upstream failed)"* ]]
  bake_cdx "__CODEX_SYNC_BASE_URL__=$UNREACHABLE_URL"
  run "$CDX" login
  [ "$status" -eq 5 ]
  [[ $output == *"no answer from http://127.0.0.1:9"* ]]
}

@test "a status outage during polling is retried; five in a row end with exit 6" {
  start_answer
  approved_after_pending
  route GET_xo-auth_status_sess-1.1 503 '{"detail": "busy"}'
  run "$CDX" login
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  route GET_xo-auth_status_sess-1 503 '{"detail": "busy"}'
  run "$CDX" login
  [ "$status" -eq 6 ]
}

@test "other login forms are Codex's own: cdx login status and cdx login --with-api-key go to codex unchanged" {
  route POST_auth 200 "$(auth_answer valid)"
  run "$CDX" login status
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_count /xo-auth/start)" -eq 0 ]
  [ "$(tr '\n' ' ' <"$FAKE_CODEX_LOG")" = "login status " ]
  run "$CDX" login --no-browser --with-api-key
  [ "$status" -eq 0 ]
  [ "$(request_count /xo-auth/start)" -eq 0 ]
  [ "$(codex_calls)" -eq 2 ]
}

@test "cdx whoami prints the signed-in person; without a token or with a revoked one it exits 4" {
  run "$CDX" whoami
  [ "$status" -eq 4 ]
  [[ $output == *"Not signed in"* ]]
  mkdir -p "$(dirname "$TOKEN_FILE")"
  (umask 077 && echo "$TOKEN" >"$TOKEN_FILE")
  route GET_xo-auth_whoami 200 '{"user_id": "user-7", "email": "ada@example.com", "workspace": "acme", "scopes": []}'
  run "$CDX" whoami
  [ "$status" -eq 0 ]
  [ "$output" = "Signed in as ada@example.com (user-7), workspace acme" ]
  route GET_xo-auth_whoami 401 '{"detail": "invalid token"}'
  run "$CDX" whoami
  [ "$status" -eq 4 ]
  [[ $output == *"no longer valid"* ]]
}

@test "cdx logout revokes the token and deletes the file; an unreachable server still loses the local file" {
  mkdir -p "$(dirname "$TOKEN_FILE")"
  (umask 077 && echo "$TOKEN" >"$TOKEN_FILE")
  route POST_xo-auth_logout 200 '{"revoked": true}'
  run "$CDX" logout
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ ! -e "$TOKEN_FILE" ]
  requests | grep '"path":"/xo-auth/logout"' | grep -q "\"bearer\":\"Bearer $TOKEN\""
  run "$CDX" logout
  [ "$status" -eq 0 ]
  [[ $output == *"Not signed in"* ]]
  (umask 077 && echo "$TOKEN" >"$TOKEN_FILE")
  bake_cdx "__CODEX_SYNC_BASE_URL__=$UNREACHABLE_URL"
  run "$CDX" logout
  [ "$status" -eq 5 ]
  [ ! -e "$TOKEN_FILE" ]
}

enroll_answer() {
  route POST_api_v1_hosts_enroll 201 "{\"status\":\"ok\",\"data\":{\"host_id\":1,\"fqdn\":\"box.example\",\"workspace\":\"acme\",\"installer_command\":\"curl -fsSL \\\"$STUB_URL/install/abc\\\" | bash\",\"installer_url\":\"${1:-$STUB_URL/install/abc}\",\"expires_at\":\"2099-01-01T00:00:00Z\",\"created\":true}}"
}

@test "cdx login --enroll on a host without a key enrols it under CDX_FQDN and runs the installer" {
  rm "$HOME/.config/cdx/api-key"
  start_answer
  approved_after_pending
  enroll_answer
  route GET_install_abc 200 'echo "installer ran for $HOME" >&2'
  CDX_FQDN=box.example run "$CDX" login --enroll --no-browser
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $(request_body /xo-auth/start) == '{"client":"cdx","scopes":["api:read","api:write","mcp","hosts:enroll"]}' ]]
  [[ $(request_body /api/v1/hosts/enroll) == '{"fqdn":"box.example"}' ]]
  requests | grep '"path":"/api/v1/hosts/enroll"' | grep -q "\"bearer\":\"Bearer $TOKEN\""
  [[ $output == *"installer ran for $HOME"* ]]
}

@test "cdx login --enroll: refused when the host has a key; 409, 403 and a foreign installer link fail clearly" {
  run "$CDX" login --enroll
  [ "$status" -eq 1 ]
  [[ $output == *"already enrolled"* ]]
  [ "$(request_count /xo-auth/start)" -eq 0 ]
  rm "$HOME/.config/cdx/api-key"
  start_answer
  approved_after_pending
  route POST_api_v1_hosts_enroll 409 '{"status":"error","code":"host_exists","message":"host exists"}'
  CDX_FQDN=box.example run "$CDX" login --enroll
  [ "$status" -eq 4 ]
  [[ $output == *"box.example is already registered (HTTP 409: host exists)"* ]]
  route POST_api_v1_hosts_enroll 403 '{"status":"error","code":"insufficient_scope","message":"missing hosts:enroll"}'
  CDX_FQDN=box.example run "$CDX" login --enroll
  [ "$status" -eq 4 ]
  [[ $output == *"refused (HTTP 403: missing hosts:enroll insufficient_scope)"* ]]
  enroll_answer http://127.0.0.2:9/install/abc
  CDX_FQDN=box.example run "$CDX" login --enroll
  [ "$status" -eq 6 ]
  [[ $output == *"no installer link on $STUB_URL"* ]]
  enroll_answer
  route GET_install_abc 200 'exit 3'
  CDX_FQDN=box.example run "$CDX" login --enroll
  [ "$status" -eq 7 ]
}
