#!/usr/bin/env bash
# Codex Auth Central installer for __FQDN__ (single use, expires __EXPIRES_AT__).
# Installs the cdx wrapper baked for this host and the Codex CLI, then checks both run. Settings (environment):
# CODEX_INSTALL_CURL_INSECURE (TLS bypass), CDX_SYSTEM_BIN_DIR (default /usr/local/bin; $HOME/.local/bin when it is
# not writable), CDX_CODEX_RELEASES_URL (release metadata, default GitHub's API), CODEX_INSTALL_SKIP_CODEX=1.
set -euo pipefail

BASE_URL=__BASE_URL__
API_KEY=__API_KEY__
FQDN=__FQDN__
CODEX_VERSION=__CODEX_VERSION__
FORCE_IPV4=__FORCE_IPV4__
CURL_INSECURE_DEFAULT=__CURL_INSECURE__

fail() { printf 'cdx installer: %s\n' "$*" >&2; exit 1; }
info() { printf 'cdx installer: %s\n' "$*"; }

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
umask 077

curl_flags=(-fsSL --retry 2 --connect-timeout 15)
[ "$FORCE_IPV4" = 1 ] && curl_flags+=(-4)
case "${CODEX_INSTALL_CURL_INSECURE:-$CURL_INSECURE_DEFAULT}" in
  1|true|TRUE|True|t|T|yes|YES|Yes|y|Y) curl_flags+=(-k) ;;
esac
# The key goes to curl in a file, never on its command line.
printf 'X-API-Key: %s\n' "$API_KEY" > "$workdir/key-header"

system_bin_dir="${CDX_SYSTEM_BIN_DIR:-/usr/local/bin}"
releases_url="${CDX_CODEX_RELEASES_URL:-https://api.github.com/repos/openai/codex/releases}"
if [ -d "$system_bin_dir" ] && [ -w "$system_bin_dir" ]; then
  bin_dir="$system_bin_dir"
else
  bin_dir="$HOME/.local/bin"
  mkdir -p "$bin_dir"
fi

install_wrapper() {
  curl "${curl_flags[@]}" -H @"$workdir/key-header" -D "$workdir/wrapper-headers" -o "$workdir/cdx" \
    "$BASE_URL/wrapper/download" || fail "could not download the cdx wrapper from $BASE_URL/wrapper/download"
  local expected actual
  expected="$(tr -d '\r' < "$workdir/wrapper-headers" | awk 'tolower($1) == "x-sha256:" { print tolower($2) }' | tail -n 1)"
  actual="$(sha256sum "$workdir/cdx" | awk '{ print $1 }')"
  [ -n "$expected" ] || fail "the server sent no X-SHA256 for the wrapper"
  [ "$expected" = "$actual" ] || fail "wrapper checksum mismatch (expected $expected, got $actual)"
  install -m 755 "$workdir/cdx" "$bin_dir/cdx"
  info "installed $bin_dir/cdx"
}

glibc_at_least_2_39() {
  local version
  version="$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{ print $2 }')"
  [ -n "$version" ] || version="$(ldd --version 2>/dev/null | head -n 1 | grep -oE '[0-9]+\.[0-9]+$' || true)"
  [ -n "$version" ] || return 1
  [ "$(printf '%s\n2.39\n' "$version" | sort -V | head -n 1)" = "2.39" ]
}

codex_asset() {
  local arch libc=gnu
  case "$(uname -m)" in
    x86_64|amd64) arch=x86_64 ;;
    aarch64|arm64) arch=aarch64 ;;
    *) fail "unsupported architecture $(uname -m)" ;;
  esac
  glibc_at_least_2_39 || libc=musl
  printf 'codex-%s-unknown-linux-%s.tar.gz' "$arch" "$libc"
}

# "<url> <sha256>" of the asset from the release metadata; the sha is empty when the release publishes none.
release_asset() {
  local asset="$1"
  curl -fsS --max-time 15 -H 'Accept: application/vnd.github+json' -H 'User-Agent: codex-installer' \
    -o "$workdir/release.json" "$releases_url/tags/rust-v$CODEX_VERSION" 2>/dev/null || return 1
  # Each asset lists its digest before its download URL.
  sed 's/[,{}]/\n/g' "$workdir/release.json" | awk -v asset="$asset" '
    /"digest"[[:space:]]*:/ { d = $0; sub(/.*"sha256:/, "", d); sub(/".*/, "", d) }
    /"browser_download_url"[[:space:]]*:/ {
      u = $0; sub(/^[^:]*:[[:space:]]*"/, "", u); sub(/".*/, "", u); n = u; sub(/.*\//, "", n)
      if (n == asset && !found) { print u, d; found = 1 }
      d = ""
    }' | grep .
}

install_codex() {
  if [ "${CODEX_INSTALL_SKIP_CODEX:-0}" = 1 ]; then
    info "skipping the Codex CLI download (CODEX_INSTALL_SKIP_CODEX=1)"
    return
  fi
  local asset url="" sha="" binary found
  asset="$(codex_asset)"
  if found="$(release_asset "$asset")"; then
    read -r url sha <<<"$found"
  else
    url="https://github.com/openai/codex/releases/download/rust-v$CODEX_VERSION/$asset"
    info "no release metadata for Codex $CODEX_VERSION; downloading without a checksum to compare"
  fi
  curl "${curl_flags[@]}" -o "$workdir/$asset" "$url" || fail "could not download Codex $CODEX_VERSION from $url"
  if [ -n "$sha" ]; then
    [ "$(sha256sum "$workdir/$asset" | awk '{ print $1 }')" = "$sha" ] || fail "Codex $CODEX_VERSION download does not match its published sha256"
  fi
  mkdir -p "$workdir/codex"
  tar -xzf "$workdir/$asset" -C "$workdir/codex"
  binary="$(find "$workdir/codex" -type f \( -name codex -o -name 'codex-*' \) | head -n 1)"
  [ -n "$binary" ] || fail "no codex binary in $asset"
  install -m 755 "$binary" "$bin_dir/codex"
  info "installed $bin_dir/codex $CODEX_VERSION"
}

install_wrapper
install_codex
mkdir -p "$HOME/.codex"
"$bin_dir/cdx" --wrapper-version >/dev/null || fail "the installed cdx does not run"
PATH="$bin_dir:$PATH" codex -V >/dev/null 2>&1 || fail "the installed codex does not run"
info "$FQDN is set up: run cdx instead of codex (server $BASE_URL)"
