#!/usr/bin/env bats
# Token usage after a Codex run (wrapper/cdx.d/53-usage.sh): the session rollouts Codex 0.169 writes, exec --json
# events, the printed lines of `codex exec` and of older versions; numbers sent, never a bare line.

load helper

# A rollout line as Codex 0.169 writes it for one model response (only the fields cdx reads, in Codex's layout).
usage_record() {
  printf '{"timestamp":"2026-12-03T07:01:02.409Z","type":"token_usage_record","payload":{"thread_id":"t1","response_id":"%s","usage":{"input_tokens":%d,"cached_input_tokens":%d,"cache_write_input_tokens":0,"output_tokens":%d,"reasoning_output_tokens":%d,"total_tokens":%d},"turn_token_usage":{"input_tokens":1,"cached_input_tokens":0,"output_tokens":1,"reasoning_output_tokens":0,"total_tokens":2},"thread_token_usage":{"input_tokens":9,"cached_input_tokens":0,"output_tokens":9,"reasoning_output_tokens":0,"total_tokens":18}}}\n' \
    "$1" "$2" "$3" "$4" "$5" "$(($2 + $4))"
}

turn_context() { printf '{"type":"turn_context","payload":{"turn_id":"x","cwd":"/w","model":"%s","effort":null}}\n' "$1"; }

token_count() {
  printf '{"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":%d,"cached_input_tokens":%d,"output_tokens":%d,"reasoning_output_tokens":%d,"total_tokens":0},"last_token_usage":{"input_tokens":5,"cached_input_tokens":0,"output_tokens":5,"reasoning_output_tokens":0,"total_tokens":10}}}}\n' "$@"
}

rollout_file() {
  local dir="$HOME/.codex/sessions/2026/12/03"
  mkdir -p "$dir"
  printf '%s/rollout-2026-12-03T07-01-02-%s.jsonl' "$dir" "$1"
}

setup() {
  setup_host
  quiet_artifacts
  route POST_auth 200 "$(auth_answer valid)"
  export FAKE_CODEX_USAGE_LINE=0
}

@test "a new session rollout of Codex 0.169: each response counted once, with its model; input is the uncached part" {
  local file
  file=$(rollout_file new)
  export FAKE_CODEX_RUN="{ $(printf '%q ' turn_context gpt-5.1-codex) ; } >/dev/null"
  FAKE_CODEX_RUN="printf '%s\n%s\n%s\n%s\n' $(printf '%q' "$(turn_context gpt-5.1-codex)") $(printf '%q' "$(usage_record resp_1 1234 200 56 7)") $(printf '%q' "$(usage_record resp_1 1234 200 56 7)") $(printf '%q' "$(usage_record resp_2 100 0 10 0)") >>$(printf '%q' "$file")" \
    run "$CDX" exec hello
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_body /usage)" = '{"usages":[{"total":1200,"input":1134,"output":66,"cached":200,"reasoning":7,"model":"gpt-5.1-codex","line":"Token usage: total=1200 input=1134 (+ 200 cached) output=66 (reasoning 7)"}]}' ]
  [[ $output == *"Usage push | ok | total=1200 input=1134 output=66"* ]]
}

@test "a resumed session: only what this run appended to the rollout counts" {
  local file
  file=$(rollout_file resumed)
  { turn_context gpt-5.1-codex; usage_record old_1 5000 0 500 0; } >"$file"
  touch -d '1 hour ago' "$file"
  FAKE_CODEX_RUN="printf '%s\n%s\n' $(printf '%q' "$(turn_context gpt-5.1-codex-mini)") $(printf '%q' "$(usage_record new_1 300 100 30 3)") >>$(printf '%q' "$file")" \
    run "$CDX" resume --last
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_body /usage)" = '{"usages":[{"total":230,"input":200,"output":30,"cached":100,"reasoning":3,"model":"gpt-5.1-codex-mini","line":"Token usage: total=230 input=200 (+ 100 cached) output=30 (reasoning 3)"}]}' ]
}

@test "a rollout with only token_count totals (older Codex): the session's total before the run is subtracted" {
  local file
  file=$(rollout_file totals)
  { turn_context gpt-5.1; token_count 1000 100 100 10; } >"$file"
  touch -d '1 hour ago' "$file"
  FAKE_CODEX_RUN="printf '%s\n%s\n' $(printf '%q' "$(token_count 1500 300 160 12)") $(printf '%q' "$(token_count 2500 600 260 20)") >>$(printf '%q' "$file")" \
    run "$CDX" resume --last
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $(request_body /usage) == '{"usages":[{"total":1160,"input":1000,"output":160,"cached":500,"reasoning":10,"model":"gpt-5.1",'* ]]
}

@test "untouched rollouts of earlier sessions are not counted again" {
  local file
  file=$(rollout_file earlier)
  { turn_context gpt-5.1-codex; usage_record old_1 5000 0 500 0; } >"$file"
  touch -d '1 hour ago' "$file"
  run "$CDX" exec hello
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_count /usage)" -eq 0 ]
}

@test "codex exec --json without a rollout: the turn.completed events are summed" {
  FAKE_CODEX_RUN="printf '%s\n' '{\"type\":\"thread.started\",\"thread_id\":\"t\"}' '{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":1234,\"cached_input_tokens\":200,\"output_tokens\":56}}' '{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":10,\"cached_input_tokens\":0,\"output_tokens\":4}}'" \
    run "$CDX" exec --json hello
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_body /usage)" = '{"usages":[{"total":1104,"input":1044,"output":60,"cached":200,"reasoning":0,"line":"Token usage: total=1104 input=1044 (+ 200 cached) output=60"}]}' ]
}

@test "codex exec's closing 'tokens used' / '1,034' lines give the total when nothing better exists" {
  FAKE_CODEX_RUN="printf 'codex\nStub answer.\ntokens used\n1,034\n'" run "$CDX" exec hello
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(request_body /usage)" = '{"usages":[{"total":1034,"line":"Token usage: total=1034"}]}' ]
}

@test "the 0.169 TUI's closing 'Token usage so far:' line, over 1,000 characters with screen escapes, is read; the stored line is short" {
  local padding
  padding=$(printf '\e[2K\e[1G%.0s' $(seq 1 150))
  FAKE_CODEX_RUN="printf '%s\e]0;codex\a\e[1mToken usage so far:\e[0m total=1,090 input=1,034 (+ 200 cached) output=56 (reasoning 7)%s\n' $(printf '%q' "$padding") $(printf '%q' "$padding")" \
    run "$CDX"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  body=$(request_body /usage)
  [ "$body" = '{"usages":[{"total":1090,"input":1034,"output":56,"cached":200,"reasoning":7,"line":"Token usage: total=1090 input=1034 (+ 200 cached) output=56 (reasoning 7)"}]}' ]
}

@test "a refused usage push is sent once more without the lines, and a refusal again only warns" {
  route POST_usage.1 422 $'status=error\nmessage=line is too long\n'
  route POST_usage.2 200 $'status=ok\ndata.recorded=1\n'
  FAKE_CODEX_USAGE_LINE=1 run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(request_count /usage)" -eq 2 ]
  [ "$(request_body /usage 2)" = '{"usages":[{"total":1234,"input":1000,"output":234,"cached":200,"reasoning":100}]}' ]
  [[ $output == *"Usage push | ok (fallback) | total=1234 input=1000 output=234"* ]]
}

@test "a usage push that got no answer is not sent again without the lines" {
  route POST_usage RESET
  FAKE_CODEX_USAGE_LINE=1 run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(request_count /usage)" -eq 1 ]
  [[ $output == *"Usage push | failed | request failed: curl: (52) Empty reply from server"* ]] || { echo "$output"; false; }
}

@test "a line without a name in the /usage answer does not stop the exit steps: insecure purge, work folder removed" {
  route POST_auth 200 "$(auth_answer outdated data.host.secure=false "data.auth_file_b64=$(canonical_auth | base64 -w0)")"
  route POST_usage 200 $'=x\nstatus=ok\ndata.recorded=1\n'
  export TMPDIR="$BATS_TEST_TMPDIR/tmp"
  mkdir "$TMPDIR"
  FAKE_CODEX_USAGE_LINE=1 run "$CDX"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(codex_calls)" -eq 1 ]
  [ ! -e "$HOME/.codex/auth.json" ]
  [ -z "$(ls -A "$TMPDIR")" ]
}

@test "no usage found: nothing is posted" {
  run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(request_count /usage)" -eq 0 ]
}
