#!/usr/bin/env bats
# The launch gate (spec/cdx.md 8): failure classes of /auth (5.1 as re-specified), the offline rule, quota policy.

load helper

cached_auth() {
  mkdir -p "$HOME/.codex"
  canonical_auth "$1" >"$HOME/.codex/auth.json"
}

hours_ago() { date -u -d "$1 hours ago" +%Y-%m-%dT%H:%M:%SZ; }

@test "kill switch (503 API disabled) refuses with exit 1 even with fresh cached auth, and nothing else is called" {
  cached_auth "$(hours_ago 1)"
  route POST_auth 503 $'status=error\nmessage=API disabled by administrator\n'
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"disabled by the administrator"* ]]
  [ "$(codex_calls)" -eq 0 ]
  [ "$(request_count /slash-commands)" -eq 0 ]
  [ -f "$HOME/.codex/auth.json" ]
}

@test "server unreachable: fresh cached auth launches with a warning, Codex's status is kept" {
  cached_auth "$(hours_ago 30)"
  bake_cdx "__CODEX_SYNC_BASE_URL__=$UNREACHABLE_URL"
  FAKE_CODEX_EXIT=4 run "$CDX"
  [ "$status" -eq 4 ]
  [[ $output == *"Server unreachable"*"using cached auth.json"* ]]
  [ "$(codex_calls)" -eq 1 ]
}

@test "server unreachable: cached auth older than 7 days on a secure host is refused (exit 1)" {
  cached_auth "$(hours_ago 200)"
  bake_cdx "__CODEX_SYNC_BASE_URL__=$UNREACHABLE_URL"
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"older than allowed window"* ]]
  [ "$(codex_calls)" -eq 0 ]
}

@test "server unreachable: the window is 24 h on insecure hosts and CDX_OFFLINE_MAX_AGE_HOURS overrides it" {
  bake_cdx __CODEX_HOST_SECURE__=0 "__CODEX_SYNC_BASE_URL__=$UNREACHABLE_URL"
  cached_auth "$(hours_ago 30)"
  run "$CDX"
  [ "$status" -eq 1 ]
  CDX_OFFLINE_MAX_AGE_HOURS=48 run "$CDX"
  [ "$status" -eq 0 ]
}

@test "server unreachable and no cached auth: exit 1" {
  bake_cdx "__CODEX_SYNC_BASE_URL__=$UNREACHABLE_URL"
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"no cached auth.json"* ]]
}

@test "a 5xx other than the kill switch counts as offline" {
  cached_auth "$(hours_ago 2)"
  route POST_auth 502 'bad gateway'
  run "$CDX"
  [ "$status" -eq 0 ]
  [[ $output == *"http-502"* ]]
}

@test "a proxy's 502 page with a line starting with '=' counts as offline: fresh cached auth still launches" {
  cached_auth "$(hours_ago 2)"
  route POST_auth 502 $'<html><body>\n=== Bad Gateway ===\n</body></html>\n'
  run "$CDX"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"http-502"* ]]
  [ "$(codex_calls)" -eq 1 ]
}

@test "a server that drops the connection is given up at that call: no /auth after the host-user report got no answer" {
  cached_auth "$(hours_ago 2)"
  route POST_host_users RESET
  run "$CDX"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_count /host/users)" -eq 1 ]
  [ "$(request_count /auth)" -eq 0 ]
  [ "$(codex_calls)" -eq 1 ]
  local core
  core=$(grep 'Core' <<<"$output")
  [[ $core == *"API ⛔ offline | Auth ⛔ request failed: curl: (52) Empty reply from server |"* ]] || { echo "$core"; false; }
}

@test "401 Invalid API key deletes auth.json and refuses (exit 1)" {
  cached_auth "$(hours_ago 1)"
  route POST_auth 401 $'status=error\nmessage=Invalid API key\n'
  run "$CDX"
  [ "$status" -eq 1 ]
  [ ! -e "$HOME/.codex/auth.json" ]
  [[ $output == *"Invalid API key"* ]]
}

@test "403 Host is disabled deletes auth.json and refuses; 403 IP binding keeps it and refuses" {
  cached_auth "$(hours_ago 1)"
  route POST_auth 403 $'status=error\nmessage=API key not allowed from this IP\n'
  run "$CDX"
  [ "$status" -eq 1 ]
  [ -f "$HOME/.codex/auth.json" ]
  [[ $output == *"re-register"* ]]
  route POST_auth 403 $'status=error\nmessage=Host is disabled\n'
  run "$CDX"
  [ "$status" -eq 1 ]
  [ ! -e "$HOME/.codex/auth.json" ]
}

@test "403 insecure window closed refuses (exit 1)" {
  route POST_auth 403 $'status=error\nmessage=Insecure host API access disabled\ncode=insecure_api_disabled\n'
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"insecure host window closed"* ]]
}

@test "other 4xx is a failure, not offline: refused even with fresh cached auth" {
  cached_auth "$(hours_ago 1)"
  route POST_auth 422 $'status=error\nmessage=Validation failed\nerrors.local_auth_b64.0=bad\n'
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"http-422"* ]]
}

@test "429 backs off: no server call until reset_at, cached auth rules apply meanwhile" {
  cached_auth "$(hours_ago 1)"
  route POST_auth 429 "status=error
message=Rate limit exceeded
data.reset_at=$(date -u -d '+10 minutes' +%Y-%m-%dT%H:%M:%SZ)
"
  run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(request_count /auth)" -eq 1 ]
  run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(request_count /auth)" -eq 1 ]
  [[ $output == *"backing off"* ]]
}

@test "a 429 backs off an hour at most, however far reset_at or retry_after say" {
  cached_auth "$(hours_ago 2)"
  route POST_auth 429 $'status=error\nmessage=Too many requests\ndata.reset_at=2099-01-01T00:00:00Z\n'
  run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(cat "$HOME/.codex/.cdx-backoff-until")" -le $(($(date +%s) + 3600)) ]
  route POST_auth 429 $'status=error\nmessage=Too many requests\ndetails.retry_after=31536000\n'
  rm "$HOME/.codex/.cdx-backoff-until"
  run "$CDX"
  [ "$(cat "$HOME/.codex/.cdx-backoff-until")" -le $(($(date +%s) + 3600)) ]
  # A time further away, left by an older cdx, is not waited for.
  echo $(($(date +%s) + 86400)) >"$HOME/.codex/.cdx-backoff-until"
  route POST_auth 200 "$(auth_answer valid)"
  run "$CDX"
  [ "$(request_count /auth)" -eq 3 ]
}

@test "a server with another installation id is refused (exit 1)" {
  route POST_auth 200 "$(auth_answer valid data.versions.installation_id=someone-else)"
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"Installation ID mismatch"* ]]
}

@test "quota hard fail refuses with the reason; the Result line names it" {
  route POST_auth 200 "$(auth_answer valid data.chatgpt_usage.status=ok data.chatgpt_usage.primary_window.used_percent=100 data.chatgpt_usage.primary_window.reset_after_seconds=600)"
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"Result"*"quota blocked: 5h quota reached (100% used; resets in 10m)"* ]]
  [[ $output == *"Codex launch refused: ChatGPT quota reached: 5h quota reached"* ]]
  [ "$(codex_calls)" -eq 0 ]
}

@test "a quota limit with a leading zero (090) is read as decimal 90, not as a broken octal number" {
  route POST_auth 200 "$(auth_answer valid data.quota_limit_percent=090 data.chatgpt_usage.status=ok data.chatgpt_usage.primary_window.used_percent=95)"
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"Codex launch refused: ChatGPT quota reached: 5h quota reached (95% used"* ]] || { echo "$output"; false; }
  route POST_auth 200 "$(auth_answer valid data.quota_limit_percent=090 data.chatgpt_usage.status=ok data.chatgpt_usage.primary_window.used_percent=85)"
  run "$CDX"
  [ "$status" -eq 0 ]
  [[ $output == *"ChatGPT quota near limit: 5h quota high (85% used"* ]]
}

@test "quota in warn mode launches with a warning; the daily allowance uses the server's percent" {
  route POST_auth 200 "$(auth_answer valid data.quota_hard_fail=false data.quota_week_partition=5 data.daily_allowance_percent=20 \
    data.chatgpt_usage.status=ok data.chatgpt_usage.secondary_window.used_percent=30 data.chatgpt_usage.daily_used_percent=25)"
  run "$CDX"
  [ "$status" -eq 0 ]
  [[ $output == *"daily allowance reached (125% of allowance"* ]]
  [[ $output == *"Continuing (warn mode)"* ]]
}

@test "everything green: Codex go Brrrr!, VIP crown" {
  route POST_auth 200 "$(auth_answer valid data.host.vip=true)"
  run "$CDX"
  [ "$status" -eq 0 ]
  [[ $output == *"Result      : Codex go Brrrr! 👑"* ]]
}

@test "server silent mode hides info lines but not errors" {
  route POST_auth 200 "$(auth_answer valid data.cdx_silent=true)"
  run "$CDX"
  [ "$status" -eq 0 ]
  [[ $output != *"Result"* && $output != *"Usage push"* ]]
  route POST_auth 200 "$(auth_answer valid data.cdx_silent=true data.versions.installation_id=other)"
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"Codex launch refused"* ]]
}
