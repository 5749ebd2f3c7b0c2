#!/usr/bin/env bats
# Artifact pulls and pushes (spec/cdx.md 6, 10.2), profile files (docs/cdx-protocol.md 5), final arguments and
# the OTEL environment (spec/cdx.md 9.3, 9.5).

load helper

setup() {
  setup_host
  quiet_artifacts
  route POST_auth 200 "$(auth_answer valid)"
}

sha_text() { printf '%b' "$1" | sha256sum | cut -d' ' -f1; }

@test "prompts: changed files are fetched byte for byte, tombstones delete, the baseline lists what the server has" {
  mkdir -p "$HOME/.codex/prompts"
  printf 'old\n' >"$HOME/.codex/prompts/review.md"
  printf 'gone\n' >"$HOME/.codex/prompts/old.md"
  printf 'mine\n' >"$HOME/.codex/prompts/local-only.md"
  content='---\\ndescription: Review\\n---\\nCheck the diff.\\tTabs \\\\ slashes \\xc3\\xa9\\n'
  route GET_slash-commands 200 "status=ok
data.commands.#=2
data.commands.0.filename=old.md
data.commands.0.sha256=$(sha_text 'gone\n')
data.commands.0.deleted_at=2026-01-01T00:00:00Z
data.commands.1.filename=review.md
data.commands.1.sha256=$(sha_text "$content")
data.commands.1.deleted_at=
"
  route POST_slash-commands_retrieve 200 "status=ok
data.status=updated
data.filename=review.md
data.prompt=$content
"
  run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(cat "$HOME/.codex/prompts/review.md")" = "$(printf '%b' "$content")" ]
  [ "$(sha_of "$HOME/.codex/prompts/review.md")" = "$(sha_text "$content")" ]
  [ ! -e "$HOME/.codex/prompts/old.md" ]
  [ "$(request_body /slash-commands/retrieve)" = "{\"filename\":\"review.md\",\"sha256\":\"$(sha_text 'old\n')\"}" ]
  grep -q "\"review.md\": \"$(sha_text "$content")\"" "$HOME/.codex/.prompt-baseline.json"
  ! grep -q local-only "$HOME/.codex/.prompt-baseline.json"
}

@test "prompts: a second run with nothing changed fetches nothing and leaves the baselines as they are" {
  mkdir -p "$HOME/.codex/prompts"
  printf 'same\n' >"$HOME/.codex/prompts/a.md"
  route GET_slash-commands 200 "status=ok
data.commands.#=1
data.commands.0.filename=a.md
data.commands.0.sha256=$(sha_text 'same\n')
data.commands.0.deleted_at=
"
  run "$CDX"
  [ "$status" -eq 0 ]
  local written
  written=$(stat -c %i "$HOME/.codex/.prompt-baseline.json" "$HOME/.codex/.skill-baseline.json")
  run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(request_count /slash-commands/retrieve)" -eq 0 ]
  [ "$(request_count /slash-commands/store)" -eq 0 ]
  [ "$(stat -c %i "$HOME/.codex/.prompt-baseline.json" "$HOME/.codex/.skill-baseline.json")" = "$written" ]
}

@test "prompts and skills edited during the run are pushed as content_b64 with their sha256" {
  mkdir -p "$HOME/.codex/prompts" "$HOME/.codex/skills/lint"
  printf 'base\n' >"$HOME/.codex/prompts/a.md"
  printf -- '---\nname: "Lint"\ndescription: Lints things\n---\nRun it.\n' >"$HOME/.codex/skills/lint/SKILL.md"
  route GET_slash-commands 200 "status=ok
data.commands.#=1
data.commands.0.filename=a.md
data.commands.0.sha256=$(sha_of "$HOME/.codex/prompts/a.md")
"
  route GET_skills 200 "status=ok
data.skills.#=1
data.skills.0.slug=lint
data.skills.0.sha256=$(sha_of "$HOME/.codex/skills/lint/SKILL.md")
"
  route POST_slash-commands_store 200 $'status=ok\ndata.status=updated\n'
  route POST_skills_store 200 $'status=ok\ndata.status=updated\n'
  FAKE_CODEX_RUN='printf "edited\n" >"$HOME/.codex/prompts/a.md"; printf "new\n" >"$HOME/.codex/prompts/b.md"; printf -- "---\nname: Lint\ndescription: Lints more\n---\nRun it twice.\n" >"$HOME/.codex/skills/lint/SKILL.md"' \
    run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(request_count /slash-commands/store)" -eq 2 ]
  requests | grep slash-commands/store | grep -q "\"content_b64\\\\\":\\\\\"$(printf 'edited\n' | base64 -w0)\\\\\",\\\\\"sha256\\\\\":\\\\\"$(sha_text 'edited\n')"
  body=$(request_body /skills/store)
  [[ $body == *'"slug":"lint"'* && $body == *'"display_name":"Lint"'* && $body == *'"description":"Lints more"'* ]]
  grep -q "\"b.md\": \"$(sha_text 'new\n')\"" "$HOME/.codex/.prompt-baseline.json"
}

@test "skills: legacy plain files migrate into <slug>/SKILL.md, updates land there, tombstones remove the folder" {
  mkdir -p "$HOME/.codex/skills/retired"
  printf 'legacy\n' >"$HOME/.codex/skills/plain"
  printf 'x\n' >"$HOME/.codex/skills/retired/SKILL.md"
  printf 'stale\n' >"$HOME/.codex/skills/changed"
  route GET_skills 200 "status=ok
data.skills.#=3
data.skills.0.slug=changed
data.skills.0.sha256=$(sha_text 'fresh\n')
data.skills.1.slug=plain
data.skills.1.sha256=$(sha_text 'legacy\n')
data.skills.2.slug=retired
data.skills.2.sha256=abc
data.skills.2.deleted_at=2026-01-01T00:00:00Z
"
  route POST_skills_retrieve 200 $'status=ok\ndata.status=updated\ndata.manifest=fresh\\n\n'
  run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(cat "$HOME/.codex/skills/plain/SKILL.md")" = legacy ]
  [ "$(cat "$HOME/.codex/skills/changed/SKILL.md")" = fresh ]
  [ ! -e "$HOME/.codex/skills/retired" ]
  [ "$(request_count /skills/retrieve)" -eq 1 ]
  [[ $output == *"Skills 2/3"* ]]
}

@test "a skill that cannot be written (its folder a dangling symlink) is an error of the pull: the others land, Codex runs" {
  mkdir -p "$HOME/.codex/skills"
  ln -s /nonexistent/skill "$HOME/.codex/skills/foo"
  route GET_skills 200 "status=ok
data.skills.#=2
data.skills.0.slug=foo
data.skills.0.sha256=$(sha_text 'hello\n')
data.skills.1.slug=bar
data.skills.1.sha256=$(sha_text 'hello\n')
"
  route POST_skills_retrieve 200 $'status=ok\ndata.status=updated\ndata.manifest=hello\\n\n'
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(codex_calls)" -eq 1 ]
  [[ $output == *"Cannot create the folder $HOME/.codex/skills/foo"* ]]
  [ "$(cat "$HOME/.codex/skills/bar/SKILL.md")" = hello ]
}

@test "AGENTS.md and config.toml: updated writes, unchanged keeps, missing deletes" {
  route POST_agents_retrieve 200 $'status=ok\ndata.status=updated\ndata.content=# Fleet rules\\n\n'
  route POST_config_retrieve 200 $'status=ok\ndata.status=updated\ndata.content=model = "gpt-5.1-codex"\\n\ndata.profiles.#=0\n'
  run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(cat "$HOME/.codex/AGENTS.md")" = "# Fleet rules" ]
  [ "$(cat "$HOME/.codex/config.toml")" = 'model = "gpt-5.1-codex"' ]
  route POST_agents_retrieve 200 $'status=ok\ndata.status=unchanged\n'
  route POST_config_retrieve 200 $'status=ok\ndata.status=missing\n'
  run "$CDX"
  [ "$(request_body /agents/retrieve 2)" = "{\"sha256\":\"$(sha_text '# Fleet rules\n')\"}" ]
  [ -f "$HOME/.codex/AGENTS.md" ]
  [ ! -e "$HOME/.codex/config.toml" ]
}

@test "profile files are written and removed when no longer listed; a profile word becomes --profile, others pass" {
  route POST_config_retrieve 200 $'status=ok\ndata.status=updated\ndata.content=model = "m"\\n\ndata.profiles.#=2\ndata.profiles.0.name=fast\ndata.profiles.0.filename=fast.config.toml\ndata.profiles.0.content=model = "fast"\\n\ndata.profiles.1.name=deep\ndata.profiles.1.filename=deep.config.toml\ndata.profiles.1.content=model = "deep"\\n\n'
  run "$CDX" fast --search
  [ "$status" -eq 0 ]
  [ "$(cat "$HOME/.codex/fast.config.toml")" = 'model = "fast"' ]
  [ "$(cat "$FAKE_CODEX_LOG")" = $'--profile\nfast\n--search' ]
  route POST_config_retrieve 200 $'status=ok\ndata.status=updated\ndata.content=model = "m"\\n\ndata.profiles.#=1\ndata.profiles.0.name=fast\ndata.profiles.0.filename=fast.config.toml\ndata.profiles.0.content=model = "fast"\\n\n'
  rm "$FAKE_CODEX_LOG"
  run "$CDX" deep
  [ ! -e "$HOME/.codex/deep.config.toml" ]
  [ -f "$HOME/.codex/fast.config.toml" ]
  [ "$(cat "$FAKE_CODEX_LOG")" = deep ]
}

@test "a profile file is only ever <name>.config.toml: one named auth.json or history.jsonl is neither written nor removed" {
  route POST_auth 200 "$(auth_answer outdated "data.auth_file_b64=$(canonical_auth | base64 -w0)")"
  mkdir -p "$HOME/.codex"
  printf 'mine\n' >"$HOME/.codex/history.jsonl"
  route POST_config_retrieve 200 $'status=ok\ndata.status=updated\ndata.content=model = "m"\\n\ndata.profiles.#=3\ndata.profiles.0.name=a\ndata.profiles.0.filename=auth.json\ndata.profiles.0.content={"tokens":{"access_token":"planted"}}\\n\ndata.profiles.1.name=h\ndata.profiles.1.filename=history.jsonl\ndata.profiles.1.content=\ndata.profiles.2.name=fast\ndata.profiles.2.filename=fast.config.toml\ndata.profiles.2.content=model = "fast"\\n\n'
  run "$CDX"
  [ "$status" -eq 0 ]
  [[ $output == *"Ignoring profile file name 'auth.json'"* && $output == *"Ignoring profile file name 'history.jsonl'"* ]]
  ! grep -q planted "$HOME/.codex/auth.json"
  [ "$(stat -c %a "$HOME/.codex/auth.json")" = 600 ]
  [ "$(cat "$HOME/.codex/history.jsonl")" = mine ]
  [ "$(cat "$HOME/.codex/fast.config.toml")" = 'model = "fast"' ]
  # A baseline naming other files (left by a wrapper that wrote them) never removes them.
  printf 'history.jsonl\nfast.config.toml\n' >"$HOME/.codex/.profile-baseline"
  route POST_config_retrieve 200 $'status=ok\ndata.status=missing\n'
  run "$CDX"
  [ "$(cat "$HOME/.codex/history.jsonl")" = mine ]
  [ ! -e "$HOME/.codex/fast.config.toml" ]
}

@test "the fleet's default profile is selected unless the user picks one" {
  route POST_config_retrieve 200 $'status=ok\ndata.status=updated\ndata.content=model = "m"\\n\ndata.profiles.#=2\ndata.profiles.0.name=fast\ndata.profiles.0.filename=fast.config.toml\ndata.profiles.0.content=model = "fast"\\n\ndata.profiles.1.name=deep\ndata.profiles.1.filename=deep.config.toml\ndata.profiles.1.content=model = "deep"\\n\ndata.default_profile=fast\n'
  run "$CDX" resume
  [ "$status" -eq 0 ]
  [ "$(cat "$FAKE_CODEX_LOG")" = $'--profile\nfast\nresume' ]
  rm "$FAKE_CODEX_LOG"
  run "$CDX" deep
  [ "$(cat "$FAKE_CODEX_LOG")" = $'--profile\ndeep' ]
  rm "$FAKE_CODEX_LOG"
  run "$CDX" exec --profile deep hi
  [ "$(cat "$FAKE_CODEX_LOG")" = $'exec\n--profile\ndeep\nhi' ]
}

@test "--profile only for the Codex commands that take it: not for login, logout, features, completion, debug other than prompt-input (cdx logout alone is our sign-out)" {
  route POST_config_retrieve 200 $'status=ok\ndata.status=updated\ndata.content=model = "m"\\n\ndata.profiles.#=1\ndata.profiles.0.name=fast\ndata.profiles.0.filename=fast.config.toml\ndata.profiles.0.content=model = "fast"\\n\ndata.default_profile=fast\n'
  local -A expected=(
    ["login status"]=$'login\nstatus' ["fast logout"]=logout ["features list"]=$'features\nlist' ["completion bash"]=$'completion\nbash'
    ["debug models"]=$'debug\nmodels' ["-c x=1 login status"]=$'-c\nx=1\nlogin\nstatus'
    ["debug prompt-input hi"]=$'--profile\nfast\ndebug\nprompt-input\nhi' ["exec hi"]=$'--profile\nfast\nexec\nhi'
    ["review"]=$'--profile\nfast\nreview' ["mcp list"]=$'--profile\nfast\nmcp\nlist' ["fix the tests"]=$'--profile\nfast\nfix the tests'
    ["fast login status"]=$'login\nstatus'
  )
  local command
  for command in "${!expected[@]}"; do
    rm -f "$FAKE_CODEX_LOG"
    if [[ $command == "fix the tests" ]]; then run "$CDX" "fix the tests"; else read -r -a words <<<"$command"; run "$CDX" "${words[@]}"; fi
    [ "$status" -eq 0 ] || { echo "$command: $output"; false; }
    [ "$(cat "$FAKE_CODEX_LOG")" = "${expected[$command]}" ] || { echo "$command -> $(cat "$FAKE_CODEX_LOG")"; false; }
  done
}

@test "host model and effort come first: --config model_reasoning_effort=E --model M <word> <rest>" {
  bake_cdx __CODEX_HOST_MODEL__=gpt-5.1-codex __CODEX_HOST_REASONING_EFFORT__=high
  route POST_auth 200 "$(auth_answer valid)"
  run "$CDX" resume --last
  [ "$status" -eq 0 ]
  [ "$(cat "$FAKE_CODEX_LOG")" = $'--config\nmodel_reasoning_effort=high\n--model\ngpt-5.1-codex\nresume\n--last' ]
  rm "$FAKE_CODEX_LOG"
  CODEX_HOST_MODEL=other run "$CDX"
  [ "$(sed -n 4p "$FAKE_CODEX_LOG")" = other ]
}

@test "the [otel] table of the builder's shape becomes OTEL_* variables for Codex" {
  route POST_config_retrieve 200 'status=ok
data.status=updated
data.content=model = "m"\n\n[otel]\nenvironment = "staging"\nexporter = {otlp-http = {endpoint = "https://otel.example/v1", protocol = "binary", headers = {"x-team" = "core", x-env = "s"}}}\nlog_user_prompt = false\n
'
  run "$CDX"
  [ "$status" -eq 0 ]
  run cat "$FAKE_CODEX_LOG.otel"
  [[ $output == *"CODEX_OTEL_LOG_USER_PROMPT=false"* ]]
  [[ $output == *"OTEL_EXPORTER_OTLP_ENDPOINT=https://otel.example/v1"* ]]
  [[ $output == *"OTEL_EXPORTER_OTLP_HEADERS=x-team=core,x-env=s"* ]]
  [[ $output == *"OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf"* ]]
  [[ $output == *"OTEL_RESOURCE_ATTRIBUTES=deployment.environment=staging"* ]]
  [[ $output == *"OTEL_SERVICE_NAME=cdx"* && $output == *"OTEL_TRACES_EXPORTER=otlp"* ]]
}

@test "exporter none exports nothing" {
  route POST_config_retrieve 200 $'status=ok\ndata.status=updated\ndata.content=[otel]\\nexporter = "none"\\n\n'
  run "$CDX"
  [ "$status" -eq 0 ]
  [ ! -s "$FAKE_CODEX_LOG.otel" ]
}

@test "auth.json changed during the run is uploaded (retrieve -> upload_required -> store), the host user reported once" {
  route POST_auth.2 200 "$(auth_answer upload_required data.canonical_digest=abc)"
  route POST_auth.3 200 "$(auth_answer updated "data.auth_file_b64=$(canonical_auth 2030-01-01T00:00:00Z | base64 -w0)")"
  FAKE_CODEX_RUN='mkdir -p "$HOME/.codex"; printf "{\"last_refresh\":\"2030-01-01T00:00:00Z\",\"OPENAI_API_KEY\":\"k\"}" >"$HOME/.codex/auth.json"' \
    run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(request_count /auth)" -eq 3 ]
  [[ $(request_body /auth 3) == *'"command":"store"'*'"digest":"abc"'* ]]
  [[ $output == *"Auth push | uploaded"* ]]
  grep -q '"last_refresh": "2030-01-01T00:00:00Z"' "$HOME/.codex/auth.json"
  [ "$(request_count /host/users)" -eq 1 ]
}

@test "auth.json rewritten during the run with the same last_refresh is not pushed" {
  canonical_auth 2026-01-01T00:00:00Z >"$BATS_TEST_TMPDIR/canonical.json"
  route POST_auth 200 "$(auth_answer valid "data.auth_file_b64=$(base64 -w0 "$BATS_TEST_TMPDIR/canonical.json")")"
  FAKE_CODEX_RUN='printf "{\"last_refresh\":\"2026-01-01T00:00:00Z\",\"OPENAI_API_KEY\":\"other\"}" >"$HOME/.codex/auth.json"' \
    run "$CDX" --debug
  [ "$status" -eq 0 ]
  [ "$(request_count /auth)" -eq 1 ]
  [[ $output == *"Auth push | not-needed | last_refresh unchanged"* ]]
}

@test "a malformed local auth.json is removed" {
  mkdir -p "$HOME/.codex"
  printf 'not json' >"$HOME/.codex/auth.json"
  route POST_auth 200 "$(auth_answer outdated data.local_auth=malformed "data.auth_file_b64=$(canonical_auth | base64 -w0)")"
  run "$CDX"
  [ "$status" -eq 0 ]
  grep -q access_token "$HOME/.codex/auth.json"
}

@test "insecure host: warned, and auth.json is removed after Codex ran" {
  route POST_auth 200 "$(auth_answer outdated data.host.secure=false "data.auth_file_b64=$(canonical_auth | base64 -w0)")"
  run "$CDX"
  [ "$status" -eq 0 ]
  [[ $output == *"Host marked insecure"* ]]
  [[ $output == *"Codex to brrrr (insecure host)"* ]]
  [ ! -e "$HOME/.codex/auth.json" ]
}

@test "insecure host: the auth.json a run wrote is removed also after cdx claude, cdx --update and a refused launch" {
  local fleet_auth="data.auth_file_b64=$(canonical_auth | base64 -w0)"
  printf '#!/usr/bin/env bash\nexit 0\n' >"$FAKE_BIN/claude"
  chmod 755 "$FAKE_BIN/claude"
  route POST_claude_retrieve 200 $'status=ok\ndata.status=missing\n'
  route POST_auth 200 "$(auth_answer outdated data.host.secure=false "$fleet_auth")"
  run "$CDX" claude
  [ "$status" -eq 0 ]
  [[ $output == *"auth.json will be removed after this run"* ]]
  [ ! -e "$HOME/.codex/auth.json" ]
  { printf '200\n\n'; cat "$CDX"; } >"$STUB_STATE/routes/GET_wrapper_download"
  run "$CDX" --update
  [ "$status" -eq 0 ]
  [ ! -e "$HOME/.codex/auth.json" ]
  route POST_auth 200 "$(auth_answer outdated data.host.secure=false "$fleet_auth" data.chatgpt_usage.status=ok data.chatgpt_usage.primary_window.used_percent=100)"
  run "$CDX"
  [ "$status" -eq 1 ]
  [[ $output == *"Codex launch refused: ChatGPT quota reached"* ]]
  [ ! -e "$HOME/.codex/auth.json" ]
  [ "$(codex_calls)" -eq 0 ]
}

@test "CODEX_HOME is where everything is synced" {
  export CODEX_HOME="$BATS_TEST_TMPDIR/other-home"
  route POST_auth 200 "$(auth_answer outdated "data.auth_file_b64=$(canonical_auth | base64 -w0)")"
  run "$CDX"
  [ "$status" -eq 0 ]
  [ -f "$CODEX_HOME/auth.json" ]
  [ ! -e "$HOME/.codex/auth.json" ]
}

# Each request as "<path> <client port>", in the order the stub got them.
paths_and_connections() { requests | sed 's/.*"path":"\([^"]*\)".*"connection":\([0-9]*\).*/\1 \2/'; }

@test "a launch in step takes three curl runs: the host-user report with /auth, the token and the four pulls on one connection, the usage" {
  route POST_claude_retrieve 200 $'status=ok\ndata.status=unchanged\n'
  printf '#!/usr/bin/env bash\nprintf "call\\n" >>"%s"\nexec /usr/bin/curl "$@"\n' "$BATS_TEST_TMPDIR/curl-calls" >"$FAKE_BIN/curl"
  chmod 755 "$FAKE_BIN/curl"
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [ "$(wc -l <"$BATS_TEST_TMPDIR/curl-calls")" -eq 3 ]
  run paths_and_connections
  [ "${#lines[@]}" -eq 8 ] || { printf '%s\n' "${lines[@]}"; false; }
  [ "${lines[0]% *} ${lines[1]% *}" = "/host/users /auth" ]
  [ "${lines[0]#* }" = "${lines[1]#* }" ]
  local i after_auth=''
  for ((i = 2; i <= 6; i++)); do
    after_auth+="${lines[$i]% *} "
    [ "${lines[$i]#* }" = "${lines[2]#* }" ]
  done
  [ "$after_auth" = "/claude/retrieve /slash-commands /skills /agents/retrieve /config/retrieve " ]
  [ "${lines[7]% *}" = /usage ]
  [[ $(request_body /host/users) == "{\"username\":\"$(id -un)\",\"hostname\":\""?*'"}' ]]
}

@test "a connection dropped among the calls made together ends them there: the calls before it are applied" {
  route POST_claude_retrieve 200 $'status=ok\ndata.status=unchanged\n'
  route GET_skills RESET
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  # curl asks once more on a new connection when a reused one dies.
  [ "$(request_count /slash-commands)" -eq 1 ] && [ "$(request_count /skills)" -ge 1 ]
  [ "$(request_count /agents/retrieve)" -eq 0 ] && [ "$(request_count /config/retrieve)" -eq 0 ]
  [[ $output == *"Prompts 0/0"* && $output == *"Skills ⚠ offline request failed: curl: (52) Empty reply from server"* ]] || { echo "$output"; false; }
  [[ $output == *"AGENTS offline request failed: curl: (52)"* ]] || { echo "$output"; false; }
  [ "$(codex_calls)" -eq 1 ]
}

@test "a call that fails among those made together leaves the others' answers applied" {
  route GET_skills 503 $'status=error\nmessage=maintenance\n'
  route POST_claude_retrieve 500 $'status=error\nmessage=boom\n'
  route POST_agents_retrieve 200 $'status=ok\ndata.status=updated\ndata.content=# Fleet rules\\n\n'
  route GET_slash-commands 200 $'status=ok\ndata.commands.#=1\ndata.commands.0.filename=review.md\ndata.commands.0.sha256=abc\n'
  route POST_slash-commands_retrieve 200 $'status=ok\ndata.status=updated\ndata.prompt=Review this\\n\n'
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Skills ⚠ offline http-503:maintenance"* ]] || { echo "$output"; false; }
  [[ $output == *"Claude Code token not updated: http-500:boom"* ]]
  [[ $output == *"Prompts 1/1"* && $output == *"AGENTS updated"* ]] || { echo "$output"; false; }
  [ "$(cat "$HOME/.codex/AGENTS.md")" = "# Fleet rules" ]
  [ "$(cat "$HOME/.codex/prompts/review.md")" = "Review this" ]
  [ "$(codex_calls)" -eq 1 ]
}

@test "a first sync of 250 prompts fetches them over three connections, a hundred calls to a curl run, and writes every one" {
  local i listed=$'status=ok\ndata.commands.#=250\n'
  for ((i = 0; i < 250; i++)); do
    listed+="data.commands.$i.filename=p$i.md"$'\n'"data.commands.$i.sha256=$(sha_text 'Prompt body\n')"$'\n'
  done
  route GET_slash-commands 200 "$listed"
  route POST_slash-commands_retrieve 200 $'status=ok\ndata.status=updated\ndata.prompt=Prompt body\\n\n'
  printf '#!/usr/bin/env bash\nprintf "call\\n" >>"%s"\nexec /usr/bin/curl "$@"\n' "$BATS_TEST_TMPDIR/curl-calls" >"$FAKE_BIN/curl"
  chmod 755 "$FAKE_BIN/curl"
  FAKE_CODEX_USAGE_LINE=0 run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Prompts 250/250"* ]] || { echo "$output"; false; }
  [ "$(wc -l <"$BATS_TEST_TMPDIR/curl-calls")" -eq 5 ]
  [ "$(request_count /slash-commands/retrieve)" -eq 250 ]
  [ "$(paths_and_connections | sed -n 's|^/slash-commands/retrieve ||p' | sort -u | wc -l)" -eq 3 ]
  [ "$(cat "$HOME/.codex/prompts/p0.md")" = "Prompt body" ] && [ "$(cat "$HOME/.codex/prompts/p249.md")" = "Prompt body" ]
  [ "$(grep -c '": "' "$HOME/.codex/.prompt-baseline.json")" -eq 250 ]
  FAKE_CODEX_USAGE_LINE=0 run "$CDX" exec hi
  [ "$(request_count /slash-commands/retrieve)" -eq 250 ]
}

@test "a host in step with 30 prompts and 30 skills hashes them in a few sha256sum calls, not one or more per file" {
  local i listed_prompts listed_skills
  mkdir -p "$HOME/.codex/prompts"
  listed_prompts=$'status=ok\ndata.commands.#=30\n'
  listed_skills=$'status=ok\ndata.skills.#=30\n'
  for ((i = 0; i < 30; i++)); do
    printf 'prompt %d\n' "$i" >"$HOME/.codex/prompts/p$i.md"
    mkdir -p "$HOME/.codex/skills/s$i"
    printf 'skill %d\n' "$i" >"$HOME/.codex/skills/s$i/SKILL.md"
    listed_prompts+="data.commands.$i.filename=p$i.md"$'\n'"data.commands.$i.sha256=$(sha_text "prompt $i\n")"$'\n'
    listed_skills+="data.skills.$i.slug=s$i"$'\n'"data.skills.$i.sha256=$(sha_text "skill $i\n")"$'\n'
  done
  route GET_slash-commands 200 "$listed_prompts"
  route GET_skills 200 "$listed_skills"
  printf '#!/usr/bin/env bash\nprintf "%%s\\n" "$*" >>"%s"\nexec /usr/bin/sha256sum "$@"\n' "$BATS_TEST_TMPDIR/sha256sum-calls" >"$FAKE_BIN/sha256sum"
  chmod 755 "$FAKE_BIN/sha256sum"
  run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(request_count /slash-commands/retrieve)" -eq 0 ]
  [ "$(request_count /skills/retrieve)" -eq 0 ]
  [ "$(request_count /slash-commands/store)" -eq 0 ]
  grep -q "\"p29.md\": \"$(sha_text 'prompt 29\n')\"" "$HOME/.codex/.prompt-baseline.json"
  grep -q "\"s7\": \"$(sha_text 'skill 7\n')\"" "$HOME/.codex/.skill-baseline.json"
  [ "$(grep -c '": "' "$HOME/.codex/.skill-baseline.json")" -eq 30 ]
  # Six for the two folders (before and after the pulls, and at exit) and a few single files such as cdx itself.
  [ "$(wc -l <"$BATS_TEST_TMPDIR/sha256sum-calls")" -le 10 ]
}

@test "a folder of 2,500 prompts, more than one command line can name under a small stack limit, is hashed in batches and nothing is fetched" {
  local i listed same
  mkdir -p "$HOME/.codex/prompts"
  listed=$'status=ok\ndata.commands.#=2500\n'
  same=$(sha_text 'same\n')
  for ((i = 0; i < 2500; i++)); do
    printf 'same\n' >"$HOME/.codex/prompts/prompt-$i.md"
    listed+="data.commands.$i.filename=prompt-$i.md"$'\n'"data.commands.$i.sha256=$same"$'\n'
  done
  route GET_slash-commands 200 "$listed"
  # A 512 KiB stack limits a command's arguments to 128 KiB; the 2,500 paths take about 170.
  run bash -c 'ulimit -s 512 && exec "$0"' "$CDX"
  [ "$status" -eq 0 ]
  [ "$(request_count /slash-commands/retrieve)" -eq 0 ]
  [ "$(grep -c '": "' "$HOME/.codex/.prompt-baseline.json")" -eq 2500 ]
}

@test "local prompts named like an option, with a backslash or a line break: the first is pushed, the others neither break the run nor go out" {
  mkdir -p "$HOME/.codex/prompts"
  route GET_slash-commands 200 $'status=ok\ndata.commands.#=0\n'
  route POST_slash-commands_store 200 $'status=ok\ndata.status=created\n'
  FAKE_CODEX_RUN='printf "dash\n" >"$HOME/.codex/prompts/-v.md"; printf "x\n" >"$HOME/.codex/prompts/back\\slash.md"; printf "y\n" >"$HOME/.codex/prompts/line"$'"'"'\n'"'"'"break.md"' \
    run "$CDX"
  [ "$status" -eq 0 ]
  [ "$(request_count /slash-commands/store)" -eq 1 ]
  [[ $(request_body /slash-commands/store) == *'"filename":"-v.md"'*"\"sha256\":\"$(sha_text 'dash\n')\""* ]]
  grep -q "\"-v.md\": \"$(sha_text 'dash\n')\"" "$HOME/.codex/.prompt-baseline.json"
  [ "$(grep -c '": "' "$HOME/.codex/.prompt-baseline.json")" -eq 1 ]
}

@test "a list length in an answer that is not a number is read as 0, and the text in it is never run" {
  local marker="$BATS_TEST_TMPDIR/ran"
  route GET_slash-commands 200 "status=ok"$'\n'"data.commands.#=RUN[\$(touch $marker.prompts)]"$'\n'
  route GET_skills 200 "status=ok"$'\n'"data.skills.#=RUN[\$(touch $marker.skills)]"$'\n'
  route POST_config_retrieve 200 "status=ok"$'\n'"data.status=updated"$'\n'"data.content=model = \"m\"\\n"$'\n'"data.profiles.#=RUN[\$(touch $marker.profiles)]"$'\n'
  route POST_host_users 200 "status=ok"$'\n'"data.users.#=RUN[\$(touch $marker.users)]"$'\n'
  run "$CDX" exec hi
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"Prompts 0/0"* && $output == *"Skills 0/0"* ]] || { echo "$output"; false; }
  [ "$(cat "$HOME/.codex/config.toml")" = 'model = "m"' ]
  [ "$(codex_calls)" -eq 1 ]
  run ls "$BATS_TEST_TMPDIR"
  [[ $output != *ran* ]]
}
