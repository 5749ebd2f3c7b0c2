#!/usr/bin/env bats
# The sign-in enrolment script (ejb-module/.../identity/control/login.sh) rendered as the server renders it and run
# as people run it, `curl -fsSL <server>/install/login | bash`, against the stub: sign in, enrol, run the installer;
# every failure is a message and a non-zero exit.

load helper

LOGIN_TEMPLATE="$BATS_TEST_DIRNAME/../../ejb-module/src/main/resources/dev/codexauth/identity/control/login.sh"
TOKEN=xwllm_login0123456789abcdef

setup() {
  setup_host
  rm -f "$HOME/.config/cdx/api-key"
  printf '#!/usr/bin/env bash\necho "$1" >>"%s/slept"\n' "$BATS_TEST_TMPDIR" >"$FAKE_BIN/fake-sleep"
  chmod 755 "$FAKE_BIN/fake-sleep"
  export CDX_SLEEP_COMMAND=fake-sleep CDX_FQDN=box.example
  unset DISPLAY WAYLAND_DISPLAY XO_AUTH_SESSION_ID XO_POLL_TOKEN CDX_SIGNIN_TOKEN_FILE CDX_CA_FILE CDX_NO_BROWSER
  render_login "'$STUB_URL'"
  route POST_xo-auth_start 200 "{\"authorize_url\":\"$STUB_URL/signin?auth_session_id=s-9\",\"auth_session_id\":\"s-9\",\"poll_token\":\"p-9\",\"expires_in\":600,\"interval\":5}"
  route GET_xo-auth_status_s-9.1 200 '{"status":"pending"}'
  route GET_xo-auth_status_s-9 200 '{"status":"approved"}'
  route POST_xo-auth_consume 200 "{\"access_token\":\"$TOKEN\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"user_id\":\"u-1\",\"workspace\":\"acme\"}"
  route GET_xo-auth_whoami 200 '{"user_id":"u-1","email":"ada@example.com","workspace":"acme","scopes":["hosts:enroll"]}'
  route POST_api_v1_hosts_enroll 201 "{\"status\":\"ok\",\"data\":{\"host_id\":1,\"fqdn\":\"box.example\",\"workspace\":\"acme\",\"installer_command\":\"curl -fsSL \\\"$STUB_URL/install/one\\\" | bash\",\"installer_url\":\"$STUB_URL/install/one\",\"expires_at\":\"2099-01-01T00:00:00Z\",\"created\":true}}"
  route GET_install_one 200 'echo "installer ran; stdin is $(readlink /proc/self/fd/0)" >&2'
}

# The template with the base-URL token replaced by VALUE (the server puts its public base URL there, quoted).
render_login() {
  local script
  script=$(<"$LOGIN_TEMPLATE")
  printf '%s\n' "${script//__CODEX_AUTH_BASE_URL__/$1}" >"$BATS_TEST_TMPDIR/login.sh"
  { printf '200\n\n'; cat "$BATS_TEST_TMPDIR/login.sh"; } >"$STUB_STATE/routes/GET_install_login"
}

run_pasted() { run bash -c "curl -fsSL '$STUB_URL/install/login' | bash ${1-}"; }

@test "curl | bash signs in, enrols the host under CDX_FQDN with the bearer and runs the installer it got" {
  run_pasted
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"$STUB_URL/signin?auth_session_id=s-9"* ]]
  [[ $output == *"signed in as ada@example.com"* && $output == *"box.example enrolled"* ]]
  [[ $output == *"installer ran; stdin is /dev/null"* ]]
  [[ $(request_body /api/v1/hosts/enroll) == '{"fqdn":"box.example"}' ]]
  requests | grep '"path":"/api/v1/hosts/enroll"' | grep -q "\"bearer\":\"Bearer $TOKEN\""
  [[ $(request_body /xo-auth/start) == '{"client":"cdx installer","scopes":["api:read","api:write","mcp","hosts:enroll"]}' ]]
  [[ $(request_body /xo-auth/consume) == '{"auth_session_id":"s-9","poll_token":"p-9"}' ]]
  [ "$(tr -d '\n' <"$HOME/.config/cdx/signin-token")" = "$TOKEN" ]
  [ "$(stat -c %a "$HOME/.config/cdx/signin-token")" = 600 ]
  [[ $output != *"$TOKEN"* ]]
  [ "$(cat "$BATS_TEST_TMPDIR/slept")" = 5 ]
}

@test "hostname -f is the default name; XO_AUTH_SESSION_ID + XO_POLL_TOKEN skip the start" {
  unset CDX_FQDN
  export XO_AUTH_SESSION_ID=s-9 XO_POLL_TOKEN=p-9
  run_pasted
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_count /xo-auth/start)" -eq 0 ]
  [[ $(request_body /api/v1/hosts/enroll) == "{\"fqdn\":\"$(hostname -f 2>/dev/null || hostname)\"}" ]]
}

@test "slow_down backs off by 5 s; a display opens the browser unless --no-browser" {
  route GET_xo-auth_status_s-9.1 $'429\nRetry-After: 5' '{"detail":"slow_down"}'
  route GET_xo-auth_status_s-9.2 200 '{"status":"pending"}'
  printf '#!/usr/bin/env bash\necho "$1" >>"%s/opened"\n' "$BATS_TEST_TMPDIR" >"$FAKE_BIN/xdg-open"
  chmod 755 "$FAKE_BIN/xdg-open"
  export DISPLAY=:0
  run_pasted "-s -- --no-browser"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(tr '\n' ' ' <"$BATS_TEST_TMPDIR/slept")" = "10 10 " ]
  [ ! -e "$BATS_TEST_TMPDIR/opened" ]
  run_pasted
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$BATS_TEST_TMPDIR/opened" ] && break; sleep 0.1; done
  [ "$(cat "$BATS_TEST_TMPDIR/opened")" = "$STUB_URL/signin?auth_session_id=s-9" ]
}

@test "expiry exits 3, a replayed consume 4, a refused enrolment 4, each with its reason; no installer runs" {
  route GET_xo-auth_status_s-9 200 '{"status":"expired"}'
  run_pasted
  [ "$status" -eq 3 ]
  [[ $output == *"cdx login: error: the sign-in expired before it was approved; run this again"* ]]
  route GET_xo-auth_status_s-9 200 '{"status":"approved"}'
  route POST_xo-auth_consume 409 '{"detail":"already consumed"}'
  run_pasted
  [ "$status" -eq 4 ]
  [[ $output == *"already used (HTTP 409: already consumed)"* ]]
  route POST_xo-auth_consume 200 "{\"access_token\":\"$TOKEN\",\"user_id\":\"u-1\"}"
  route POST_api_v1_hosts_enroll 403 '{"status":"error","code":"entitlement_inactive","message":"no active entitlement"}'
  run_pasted
  [ "$status" -eq 4 ]
  [[ $output == *"enrolling box.example was refused (HTTP 403: no active entitlement entitlement_inactive)"* ]]
  route POST_api_v1_hosts_enroll 409 '{"status":"error","code":"host_exists","message":"host exists"}'
  run_pasted
  [ "$status" -eq 4 ]
  [[ $output == *"box.example is already registered"* ]]
  [ "$(request_count /install/one)" -eq 0 ]
}

@test "server errors exit 6, an unreachable server 5, a failing installer 7, a spent installer link runs its refusal" {
  route POST_xo-auth_start 500 '{"detail":"database down"}'
  run_pasted
  [ "$status" -eq 6 ]
  [[ $output == *"the server failed (HTTP 500: database down)"* ]]
  rm "$STUB_STATE/routes/POST_xo-auth_start"
  export XO_AUTH_SESSION_ID=s-9 XO_POLL_TOKEN=p-9
  route GET_install_one 200 'exit 2'
  run_pasted
  [ "$status" -eq 7 ]
  [[ $output == *"the installer failed (exit 2)"* ]]
  route GET_install_one 410 $'echo "Installer already used" >&2\nexit 1\n'
  run_pasted
  [ "$status" -eq 7 ]
  [[ $output == *"Installer already used"* ]]
  render_login "'http://127.0.0.1:9'"
  run_pasted
  [ "$status" -eq 5 ]
  [[ $output == *"no answer from http://127.0.0.1:9"* ]]
}

@test "an installer link on another origin is not run; an unrendered script refuses to start" {
  route POST_api_v1_hosts_enroll 201 '{"status":"ok","data":{"installer_url":"http://127.0.0.2:9/install/x"}}'
  run_pasted
  [ "$status" -eq 6 ]
  [[ $output == *"no installer link on $STUB_URL"* ]]
  run bash "$LOGIN_TEMPLATE"
  [ "$status" -eq 1 ]
  [[ $output == *"this script has no server address"* ]]
}

@test "TLS is verified: a self-signed server without CDX_CA_FILE fails with exit 5, with it the sign-in works" {
  command -v openssl >/dev/null || skip "needs openssl"
  teardown_host
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$BATS_TEST_TMPDIR/key.pem" -out "$BATS_TEST_TMPDIR/cert.pem" 2>/dev/null
  rm -f "$STUB_STATE/port"
  STUB_TLS_CERT="$BATS_TEST_TMPDIR/cert.pem" STUB_TLS_KEY="$BATS_TEST_TMPDIR/key.pem" start_stub
  render_login "'$STUB_URL'"
  export XO_AUTH_SESSION_ID=s-9 XO_POLL_TOKEN=p-9
  route POST_api_v1_hosts_enroll 201 "{\"status\":\"ok\",\"data\":{\"installer_url\":\"$STUB_URL/install/one\"}}"
  run bash "$BATS_TEST_TMPDIR/login.sh"
  [ "$status" -eq 5 ]
  [[ $output == *"TLS certificate"* ]]
  CDX_CA_FILE="$BATS_TEST_TMPDIR/cert.pem" run bash "$BATS_TEST_TMPDIR/login.sh"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
}
