#!/usr/bin/env bats
# The host key (wrapper/cdx.d/05-key.sh): in a file only its owner reads, never in the script, never sent elsewhere.

load helper

@test "the script carries no key; the key file (0600) is read and the key goes to the server only" {
  route POST_auth 200 "$(auth_answer valid)"
  ! grep -q "$TEST_KEY" "$CDX"
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  requests | grep '"path":"/auth"' | grep -q "\"key\":\"$TEST_KEY\""
  [[ $output != *"$TEST_KEY"* ]]
}

@test "a key file without a key is named in the refusal, exit 1" {
  printf 'not a key!\n' >"$HOME/.config/cdx/api-key"
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"no usable host key: the host key file $HOME/.config/cdx/api-key holds no key"* ]]
  [ "$(request_count /auth)" -eq 0 ]
}

@test "no key file: the launch is refused with where the key was expected, exit 1, nothing sent" {
  rm "$HOME/.config/cdx/api-key"
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"no server URL or host key (expected in $HOME/.config/cdx/api-key or $CDX_SYSTEM_CONFIG_DIR/api-key)"* ]]
  [ "$(request_count /auth)" -eq 0 ]
}

@test "a copy that still carries its key (from an older wrapper's update) moves it to the key file and drops it from the script" {
  rm "$HOME/.config/cdx/api-key"
  keyless_sha=$(sha_of "$CDX")
  bake_cdx "__CODEX_SYNC_API_KEY__=$TEST_KEY"
  grep -q "$TEST_KEY" "$CDX"
  route POST_auth 200 "$(auth_answer valid "data.versions.wrapper_sha256=$keyless_sha")"
  CODEX_WRAPPER_RESTARTED=1 run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"The host key moved from the cdx script into $HOME/.config/cdx/api-key."* ]]
  [ "$(tr -d '\n' <"$HOME/.config/cdx/api-key")" = "$TEST_KEY" ]
  [ "$(stat -c %a "$HOME/.config/cdx/api-key")" = 600 ]
  [ "$(sha_of "$CDX")" = "$keyless_sha" ]
  [ "$(request_count /wrapper/download)" -eq 0 ]
}

@test "a key file that cannot be written (disk full) leaves the key in the script and no empty key file" {
  rm "$HOME/.config/cdx/api-key"
  keyless_sha=$(sha_of "$CDX")
  bake_cdx "__CODEX_SYNC_API_KEY__=$TEST_KEY"
  route POST_auth 200 "$(auth_answer valid "data.versions.wrapper_sha256=$keyless_sha")"
  # The key's temp file is a link to /dev/full, where every write fails; chmod leaves /dev/full alone.
  printf '%s\n' '#!/usr/bin/env bash' \
    "[[ \$* == *.api-key.* ]] || exec $(command -v mktemp) \"\$@\"" 'ln -s /dev/full "${1%X*}full" && echo "${1%X*}full"' >"$FAKE_BIN/mktemp"
  printf '%s\n' '#!/usr/bin/env bash' "[[ -L \${*: -1} ]] || exec $(command -v chmod) \"\$@\"" >"$FAKE_BIN/chmod"
  chmod 755 "$FAKE_BIN/mktemp" "$FAKE_BIN/chmod"
  CODEX_WRAPPER_RESTARTED=1 run "$CDX" exec hi
  grep -q "$TEST_KEY" "$CDX"
  [ ! -e "$HOME/.config/cdx/api-key" ] && [ ! -L "$HOME/.config/cdx/api-key" ]
  [ -z "$(find "$HOME/.config/cdx" -name '.api-key.*')" ]
}

@test "a wrapper download that answers with a redirect is not followed (the key would go with it)" {
  route POST_auth 200 "$(auth_answer valid data.versions.wrapper_version=2099.01.01-01)"
  route GET_wrapper_download $'302\nLocation: /elsewhere/cdx'
  route GET_elsewhere_cdx 200 'echo pwned'
  run "$CDX" exec hi
  [ "$status" -eq 0 ]
  [ "$(request_count /elsewhere/cdx)" -eq 0 ]
  [[ $output == *"(Update failed (download: HTTP 302))"* && $output == *"cdx follows none"* ]] || { echo "$output"; false; }
}

@test "a wrapper URL on another origin is not fetched with the key" {
  route POST_auth 200 "$(auth_answer valid data.versions.wrapper_version=2099.01.01-01 data.versions.wrapper_url=http://127.0.0.2:9/cdx)"
  run "$CDX" exec hi
  [ "$status" -eq 0 ]
  [[ $output == *"Update skipped (wrapper URL not on $STUB_URL)"* ]]
}
