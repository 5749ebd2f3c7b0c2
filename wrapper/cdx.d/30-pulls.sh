# cdx, Artifact pulls (spec/cdx.md 6). One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

pull_allowed() {
  [[ ${RUN[auth_status]} == ok ]] && return 0
  RUN[$1]="skipped (auth ${RUN[auth_status]})"
  return 1
}

# shellcheck disable=SC2034 # fills the caller's array through a nameref
local_index_prompts() {
  local -n prompt_index=$1
  local file
  local -a names=()
  for file in "$CODEX_DIR/prompts"/*; do
    [[ -f $file ]] && names+=("${file##*/}")
  done
  hash_files_into prompt_index "$CODEX_DIR/prompts" ${names[@]+"${names[@]}"}
}

# baseline_of BASELINE INDEX NAME...: the baseline of spec/cdx.md 6, each NAME the server lists with its local sha.
# shellcheck disable=SC2034 # fills the caller's array through a nameref
baseline_of() {
  local -n listed_shas=$1 index_in=$2
  local name
  shift 2
  listed_shas=()
  for name in "$@"; do
    [[ -n ${index_in[$name]-} ]] && listed_shas["$name"]=${index_in[$name]}
  done
  return 0
}

pull_prompts() {
  pull_allowed prompts_state || return 0
  local -A listing=() answer=() local_sha=() baseline=()
  local -a listed=()
  local i count name sha deleted updated=0 removed=0 errors=0 dir="$CODEX_DIR/prompts"
  api_request listing GET /slash-commands
  answered_ok listing || { RUN[prompts_state]="$(pull_failure_state listing) $(failure_reason listing)"; return 0; }
  [[ -d $dir ]] || mkdir -p "$dir"
  local_index_prompts local_sha
  count=${listing[data.commands.#]:-0}
  for ((i = 0; i < count; i++)); do
    decode_to name "${listing[data.commands.$i.filename]-}"
    sha=${listing[data.commands.$i.sha256]-}
    deleted=${listing[data.commands.$i.deleted_at]-}
    [[ $name =~ $NAME_PATTERN && $name != *..* ]] || continue
    if [[ -n $deleted ]]; then
      [[ -f $dir/$name ]] && rm -f "$dir/$name" && removed=$((removed + 1))
      continue
    fi
    if [[ -n $sha && $sha != "${local_sha[$name]-}" ]]; then
      api_request answer POST /slash-commands/retrieve "$(json_fields filename "$name" sha256 "${local_sha[$name]-}")"
      if ! answered_ok answer; then
        errors=$((errors + 1))
      elif [[ ${answer[data.status]-} == deleted ]]; then
        rm -f "$dir/$name"
        removed=$((removed + 1))
      elif [[ ${answer[data.status]-} == updated && -v answer[data.prompt] ]]; then
        write_decoded "$dir/$name" "${answer[data.prompt]}"
        updated=$((updated + 1))
      fi
    fi
    listed+=("$name")
  done
  local_index_prompts local_sha
  baseline_of baseline local_sha ${listed[@]+"${listed[@]}"}
  write_baseline baseline "$CODEX_DIR/.prompt-baseline.json"
  RUN[prompts_local]=${#local_sha[@]}
  RUN[prompts_remote]=$count
  RUN[prompts_state]="ok updated=$updated errors=$errors remote=$count local=${#local_sha[@]} removed=$removed"
}

# Skills: <slug>/SKILL.md, plus legacy plain files whose slug is the file name.
# shellcheck disable=SC2034 # fills the caller's array through a nameref
local_index_skills() {
  local -n skill_index=$1
  local entry path
  local -a paths=()
  local -A hashes=()
  for entry in "$CODEX_DIR/skills"/*; do
    if [[ -f $entry/SKILL.md ]]; then
      paths+=("${entry##*/}/SKILL.md")
    elif [[ -f $entry ]]; then
      paths+=("${entry##*/}")
    fi
  done
  hash_files_into hashes "$CODEX_DIR/skills" ${paths[@]+"${paths[@]}"}
  skill_index=()
  for path in "${!hashes[@]}"; do
    skill_index["${path%/SKILL.md}"]=${hashes[$path]}
  done
  return 0
}

# A legacy plain file becomes <slug>/SKILL.md (a file and a folder cannot share the name).
migrate_legacy_skill() {
  local dir="$CODEX_DIR/skills" slug=$1 tmp
  [[ -f $dir/$slug && ! -d $dir/$slug ]] || return 0
  tmp=$(mktemp "$dir/.cdx-migrate.XXXXXX")
  mv -f "$dir/$slug" "$tmp"
  mkdir -p "$dir/$slug"
  mv -f "$tmp" "$dir/$slug/SKILL.md"
}

remove_skill() {
  local path="$CODEX_DIR/skills/$1"
  [[ -e $path ]] || return 1
  rm -rf "$path"
}

pull_skills() {
  pull_allowed skills_state || return 0
  local -A listing=() answer=() local_sha=() baseline=()
  local -a listed=()
  local i count slug sha deleted updated=0 removed=0 errors=0 dir="$CODEX_DIR/skills"
  api_request listing GET /skills
  answered_ok listing || { RUN[skills_state]="$(pull_failure_state listing) $(failure_reason listing)"; return 0; }
  [[ -d $dir ]] || mkdir -p "$dir"
  local_index_skills local_sha
  count=${listing[data.skills.#]:-0}
  for ((i = 0; i < count; i++)); do
    decode_to slug "${listing[data.skills.$i.slug]-}"
    sha=${listing[data.skills.$i.sha256]-}
    deleted=${listing[data.skills.$i.deleted_at]-}
    [[ $slug =~ $NAME_PATTERN && $slug != *..* ]] || continue
    if [[ -n $deleted ]]; then
      remove_skill "$slug" && removed=$((removed + 1))
      continue
    fi
    migrate_legacy_skill "$slug"
    if [[ -n $sha && $sha != "${local_sha[$slug]-}" ]]; then
      api_request answer POST /skills/retrieve "$(json_fields slug "$slug" sha256 "${local_sha[$slug]-}")"
      if ! answered_ok answer; then
        errors=$((errors + 1))
      elif [[ ${answer[data.status]-} == deleted ]]; then
        remove_skill "$slug" && removed=$((removed + 1))
      elif [[ ${answer[data.status]-} == updated && -v answer[data.manifest] ]]; then
        write_decoded "$dir/$slug/SKILL.md" "${answer[data.manifest]}"
        updated=$((updated + 1))
      fi
    fi
    listed+=("$slug")
  done
  local_index_skills local_sha
  baseline_of baseline local_sha ${listed[@]+"${listed[@]}"}
  write_baseline baseline "$CODEX_DIR/.skill-baseline.json"
  RUN[skills_local]=${#local_sha[@]}
  RUN[skills_remote]=$count
  RUN[skills_state]="ok updated=$updated errors=$errors remote=$count local=${#local_sha[@]} removed=$removed"
}

# retrieve_document REPLY PATH FILE: the shared flow of AGENTS.md and config.toml; prints the state.
retrieve_document() {
  local -n document_reply=$1
  local path=$2 file=$3 sha=''
  [[ -f $file ]] && sha=$(sha256_of "$file")
  api_request document_reply POST "$path" "$(json_fields sha256 "$sha")"
  if ! answered_ok document_reply; then
    printf '%s %s' "$(pull_failure_state document_reply)" "$(failure_reason document_reply)"
    return 0
  fi
  case "${document_reply[data.status]-}" in
    missing)
      rm -f "$file"
      printf 'missing'
      ;;
    updated)
      write_decoded "$file" "${document_reply[data.content]-}"
      printf 'updated'
      ;;
    *) printf 'unchanged' ;;
  esac
}

pull_agents() {
  pull_allowed agents_state || return 0
  local -A doc=()
  RUN[agents_state]=$(retrieve_document doc /agents/retrieve "$CODEX_DIR/AGENTS.md")
}

# shellcheck disable=SC2034 # doc is filled through namerefs
pull_config() {
  pull_allowed config_state || return 0
  local -A doc=()
  local state
  # retrieve_document runs in this shell (not a subshell) so that doc keeps the answer for the profile files.
  retrieve_document doc /config/retrieve "$CODEX_DIR/config.toml" >"$WORK_DIR/config-state"
  state=$(<"$WORK_DIR/config-state")
  RUN[config_state]=$state
  case "$state" in
    updated) sync_profile_files doc ;;
    missing) remove_profile_files_except ;;
  esac
  return 0
}

# Profile files of docs/cdx-protocol.md 5: written as listed; those written before and no longer listed go.
sync_profile_files() {
  local -n config_answer=$1
  local i count name file
  local -a written=()
  count=${config_answer[data.profiles.#]:-0}
  for ((i = 0; i < count; i++)); do
    decode_to file "${config_answer[data.profiles.$i.filename]-}"
    decode_to name "${config_answer[data.profiles.$i.name]-}"
    [[ $file =~ $NAME_PATTERN && $file != *..* && $file != config.toml ]] || { log_warn "Ignoring profile file name '$file'"; continue; }
    write_decoded "$CODEX_DIR/$file" "${config_answer[data.profiles.$i.content]-}"
    written+=("$file")
    log_debug "profile $name -> $file"
  done
  remove_profile_files_except "${written[@]}"
  printf '%s\n' "${written[@]}" >"$CODEX_DIR/.profile-baseline"
  [[ ${#written[@]} -gt 0 ]] || rm -f "$CODEX_DIR/.profile-baseline"
  decode_to name "${config_answer[data.default_profile]-}"
  if [[ $name =~ ^[A-Za-z0-9_-]+$ ]]; then
    printf '%s\n' "$name" >"$CODEX_DIR/.profile-default"
  else
    rm -f "$CODEX_DIR/.profile-default"
  fi
}

remove_profile_files_except() {
  local old keep
  [[ -f $CODEX_DIR/.profile-baseline ]] || return 0
  while IFS= read -r old; do
    [[ $old =~ $NAME_PATTERN && $old != config.toml ]] || continue
    for keep in "$@"; do [[ $keep == "$old" ]] && continue 2; done
    rm -f "${CODEX_DIR:?}/$old"
  done <"$CODEX_DIR/.profile-baseline"
  (($# > 0)) || rm -f "$CODEX_DIR/.profile-baseline" "$CODEX_DIR/.profile-default"
}

pull_artifacts() {
  pull_prompts
  pull_skills
  pull_agents
  pull_config
}

