#!/usr/bin/env bash
# Codex Auth Central installer for the host FQDN below (single use, short-lived: the X-Installer-Expires-At header of
# its download says until when).
# Installs the cdx wrapper baked for this host, its host key (in a file only its owner reads) and the Codex CLI,
# then checks that both run. Every failure ends with a message and a non-zero exit, also under `curl ... | bash`
# (nothing runs before the last line has arrived). Settings (environment), docs/cdx.md "Installing a host":
#   CDX_SYSTEM_BIN_DIR        the system folder to prefer (default /usr/local/bin; else $HOME/.local/bin)
#   CDX_SYSTEM_CONFIG_DIR     where a system install keeps the key (default /etc/cdx)
#   CDX_KEY_GROUP             the group that may read a system install's key (default cdx, created when missing)
#   CDX_CODEX_RELEASES_URL    Codex release metadata (default GitHub's API)
#   CDX_CODEX_SHA256          the sha256 an admin vouches for, when the release metadata has none or is out of reach
#   CDX_CA_FILE               the CA bundle of a server with a private CA (verified with it, kept for cdx)
#   CODEX_INSTALL_SKIP_CODEX  1: keep the Codex CLI this host has
set -Eeuo pipefail

BASE_URL=__BASE_URL__
API_KEY=__API_KEY__
FQDN=__FQDN__
CODEX_VERSION=__CODEX_VERSION__
FORCE_IPV4=__FORCE_IPV4__
HOST_CURL_INSECURE=__CURL_INSECURE__

fail() {
  printf 'cdx installer: error: %s\n' "$*" >&2
  exit 1
}
info() { printf 'cdx installer: %s\n' "$*" >&2; }

on_unexpected_error() { fail "step failed unexpectedly (line $1, exit $2); nothing more was installed"; }

setup() {
  umask 077
  workdir="$(mktemp -d)"
  trap 'rm -rf "$workdir"' EXIT
  trap 'on_unexpected_error "$LINENO" "$?"' ERR
  # Progress bars only when someone watches (stderr is still the terminal under curl | bash).
  if [ -t 2 ]; then quiet_or_progress=(--progress-bar); else quiet_or_progress=(-sS); fi
  server_flags=(--connect-timeout 15 --retry 2)
  [ "$FORCE_IPV4" = 1 ] && server_flags+=(-4)
  if [ -n "${CDX_CA_FILE:-}" ]; then
    [ -r "$CDX_CA_FILE" ] || fail "CDX_CA_FILE $CDX_CA_FILE cannot be read"
    server_flags+=(--cacert "$CDX_CA_FILE")
  fi
  # TLS is verified unless an admin marked this host insecure; never for anything but this server.
  if [ "$HOST_CURL_INSECURE" = 1 ]; then
    server_flags+=(-k)
    info "this host is marked insecure: the server's TLS certificate is not verified"
  elif [ -n "${CODEX_INSTALL_CURL_INSECURE:-}" ] && [ "${CODEX_INSTALL_CURL_INSECURE}" != 0 ]; then
    info "CODEX_INSTALL_CURL_INSECURE is ignored: only an admin can mark a host insecure"
  fi
  # The key goes to curl in a file, never on its command line.
  printf 'X-API-Key: %s\n' "$API_KEY" >"$workdir/key-header"
  system_bin_dir="${CDX_SYSTEM_BIN_DIR:-/usr/local/bin}"
  system_config_dir="${CDX_SYSTEM_CONFIG_DIR:-/etc/cdx}"
  key_group="${CDX_KEY_GROUP:-cdx}"
  releases_url="${CDX_CODEX_RELEASES_URL:-https://api.github.com/repos/openai/codex/releases}"
  if [ -d "$system_bin_dir" ] && [ -w "$system_bin_dir" ]; then
    bin_dir="$system_bin_dir"
  else
    bin_dir="$HOME/.local/bin"
    mkdir -p "$bin_dir"
  fi
}

# Downloads from this server with the host key: no redirect is followed (the key would go along); prints the status.
server_download() {
  local url="$1" output="$2" headers="$3" code
  code="$(curl "${server_flags[@]}" "${quiet_or_progress[@]}" -H @"$workdir/key-header" -D "$headers" -o "$output" \
    -w '%{http_code}' "$url")" || fail "could not reach $url (curl exit $?): check the network and the server's TLS certificate"
  case "$code" in
    200) ;;
    3*) fail "$url answered with a redirect (HTTP $code); the installer follows none, so the host key goes nowhere else" ;;
    *) fail "$url answered HTTP $code: $(head -c 200 "$output" 2>/dev/null | tr '\n' ' ')" ;;
  esac
}

install_wrapper() {
  local expected actual
  info "downloading the cdx wrapper from $BASE_URL"
  server_download "$BASE_URL/wrapper/download" "$workdir/cdx" "$workdir/wrapper-headers"
  expected="$(tr -d '\r' <"$workdir/wrapper-headers" | awk 'tolower($1) == "x-sha256:" { print tolower($2) }' | tail -n 1)"
  actual="$(sha256sum "$workdir/cdx" | awk '{ print $1 }')"
  [ -n "$expected" ] || fail "the server sent no X-SHA256 for the wrapper; refusing an unverified script"
  [ "$expected" = "$actual" ] || fail "wrapper checksum mismatch (expected $expected, got $actual)"
  install -m 755 "$workdir/cdx" "$bin_dir/cdx" || fail "could not install $bin_dir/cdx"
  info "installed $bin_dir/cdx"
}

# The host key in a file only its owner reads: root's system install keeps it in /etc/cdx (group cdx may read it),
# a user's install in ~/.config/cdx.
install_key() {
  local file tmp group=""
  if [ "$(id -u)" = 0 ] && [ "$bin_dir" = "$system_bin_dir" ]; then
    file="$system_config_dir/api-key"
    getent group "$key_group" >/dev/null 2>&1 || groupadd --system "$key_group" >/dev/null 2>&1 || true
    getent group "$key_group" >/dev/null 2>&1 && group="$key_group"
  else
    file="${XDG_CONFIG_HOME:-$HOME/.config}/cdx/api-key"
  fi
  mkdir -p "$(dirname "$file")" || fail "could not create $(dirname "$file")"
  tmp="$(mktemp "$(dirname "$file")/.api-key.XXXXXX")"
  printf '%s\n' "$API_KEY" >"$tmp"
  if [ -n "$group" ]; then
    chgrp "$group" "$tmp" && chmod 640 "$tmp"
    chgrp "$group" "$(dirname "$file")" && chmod 750 "$(dirname "$file")"
    info "the host key is in $file (root and group $group; add users who run cdx: usermod -aG $group <user>)"
  else
    chmod 600 "$tmp"
    info "the host key is in $file (readable by $(id -un) only)"
  fi
  mv -f "$tmp" "$file"
  # cdx verifies the server with the same CA from beside its key.
  if [ -n "${CDX_CA_FILE:-}" ]; then
    install -m 644 "$CDX_CA_FILE" "$(dirname "$file")/ca.pem" || fail "could not copy $CDX_CA_FILE beside the key"
  fi
}

glibc_at_least_2_39() {
  local version
  version="$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{ print $2 }' || true)"
  [ -n "$version" ] || version="$(ldd --version 2>/dev/null | head -n 1 | grep -oE '[0-9]+\.[0-9]+$' || true)"
  [ -n "$version" ] || return 1
  [ "$(printf '%s\n2.39\n' "$version" | sort -V | head -n 1)" = "2.39" ]
}

codex_asset() {
  local arch libc=gnu
  case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) fail "unsupported architecture $(uname -m): install the Codex CLI yourself and run again with CODEX_INSTALL_SKIP_CODEX=1" ;;
  esac
  glibc_at_least_2_39 || libc=musl
  printf 'codex-%s-unknown-linux-%s.tar.gz' "$arch" "$libc"
}

# Release metadata (never with -k: TLS to GitHub is always verified); fails with curl's reason in $workdir/curl-error.
fetch_metadata() {
  curl -fsS --connect-timeout 15 --max-time 30 -H 'Accept: application/vnd.github+json' -H 'User-Agent: codex-installer' \
    -o "$workdir/release.json" "$1" 2>"$workdir/curl-error"
}

# The fleet's Codex version, or the latest release when the fleet pins none.
resolve_codex_version() {
  [ -n "$CODEX_VERSION" ] && return 0
  fetch_metadata "$releases_url/latest" ||
    fail "the fleet pins no Codex version and the latest release cannot be looked up at $releases_url ($(tr '\n' ' ' <"$workdir/curl-error")); pin a Codex version in the admin console, or run again with CODEX_INSTALL_SKIP_CODEX=1"
  CODEX_VERSION="$(sed -n 's/.*"tag_name"[[:space:]]*:[[:space:]]*"\(rust-\)\{0,1\}v\{0,1\}\([^"]*\)".*/\2/p' "$workdir/release.json" | head -n 1)"
  [ -n "$CODEX_VERSION" ] || fail "the latest Codex release at $releases_url names no version"
}

# "<url> <sha256>" of ASSET from the release metadata of the fleet's version; the sha is empty when none is published.
release_asset() {
  local asset="$1"
  fetch_metadata "$releases_url/tags/rust-v$CODEX_VERSION" || return 1
  # Each asset lists its digest before its download URL.
  sed 's/[,{}]/\n/g' "$workdir/release.json" | awk -v asset="$asset" '
    /"digest"[[:space:]]*:/ { d = $0; sub(/.*"sha256:/, "", d); sub(/".*/, "", d) }
    /"browser_download_url"[[:space:]]*:/ {
      u = $0; sub(/^[^:]*:[[:space:]]*"/, "", u); sub(/".*/, "", u); n = u; sub(/.*\//, "", n)
      if (n == asset && !found) { print u, d; found = 1 }
      d = ""
    }' | grep . || { printf 'the release has no asset %s\n' "$asset" >"$workdir/curl-error"; return 1; }
}

install_codex() {
  if [ "${CODEX_INSTALL_SKIP_CODEX:-0}" = 1 ]; then
    info "keeping this host's Codex CLI (CODEX_INSTALL_SKIP_CODEX=1)"
    return 0
  fi
  local asset url="" sha="" found binary
  asset="$(codex_asset)"
  resolve_codex_version
  if found="$(release_asset "$asset")"; then
    read -r url sha <<<"$found"
  elif [ -n "${CDX_CODEX_SHA256:-}" ]; then
    url="https://github.com/openai/codex/releases/download/rust-v$CODEX_VERSION/$asset"
    info "no release metadata for Codex $CODEX_VERSION; using the sha256 given in CDX_CODEX_SHA256"
  else
    fail "cannot read the release metadata of Codex $CODEX_VERSION at $releases_url ($(tr '\n' ' ' <"$workdir/curl-error")), so there is no checksum to verify it against; run again with CDX_CODEX_SHA256=<sha256 of $asset>, or with CODEX_INSTALL_SKIP_CODEX=1"
  fi
  if [ -z "$sha" ]; then
    [ -n "${CDX_CODEX_SHA256:-}" ] ||
      fail "Codex $CODEX_VERSION publishes no sha256 for $asset; refusing an unverified binary (an admin may vouch for one with CDX_CODEX_SHA256)"
    sha="$CDX_CODEX_SHA256"
  fi
  info "downloading Codex $CODEX_VERSION ($asset)"
  curl -fL --connect-timeout 15 --retry 2 "${quiet_or_progress[@]}" -o "$workdir/$asset" "$url" ||
    fail "could not download Codex $CODEX_VERSION from $url (curl exit $?)"
  [ "$(sha256sum "$workdir/$asset" | awk '{ print $1 }')" = "$(printf '%s' "$sha" | tr 'A-F' 'a-f')" ] ||
    fail "Codex $CODEX_VERSION download does not match its sha256 $sha; not installed"
  mkdir -p "$workdir/codex"
  tar -xzf "$workdir/$asset" -C "$workdir/codex" || fail "$asset is not a readable archive"
  binary="$(find "$workdir/codex" -type f \( -name codex -o -name 'codex-*' \) | head -n 1)"
  [ -n "$binary" ] || fail "no codex binary in $asset"
  install -m 755 "$binary" "$bin_dir/codex" || fail "could not install $bin_dir/codex"
  info "installed $bin_dir/codex $CODEX_VERSION"
}

check_install() {
  mkdir -p "$HOME/.codex"
  "$bin_dir/cdx" --wrapper-version >/dev/null || fail "the installed $bin_dir/cdx does not run"
  if [ "${CODEX_INSTALL_SKIP_CODEX:-0}" != 1 ]; then
    PATH="$bin_dir:$PATH" codex -V >/dev/null 2>&1 || fail "the installed codex does not run"
  fi
  case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) info "add $bin_dir to your PATH to run cdx" ;;
  esac
  info "$FQDN is set up: run cdx instead of codex (server $BASE_URL)"
}

main() {
  setup
  install_wrapper
  install_key
  install_codex
  check_install
}

main "$@"
