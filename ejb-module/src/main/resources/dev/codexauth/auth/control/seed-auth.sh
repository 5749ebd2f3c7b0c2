#!/usr/bin/env bash
# Codex Auth Central: upload this machine's ~/.codex/auth.json as the fleet's canonical auth (single use, short-lived:
# the X-Seed-Expires-At header of its download says until when).
set -euo pipefail

SEED_URL=__SEED_URL__
auth_file="${CODEX_HOME:-$HOME/.codex}/auth.json"

fail() { printf 'auth seed: %s\n' "$*" >&2; exit 1; }

[ -f "$auth_file" ] || fail "$auth_file not found; sign in with codex first"
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$auth_file" || fail "$auth_file is not valid JSON"
else
  grep -q '"last_refresh"' "$auth_file" || fail "$auth_file has no last_refresh"
fi

response="$(curl -sS -X POST -H 'Content-Type: application/json' --data-binary @"$auth_file" -w '\n%{http_code}' "$SEED_URL")" \
  || fail "could not reach $SEED_URL"
status="${response##*$'\n'}"
body="${response%$'\n'*}"
[ "$status" = 200 ] || fail "the server refused the upload (HTTP $status): $body"
digest="$(printf '%s' "$body" | grep -oE '"canonical_digest":"[0-9a-f]{64}"' | cut -d'"' -f4 || true)"
printf 'auth seed: uploaded %s; canonical digest %s\n' "$auth_file" "${digest:0:12}"
