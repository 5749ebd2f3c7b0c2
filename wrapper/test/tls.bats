#!/usr/bin/env bats
# TLS to the server is verified (wrapper/cdx.d/00-settings.sh, 15-http.sh and the installer): a self-signed
# server is refused unless an admin marked the host insecure, or the host has the server's CA (CDX_CA_FILE).

load helper
load installer-helper

setup() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$BATS_TEST_TMPDIR/tls.key" -out "$BATS_TEST_TMPDIR/tls.pem" 2>/dev/null
  export STUB_TLS_CERT="$BATS_TEST_TMPDIR/tls.pem" STUB_TLS_KEY="$BATS_TEST_TMPDIR/tls.key"
  setup_host
  quiet_artifacts
  route POST_auth 200 "$(auth_answer valid)"
}

@test "a secure host refuses a server whose certificate it cannot verify, whatever CODEX_SYNC_ALLOW_INSECURE says" {
  CODEX_SYNC_ALLOW_INSECURE=1 run "$CDX" exec hi
  [ "$status" -eq 1 ]
  [[ $output == *"Codex launch refused: server unreachable (request failed:"* ]]
  [ "$(request_count /auth)" -eq 0 ]
}

@test "a host an admin marked insecure falls back to unverified TLS, with one warning a run" {
  bake_cdx __CODEX_SYNC_ALLOW_INSECURE__=1
  route POST_auth 200 "$(auth_answer valid)"
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_count /auth)" -eq 1 ]
  [ "$(grep -c "TLS not verified for ${STUB_URL#https://}" <<<"$output")" -eq 1 ] || { echo "$output"; false; }
}

@test "with the server's CA beside the key, cdx verifies the server and runs" {
  cp "$STUB_TLS_CERT" "$HOME/.config/cdx/ca.pem"
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_count /auth)" -eq 1 ]
}

@test "the installer refuses an unverifiable server with a message, and installs with CDX_CA_FILE or an insecure mark" {
  rm -f "$HOME/.config/cdx/api-key"
  export CDX_SYSTEM_BIN_DIR="$BATS_TEST_TMPDIR/no-such-dir" CODEX_INSTALL_SKIP_CODEX=1
  { printf '200\nX-SHA256: %s\n\n' "$(sha_of "$CDX")"; cat "$CDX"; } >"$STUB_STATE/routes/GET_wrapper_download"
  render_installer
  run bash "$BATS_TEST_TMPDIR/install.sh"
  [ "$status" -eq 1 ]
  [[ $output == *"could not reach $STUB_URL/wrapper/download (curl exit 60): check the network and the server's TLS certificate"* ]]
  CDX_CA_FILE=$STUB_TLS_CERT run bash "$BATS_TEST_TMPDIR/install.sh"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  render_installer CURL_INSECURE=1
  run bash "$BATS_TEST_TMPDIR/install.sh"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
}
