#!/usr/bin/env bats
# The one-line installer (ejb-module/.../host/control/install.sh) rendered as the server renders it, against the stub
# host API and a stand-in release server: every failure is a message and a non-zero exit, also under curl | bash.

load helper
load installer-helper

# A Codex release of the stub: the asset for this machine and its metadata (with or without a digest).
serve_release() {
  local with_digest=${1:-1} asset dir="$BATS_TEST_TMPDIR/release" digest=''
  asset=codex-x86_64-unknown-linux-musl
  getconf GNU_LIBC_VERSION | awk '{ exit !($2 >= 2.39) }' && asset=codex-x86_64-unknown-linux-gnu
  mkdir -p "$dir"
  printf '#!/usr/bin/env bash\necho "codex-cli 0.169.0"\n' >"$dir/$asset"
  chmod 755 "$dir/$asset"
  tar -czf "$dir/$asset.tar.gz" -C "$dir" "$asset"
  RELEASE_SHA=$(sha_of "$dir/$asset.tar.gz")
  { printf '200\n\n'; cat "$dir/$asset.tar.gz"; } >"$STUB_STATE/routes/GET_assets_$asset.tar.gz"
  ((with_digest)) && digest="\"digest\":\"sha256:$RELEASE_SHA\","
  printf '200\n\n{"tag_name":"rust-v0.169.0","assets":[{"name":"%s.tar.gz",%s"browser_download_url":"%s/assets/%s.tar.gz"}]}' \
    "$asset" "$digest" "$STUB_URL" "$asset" >"$STUB_STATE/routes/GET_releases_tags_rust-v0.169.0"
  cp "$STUB_STATE/routes/GET_releases_tags_rust-v0.169.0" "$STUB_STATE/routes/GET_releases_latest"
  export CDX_CODEX_RELEASES_URL="$STUB_URL/releases"
}

serve_wrapper() {
  { printf '200\nX-SHA256: %s\n\n' "$(sha_of "$CDX")"; cat "$CDX"; } >"$STUB_STATE/routes/GET_wrapper_download"
}

setup() {
  setup_host
  rm -f "$HOME/.config/cdx/api-key"
  export CDX_SYSTEM_BIN_DIR="$BATS_TEST_TMPDIR/no-such-dir"
  serve_wrapper
  serve_release
}

@test "curl | bash installs cdx, the key in a 0600 file of its own, and a verified Codex; the scripts hold no key" {
  render_installer
  run_pasted
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ -x "$HOME/.local/bin/cdx" ] && [ -x "$HOME/.local/bin/codex" ]
  [ "$(tr -d '\n' <"$HOME/.config/cdx/api-key")" = "$TEST_KEY" ]
  [ "$(stat -c %a "$HOME/.config/cdx/api-key")" = 600 ]
  ! grep -q "$TEST_KEY" "$HOME/.local/bin/cdx"
  [[ $output != *"$TEST_KEY"* && $output == *"test.fleet is set up"* ]]
  [[ $output != *'#'* ]] || { echo "no progress bar without a terminal: $output"; false; }
}

@test "a root install into the system folder keeps the key root-owned for the key group (0640)" {
  [[ $EUID -eq 0 ]] || skip "needs root"
  export CDX_SYSTEM_BIN_DIR="$BATS_TEST_TMPDIR/system-bin" CDX_KEY_GROUP=users
  render_installer
  run_pasted
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(stat -c '%a %U %G' "$CDX_SYSTEM_CONFIG_DIR/api-key")" = "640 root users" ]
  [ "$(stat -c %a "$CDX_SYSTEM_CONFIG_DIR")" = 750 ]
  [ -x "$CDX_SYSTEM_BIN_DIR/cdx" ] && [ ! -e "$HOME/.config/cdx/api-key" ]
}

@test "a refused link (410) prints the server's reason and exits 1 under the pasted command; with curl -f it would exit 0" {
  route GET_install_token 410 $'echo "Installer already used" >&2\nexit 1\n'
  run_pasted
  [ "$status" -eq 1 ]
  [[ $output == *"Installer already used"* ]]
  run bash -c "curl -fsSL '$STUB_URL/install/token' | bash"
  [ "$status" -eq 0 ]
}

@test "a wrapper download that fails stops the installer with the answer, exit 1, nothing installed" {
  render_installer
  route GET_wrapper_download 503 'API disabled by administrator'
  run_pasted
  [ "$status" -eq 1 ]
  [[ $output == *"cdx installer: error: $STUB_URL/wrapper/download answered HTTP 503: API disabled by administrator"* ]]
  [ ! -e "$HOME/.local/bin/cdx" ] && [ ! -e "$HOME/.config/cdx/api-key" ]
}

@test "a redirect of the keyed wrapper download is not followed: the key goes nowhere else" {
  render_installer
  route GET_wrapper_download $'302\nLocation: /elsewhere'
  run_pasted
  [ "$status" -eq 1 ]
  [[ $output == *"answered with a redirect (HTTP 302); the installer follows none"* ]]
  [ "$(request_count /elsewhere)" -eq 0 ]
}

@test "a wrapper whose sha256 differs from X-SHA256 is refused" {
  render_installer
  { printf '200\nX-SHA256: %064d\n\n' 0; cat "$CDX"; } >"$STUB_STATE/routes/GET_wrapper_download"
  run_pasted
  [ "$status" -eq 1 ]
  [[ $output == *"wrapper checksum mismatch"* ]]
}

@test "release metadata out of reach: no unverified Codex, a clear reason, exit 1" {
  render_installer
  export CDX_CODEX_RELEASES_URL=http://127.0.0.1:9/releases
  run_pasted
  [ "$status" -eq 1 ]
  [[ $output == *"cannot read the release metadata of Codex 0.169.0 at http://127.0.0.1:9/releases"*"no checksum to verify it against"* ]]
  [ ! -e "$HOME/.local/bin/codex" ]
}

@test "no Codex version pinned and no metadata: a clear reason instead of an old default version" {
  render_installer CODEX_VERSION=
  export CDX_CODEX_RELEASES_URL=http://127.0.0.1:9/releases
  run_pasted
  [ "$status" -eq 1 ]
  [[ $output == *"the fleet pins no Codex version and the latest release cannot be looked up"* ]]
  [[ $output != *0.63.0* ]]
}

@test "no version pinned: the latest release is installed" {
  render_installer CODEX_VERSION=
  run_pasted
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"installed $HOME/.local/bin/codex 0.169.0"* ]]
}

@test "a release without a published sha256 is refused unless an admin vouches for one with CDX_CODEX_SHA256" {
  serve_release 0
  render_installer
  run_pasted
  [ "$status" -eq 1 ]
  [[ $output == *"publishes no sha256"*"refusing an unverified binary"* ]]
  CDX_CODEX_SHA256=$(printf '%064d' 1) run_pasted
  [ "$status" -eq 1 ]
  [[ $output == *"does not match its sha256"* ]]
  CDX_CODEX_SHA256=$RELEASE_SHA run_pasted
  [ "$status" -eq 0 ] || { echo "$output"; false; }
}

@test "TLS stays verified unless the admin marked the host insecure" {
  render_installer
  CODEX_INSTALL_CURL_INSECURE=1 run_pasted
  [ "$status" -eq 0 ]
  [[ $output == *"CODEX_INSTALL_CURL_INSECURE is ignored"* ]]
  render_installer CURL_INSECURE=1
  run_pasted
  [[ $output == *"this host is marked insecure"* ]]
}

@test "a truncated download runs nothing" {
  render_installer
  head -c 3000 "$BATS_TEST_TMPDIR/install.sh" >"$BATS_TEST_TMPDIR/truncated.sh"
  run bash "$BATS_TEST_TMPDIR/truncated.sh"
  [ "$(request_count /wrapper/download)" -eq 0 ]
}

@test "progress bars on a terminal" {
  render_installer
  run script -qec "bash $BATS_TEST_TMPDIR/install.sh" /dev/null
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *'###'* ]]
}

@test "CDX_CA_FILE is kept beside the key for cdx (which reads it from there); a missing one stops the install" {
  render_installer
  CDX_CA_FILE="$BATS_TEST_TMPDIR/missing.pem" run_pasted
  [ "$status" -eq 1 ]
  [[ $output == *"CDX_CA_FILE $BATS_TEST_TMPDIR/missing.pem cannot be read"* ]]
  printf -- '-----BEGIN CERTIFICATE-----\nprivate-ca\n-----END CERTIFICATE-----\n' >"$BATS_TEST_TMPDIR/ca.pem"
  CDX_CA_FILE="$BATS_TEST_TMPDIR/ca.pem" run_pasted
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  cmp "$BATS_TEST_TMPDIR/ca.pem" "$HOME/.config/cdx/ca.pem"
}
