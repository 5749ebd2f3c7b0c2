# cdx, token usage of the Codex run (spec/cdx.md 10.1, docs/cdx.md "Usage"). One part of wrapper/cdx.d; wrapper/assemble
# joins the parts in name order into the script hosts get.
set -euo pipefail

# Where the numbers come from, best first: the session rollouts Codex 0.169 writes under $CODEX_HOME/sessions (one
# token_usage_record per model response, or the running token_count totals of older versions), then the
# "turn.completed" events of `codex exec --json`, then the lines Codex prints ("Token usage: total=..." of the TUI and
# older versions, "tokens used" / "1,034" of `codex exec`). The first source that yields anything wins, so a run is
# never counted twice. An entry is "total input output cached reasoning model" with "-" for what is unknown; input
# is the uncached part, total = input + output (what Codex itself shows as "tokens used").

rollout_dir() { printf '%s/sessions' "$CODEX_DIR"; }

# Before Codex starts: the size of every rollout file, so only what this run appends is counted afterwards.
snapshot_rollouts() {
  local snapshot=$1
  : >"$snapshot"
  : >"$snapshot.started"
  [[ -d $(rollout_dir) ]] || return 0
  find "$(rollout_dir)" -type f -name 'rollout-*.jsonl' -printf '%s %p\n' >"$snapshot" 2>/dev/null || true
}

# The rollout files this run wrote to, each as "<bytes before the run> <path>".
touched_rollouts() {
  local snapshot=$1 file before
  [[ -d $(rollout_dir) ]] || return 0
  while IFS= read -r file; do
    before=$(awk -v f="$file" 'substr($0, index($0, " ") + 1) == f { print $1; exit }' "$snapshot")
    printf '%s %s\n' "${before:-0}" "$file"
  done < <(find "$(rollout_dir)" -type f -name 'rollout-*.jsonl' -newer "$snapshot.started" 2>/dev/null | LC_ALL=C sort)
}

# Sums the usage of each model response once (token_usage_record, keyed by response_id) read from stdin.
sum_usage_records() {
  LC_ALL=C awk '
    function count(obj, key) { return match(obj, "\"" key "\":[0-9]+") ? substr(obj, RSTART + length(key) + 3, RLENGTH - length(key) - 3) + 0 : 0 }
    /"type":"token_usage_record"/ && match($0, /"usage":\{[^}]*\}/) {
      usage = substr($0, RSTART, RLENGTH)
      id = match($0, /"response_id":"[^"]*"/) ? substr($0, RSTART, RLENGTH) : NR
      if (id in seen) next
      seen[id] = 1; found = 1
      input += count(usage, "input_tokens"); cached += count(usage, "cached_input_tokens")
      output += count(usage, "output_tokens"); reasoning += count(usage, "reasoning_output_tokens")
    }
    END { if (found) print input, cached, output, reasoning }'
}

# The last running total (token_count events of versions without token_usage_record) read from stdin.
last_token_count() {
  LC_ALL=C awk '
    function count(obj, key) { return match(obj, "\"" key "\":[0-9]+") ? substr(obj, RSTART + length(key) + 3, RLENGTH - length(key) - 3) + 0 : 0 }
    /"type":"token_count"/ && match($0, /"total_token_usage":\{[^}]*\}/) {
      usage = substr($0, RSTART, RLENGTH); found = 1
      last = count(usage, "input_tokens") " " count(usage, "cached_input_tokens") " " count(usage, "output_tokens") " " count(usage, "reasoning_output_tokens")
    }
    END { if (found) print last }'
}

# The model of the session: the last turn_context names it.
rollout_model() {
  LC_ALL=C grep '"type":"turn_context"' "$1" 2>/dev/null | tail -n 1 | grep -o '"model":"[^"]*"' | head -n 1 | cut -d'"' -f4 || true
}

# One entry from raw counts "input cached output reasoning", where input still includes the cached tokens.
usage_entry() {
  local input=$1 cached=$2 output=$3 reasoning=$4 model=${5:--} uncached
  uncached=$((input > cached ? input - cached : 0))
  printf '%d %d %d %d %d %s\n' "$((uncached + output))" "$uncached" "$output" "$cached" "$reasoning" "${model:--}"
}

# One entry per rollout file the run appended to.
rollout_usage() {
  local snapshot=$1 before file size counts base
  local -a counts_now=() counts_was=()
  while read -r before file; do
    size=$(stat -c %s "$file")
    ((size >= before)) || before=0
    counts=$(tail -c +"$((before + 1))" "$file" | sum_usage_records)
    if [[ -z $counts ]]; then
      counts=$(tail -c +"$((before + 1))" "$file" | last_token_count)
      [[ -n $counts ]] || continue
      # token_count carries the session's running total: what the session had before this run is subtracted.
      base=$(head -c "$before" "$file" | last_token_count)
      read -r -a counts_now <<<"$counts"
      read -r -a counts_was <<<"${base:-0 0 0 0}"
      counts="$((counts_now[0] - counts_was[0])) $((counts_now[1] - counts_was[1])) $((counts_now[2] - counts_was[2])) $((counts_now[3] - counts_was[3]))"
    fi
    read -r -a counts_now <<<"$counts"
    ((counts_now[0] + counts_now[2] > 0)) || continue
    usage_entry "${counts_now[@]}" "$(rollout_model "$file")"
  done < <(touched_rollouts "$snapshot")
}

# `codex exec --json`: every turn.completed event carries that turn's usage.
exec_json_usage() {
  local counts
  counts=$(LC_ALL=C awk '
    function count(obj, key) { return match(obj, "\"" key "\":[0-9]+") ? substr(obj, RSTART + length(key) + 3, RLENGTH - length(key) - 3) + 0 : 0 }
    /"type":"turn\.completed"/ && match($0, /"usage":\{[^}]*\}/) {
      usage = substr($0, RSTART, RLENGTH); found = 1
      input += count(usage, "input_tokens"); cached += count(usage, "cached_input_tokens"); output += count(usage, "output_tokens")
    }
    END { if (found) print input, cached, output, 0 }' "$1")
  [[ -n $counts ]] || return 0
  # shellcheck disable=SC2086 # four numbers
  usage_entry $counts
}

# The capture without terminal escapes and control characters, one screen line per line.
clean_capture() {
  local esc=$'\x1b' bel=$'\a'
  LC_ALL=C sed -E \
    -e "s#${esc}\][^${bel}${esc}]*(${bel}|${esc}\\\\)##g" \
    -e "s#${esc}\[[0-9;?]*[ -/]*[@-~]##g" "$1" | LC_ALL=C tr '\r' '\n' | LC_ALL=C tr -d '\000-\010\013-\037\177'
}

# The digits of a count with its thousands separators; nothing for more digits than a count can have.
digits() {
  local value=${1//[^0-9]/}
  ((${#value} <= 18)) && printf '%s' "$value"
  return 0
}

# "Token usage: total=1,234 input=1,000 (+ 200 cached) output=234 (reasoning 100)" of the TUI and older versions;
# each field is read on its own, so a line with only some of them still counts.
token_usage_line_entry() {
  local line=$1 total='' input='' output='' cached=0 reasoning=0
  [[ $line =~ [Tt]otal[[:space:]]*[=:][[:space:]]*([0-9][0-9,]*) ]] && total=$(digits "${BASH_REMATCH[1]}")
  [[ $line =~ [Ii]nput[[:space:]]*[=:][[:space:]]*([0-9][0-9,]*) ]] && input=$(digits "${BASH_REMATCH[1]}")
  [[ $line =~ [Oo]utput[[:space:]]*[=:][[:space:]]*([0-9][0-9,]*) ]] && output=$(digits "${BASH_REMATCH[1]}")
  [[ $line =~ \(\+[[:space:]]*([0-9][0-9,]*)[[:space:]]*cached ]] && cached=$(digits "${BASH_REMATCH[1]}")
  [[ $line =~ [Cc]ached[[:space:]]*[=:][[:space:]]*([0-9][0-9,]*) ]] && cached=$(digits "${BASH_REMATCH[1]}")
  [[ $line =~ \([Rr]easoning[[:space:]]*([0-9][0-9,]*)\) ]] && reasoning=$(digits "${BASH_REMATCH[1]}")
  [[ -n $total || -n $input || -n $output ]] || return 0
  input=${input:-0} output=${output:-0}
  printf '%d %d %d %d %d -\n' "$((10#${total:-$((input + output))}))" "$((10#$input))" "$((10#$output))" "$((10#$cached))" "$((10#$reasoning))"
}

# What Codex printed: every "Token usage:" line, else the number under the last "tokens used" of `codex exec`.
printed_usage() {
  local line previous='' found=0 total=''
  while IFS= read -r line; do
    # "Token usage:" of older versions and "Token usage so far:" of the 0.169 TUI when it leaves a session.
    if [[ ${line,,} =~ token\ usage[a-z\ ]*:(.*)$ ]]; then
      token_usage_line_entry "${BASH_REMATCH[1]}"
      found=1
    elif [[ ${previous,,} =~ ^[[:space:]]*tokens\ used[[:space:]]*$ && $line =~ ^[[:space:]]*([0-9][0-9,]*)[[:space:]]*$ ]]; then
      total=$(digits "${BASH_REMATCH[1]}")
    fi
    previous=$line
  done < <(clean_capture "$1")
  ((found == 0)) && [[ -n $total ]] && printf '%d - - - - -\n' "$((10#$total))"
  return 0
}

# Every usage entry of the run, from the best source that has one.
collect_usage() {
  local snapshot=$1 capture=$2 entries
  entries=$(rollout_usage "$snapshot")
  [[ -n $entries ]] || entries=$(exec_json_usage "$capture")
  [[ -n $entries ]] || entries=$(printed_usage "$capture")
  [[ -z $entries ]] || printf '%s\n' "$entries"
}

# The human-readable line stored with an entry, in the words of Codex's own summary (well under the 240 characters
# spec/cdx.md 10.1 allows: it is made from the numbers, never copied from the screen).
usage_entry_line() {
  local total=$1 input=$2 output=$3 cached=$4 reasoning=$5 line
  line="Token usage: total=$total"
  [[ $input != - ]] && line+=" input=$input"
  [[ $cached != - && $cached != 0 ]] && line+=" (+ $cached cached)"
  [[ $output != - ]] && line+=" output=$output"
  [[ $reasoning != - && $reasoning != 0 ]] && line+=" (reasoning $reasoning)"
  printf '%s' "$line"
}

# entries_json WITH_LINE < entries: the "usages" list of POST /usage; numbers as numbers, unknown ones left out.
entries_json() {
  local with_line=$1 total input output cached reasoning model out='' sep='' entry field value
  while read -r total input output cached reasoning model; do
    entry=""
    for field in total input output cached reasoning; do
      value=${!field}
      [[ $value =~ ^[0-9]+$ ]] && entry+="${entry:+,}\"$field\":$value"
    done
    [[ $model != - && -n $model ]] && entry+=",\"model\":$(json_string "$model")"
    ((with_line)) && entry+=",\"line\":$(json_string "$(usage_entry_line "$total" "$input" "$output" "$cached" "$reasoning")")"
    out+="$sep{$entry}"
    sep=','
  done
  printf '{"usages":[%s]}' "$out"
}

report_usage() {
  local entries count summary
  local -A answer=()
  [[ ${RUN[auth_status]} != missing-config ]] || return 0
  entries=$(collect_usage "$WORK_DIR/rollouts-before" "$WORK_DIR/capture")
  [[ -n $entries ]] || { log_debug "Usage push | skipped | no token usage found"; return 0; }
  count=$(wc -l <<<"$entries")
  summary=$(awk '{ t += $1; if ($2 ~ /^[0-9]+$/) i += $2; if ($3 ~ /^[0-9]+$/) o += $3 } END { printf "total=%d input=%d output=%d", t, i, o }' <<<"$entries")
  ((count == 1)) || summary="$count rows | $summary"
  api_request answer POST /usage "$(entries_json 1 <<<"$entries")" 10
  if answered_ok answer; then
    log_info "Usage push | ok | $summary"
    return 0
  fi
  if [[ ${answer[http_status]} == 503 && $(decode "${answer[message]-}") == *disabled* ]]; then
    log_warn "Usage push | skipped | API disabled by administrator"
    return 0
  fi
  # Only a server that answered may take the report without its lines; an unreachable one would cost another timeout.
  if [[ ${answer[http_status]} == 000 ]]; then
    log_warn "Usage push | failed | $(failure_reason answer)"
    return 0
  fi
  log_debug "Usage push failed ($(failure_reason answer)); retrying without the lines"
  api_request answer POST /usage "$(entries_json 0 <<<"$entries")" 10
  if answered_ok answer; then
    log_info "Usage push | ok (fallback) | $summary"
  else
    log_warn "Usage push | failed | $(failure_reason answer)"
  fi
}
