#!/usr/bin/env bats
# The managed MCP entry on the host: `cdx --mcp-headers` (Codex's http_headers_helper) and the summary's MCP item,
# which reports what a real initialize answers (wrapper/cdx.d/05-key.sh, 45-summary.sh).

load helper

# config.toml as the server bakes it, with the managed entry pointing at the stub.
managed_config() {
  route POST_config_retrieve 200 "$(printf '%s\n' status=ok data.status=updated \
    "data.content=[mcp_servers.cdx]\\nurl = \"$STUB_URL/mcp\"\\nhttp_headers_helper = \"cdx --mcp-headers\"\\n" data.profiles.#=0)"
  route POST_auth 200 "$(auth_answer valid)"
}

@test "cdx --mcp-headers prints the Authorization header from the key file and nothing else, without calling the server" {
  run "$CDX" --mcp-headers
  [ "$status" -eq 0 ]
  [ "$output" = "{\"Authorization\":\"Bearer $TEST_KEY\"}" ]
  [ "$(requests | wc -l)" -eq 0 ]
}

@test "cdx --mcp-headers without a key fails on stderr, exit 1" {
  rm "$HOME/.config/cdx/api-key"
  run "$CDX" --mcp-headers
  [ "$status" -eq 1 ]
  [[ $output == "cdx: no host key for the MCP server"* ]]
}

@test "MCP is reported unavailable when /mcp answers 404, though config.toml has the entry" {
  managed_config
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"MCP ⚠ unavailable (http-404)"* && $output == *"Result      : mcp unavailable"* ]]
  requests | grep "\"path\":\"/mcp\"" | grep -q initialize
}

@test "MCP is reported unavailable when /mcp answers 200 with something that is no initialize result" {
  managed_config
  route POST_mcp 200 '{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"nope"}}'
  run "$CDX" exec hi
  [[ $output == *"MCP ⚠ unavailable (http-200 without an initialize result)"* ]]
}

@test "MCP is OK when /mcp answers initialize with protocolVersion and serverInfo (JSON or an SSE event), with the key" {
  managed_config
  route POST_mcp $'200\nContent-Type: application/json' '{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"codex-auth-central","version":"1"}}}'
  run "$CDX" exec hi
  [ "$status" -eq 0 ]
  [[ $output == *"MCP ✅"* && $output == *"Codex go Brrrr!"* ]] || { echo "$output"; false; }
  route POST_mcp $'200\nContent-Type: text/event-stream' $'event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","serverInfo":{"name":"x"}}}\n\n'
  run "$CDX" exec hi
  [[ $output == *"MCP ✅"* ]]
  requests | grep "\"path\":\"/mcp\"" | tail -n 1 | grep -q "\"bearer\":\"Bearer $TEST_KEY\""
}

@test "the check ends the session its initialize opened, in the background; an answer without a session id ends none" {
  managed_config
  route POST_mcp $'200\nContent-Type: application/json\nMcp-Session-Id: check-session-1' '{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","serverInfo":{"name":"x"}}}'
  route DELETE_mcp 204 ''
  run "$CDX" exec hi
  [[ $output == *"MCP ✅"* ]] || { echo "$output"; false; }
  local _
  for _ in $(seq 100); do
    [ "$(request_count /mcp)" -eq 2 ] && break
    sleep 0.05
  done
  requests | grep '"method":"DELETE","path":"/mcp"' | grep '"session":"check-session-1"' | grep -q "\"bearer\":\"Bearer $TEST_KEY\""
  route POST_mcp $'200\nContent-Type: application/json' '{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","serverInfo":{"name":"x"}}}'
  run "$CDX" exec hi
  [[ $output == *"MCP ✅"* ]]
  sleep 0.5
  [ "$(requests | grep -c '"method":"DELETE"')" -eq 1 ]
}

@test "no managed entry in config.toml: MCP off, no call" {
  route POST_auth 200 "$(auth_answer valid)"
  run "$CDX" exec hi
  [[ $output == *"MCP ⚠ off"* ]]
  [ "$(request_count /mcp)" -eq 0 ]
}
