# cdx, Artifact pulls (spec/cdx.md 6). One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

# A profile file is <name>.config.toml and nothing else (docs/cdx-protocol.md 5): the server names it, and a name such as
# auth.json or history.jsonl would let it overwrite or delete any file of ~/.codex.
readonly PROFILE_FILE_PATTERN='^[A-Za-z0-9_-]+\.config\.toml$'

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

# fetch_changed PATH FIELD CONTENT WRITE REMOVE SHAS NAME...: one retrieve per changed NAME (FIELD=NAME with the
# sha256 of the host's copy from the array SHAS), made together, then applied in the listing's order: WRITE NAME TEXT
# for an update that carries CONTENT, REMOVE NAME for a deletion (counted when it removed something). Adds to the
# calling pull's updated, removed and errors.
fetch_changed() {
  local path=$1 field=$2 content=$3 write=$4 remove=$5 i
  local -n held_shas=$6
  shift 6
  local -a names=("$@") calls=()
  for i in "${!names[@]}"; do
    local -A "fetched_$i"
    calls+=("fetched_$i" POST "$path" "$(json_fields "$field" "${names[$i]}" sha256 "${held_shas[${names[$i]}]-}")" 20)
  done
  ((${#calls[@]} == 0)) || api_requests_together "${calls[@]}"
  for i in "${!names[@]}"; do
    local -n fetched=fetched_$i
    if ! answered_ok fetched; then
      errors=$((errors + 1))
    elif [[ ${fetched[data.status]-} == deleted ]]; then
      "$remove" "${names[$i]}" && removed=$((removed + 1))
    elif [[ ${fetched[data.status]-} == updated && -n ${fetched[data.$content]+set} ]]; then
      if "$write" "${names[$i]}" "${fetched[data.$content]}"; then
        updated=$((updated + 1))
      else
        errors=$((errors + 1))
      fi
    fi
    unset -n fetched
  done
}

# shellcheck disable=SC2317 # called by fetch_changed
write_prompt() { write_decoded "$CODEX_DIR/prompts/$1" "$2"; }

# shellcheck disable=SC2317 # called by fetch_changed
remove_prompt() { rm -f "$CODEX_DIR/prompts/$1"; }

# pull_prompts LISTING: the prompts as the GET /slash-commands answer in LISTING lists them.
pull_prompts() {
  pull_allowed prompts_state || return 0
  local -n prompt_listing=$1
  local -A local_sha=() baseline=()
  local -a listed=() changed=()
  local i count name sha deleted updated=0 removed=0 errors=0 dir="$CODEX_DIR/prompts"
  if ! answered_ok prompt_listing; then
    RUN[prompts_state]="$(pull_failure_state prompt_listing) $(failure_reason prompt_listing)"
    return 0
  fi
  if [[ ! -d $dir ]] && ! mkdir -p "$dir" 2>/dev/null; then
    RUN[prompts_state]="error cannot create $dir"
    return 0
  fi
  local_index_prompts local_sha
  whole_number_to count "${prompt_listing[data.commands.#]-}"
  for ((i = 0; i < count; i++)); do
    decode_to name "${prompt_listing[data.commands.$i.filename]-}"
    sha=${prompt_listing[data.commands.$i.sha256]-}
    deleted=${prompt_listing[data.commands.$i.deleted_at]-}
    [[ $name =~ $NAME_PATTERN && $name != *..* ]] || continue
    if [[ -n $deleted ]]; then
      [[ -f $dir/$name ]] && rm -f "$dir/$name" && removed=$((removed + 1))
      continue
    fi
    [[ -n $sha && $sha != "${local_sha[$name]-}" ]] && changed+=("$name")
    listed+=("$name")
  done
  fetch_changed /slash-commands/retrieve filename prompt write_prompt remove_prompt local_sha ${changed[@]+"${changed[@]}"}
  local_index_prompts local_sha
  baseline_of baseline local_sha ${listed[@]+"${listed[@]}"}
  write_baseline baseline "$CODEX_DIR/.prompt-baseline.json" || errors=$((errors + 1))
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

# A legacy plain file becomes <slug>/SKILL.md (a file and a folder cannot share the name). Each step is checked (the
# pull goes on after a failure); a failed step puts the file back where it was.
migrate_legacy_skill() {
  local dir="$CODEX_DIR/skills" slug=$1 tmp
  [[ -f $dir/$slug && ! -d $dir/$slug ]] || return 0
  tmp=$(mktemp "$dir/.cdx-migrate.XXXXXX") || return 1
  if ! mv -f "$dir/$slug" "$tmp"; then
    rm -f "$tmp"
    return 1
  fi
  mkdir "$dir/$slug" && mv -f "$tmp" "$dir/$slug/SKILL.md" && return 0
  rmdir "$dir/$slug" 2>/dev/null
  mv -f "$tmp" "$dir/$slug" || log_warn "The skill file $slug could not be put back; it is in $tmp"
  return 1
}

# shellcheck disable=SC2317 # called by fetch_changed
write_skill() { write_decoded "$CODEX_DIR/skills/$1/SKILL.md" "$2"; }

remove_skill() {
  local path="$CODEX_DIR/skills/$1"
  [[ -e $path ]] || return 1
  rm -rf "$path"
}

# pull_skills LISTING: the skills as the GET /skills answer in LISTING lists them.
pull_skills() {
  pull_allowed skills_state || return 0
  local -n skill_listing=$1
  local -A local_sha=() baseline=()
  local -a listed=() changed=()
  local i count slug sha deleted updated=0 removed=0 errors=0 dir="$CODEX_DIR/skills"
  if ! answered_ok skill_listing; then
    RUN[skills_state]="$(pull_failure_state skill_listing) $(failure_reason skill_listing)"
    return 0
  fi
  if [[ ! -d $dir ]] && ! mkdir -p "$dir" 2>/dev/null; then
    RUN[skills_state]="error cannot create $dir"
    return 0
  fi
  local_index_skills local_sha
  whole_number_to count "${skill_listing[data.skills.#]-}"
  for ((i = 0; i < count; i++)); do
    decode_to slug "${skill_listing[data.skills.$i.slug]-}"
    sha=${skill_listing[data.skills.$i.sha256]-}
    deleted=${skill_listing[data.skills.$i.deleted_at]-}
    [[ $slug =~ $NAME_PATTERN && $slug != *..* ]] || continue
    if [[ -n $deleted ]]; then
      remove_skill "$slug" && removed=$((removed + 1))
      continue
    fi
    if ! migrate_legacy_skill "$slug"; then
      errors=$((errors + 1))
      listed+=("$slug")
      continue
    fi
    [[ -n $sha && $sha != "${local_sha[$slug]-}" ]] && changed+=("$slug")
    listed+=("$slug")
  done
  fetch_changed /skills/retrieve slug manifest write_skill remove_skill local_sha ${changed[@]+"${changed[@]}"}
  local_index_skills local_sha
  baseline_of baseline local_sha ${listed[@]+"${listed[@]}"}
  write_baseline baseline "$CODEX_DIR/.skill-baseline.json" || errors=$((errors + 1))
  RUN[skills_local]=${#local_sha[@]}
  RUN[skills_remote]=$count
  RUN[skills_state]="ok updated=$updated errors=$errors remote=$count local=${#local_sha[@]} removed=$removed"
}

# document_request FILE: the body of a document retrieve, with the sha256 of the copy this host holds.
document_request() {
  local sha=''
  [[ -f $1 ]] && sha=$(sha256_of "$1")
  json_fields sha256 "$sha"
}

# apply_document REPLY FILE: the shared flow of AGENTS.md and config.toml, from the retrieve's answer; prints the state.
apply_document() {
  local -n document_reply=$1
  local file=$2
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
      if write_decoded "$file" "${document_reply[data.content]-}"; then printf 'updated'; else printf 'error cannot write %s' "$file"; fi
      ;;
    *) printf 'unchanged' ;;
  esac
}

pull_agents() {
  pull_allowed agents_state || return 0
  RUN[agents_state]=$(apply_document "$1" "$CODEX_DIR/AGENTS.md")
}

# pull_config REPLY: config.toml and its profile files from the /config/retrieve answer in REPLY.
pull_config() {
  pull_allowed config_state || return 0
  local state
  state=$(apply_document "$1" "$CODEX_DIR/config.toml")
  RUN[config_state]=$state
  case "$state" in
    updated) sync_profile_files "$1" ;;
    missing) remove_profile_files_except ;;
  esac
  return 0
}

# Profile files of docs/cdx-protocol.md 5: written as listed; those written before and no longer listed go.
sync_profile_files() {
  local -n config_answer=$1
  local i count name file
  local -a written=()
  whole_number_to count "${config_answer[data.profiles.#]-}"
  for ((i = 0; i < count; i++)); do
    decode_to file "${config_answer[data.profiles.$i.filename]-}"
    decode_to name "${config_answer[data.profiles.$i.name]-}"
    [[ $file =~ $PROFILE_FILE_PATTERN ]] || { log_warn "Ignoring profile file name '${file:0:80}'"; continue; }
    # A profile not written keeps its previous copy: it stays listed, so it is not removed below.
    write_decoded "$CODEX_DIR/$file" "${config_answer[data.profiles.$i.content]-}" || RUN[config_state]="error cannot write $file"
    written+=("$file")
    log_debug "profile $name -> $file"
  done
  remove_profile_files_except "${written[@]}"
  if ((${#written[@]} == 0)); then
    rm -f "$CODEX_DIR/.profile-baseline"
  elif ! printf '%s\n' "${written[@]}" >"$CODEX_DIR/.profile-baseline"; then
    log_warn "Cannot write $CODEX_DIR/.profile-baseline"
  fi
  decode_to name "${config_answer[data.default_profile]-}"
  if [[ $name =~ ^[A-Za-z0-9_-]+$ ]]; then
    printf '%s\n' "$name" >"$CODEX_DIR/.profile-default" || log_warn "Cannot write $CODEX_DIR/.profile-default"
  else
    rm -f "$CODEX_DIR/.profile-default"
  fi
}

remove_profile_files_except() {
  local old keep
  [[ -f $CODEX_DIR/.profile-baseline ]] || return 0
  while IFS= read -r old; do
    [[ $old =~ $PROFILE_FILE_PATTERN ]] || continue
    for keep in "$@"; do [[ $keep == "$old" ]] && continue 2; done
    rm -f "${CODEX_DIR:?}/$old"
  done <"$CODEX_DIR/.profile-baseline"
  (($# > 0)) || rm -f "$CODEX_DIR/.profile-baseline" "$CODEX_DIR/.profile-default"
}

# After the auth sync, the Claude Code token and the artifact pulls (spec/cdx.md 4.8, each independent and non-fatal)
# ask the server together: one curl and one connection for the five first calls; the prompts and skills that changed
# are then fetched together too (pull_prompts, pull_skills).
# shellcheck disable=SC2034 # the answers are filled and read through namerefs
pull_artifacts() {
  local -A token_reply=() prompts_reply=() skills_reply=() agents_reply=() config_reply=()
  if [[ ${RUN[auth_status]} == ok ]]; then
    api_requests_together token_reply POST /claude/retrieve "$(claude_token_request)" 15 \
      prompts_reply GET /slash-commands '' 20 skills_reply GET /skills '' 20 \
      agents_reply POST /agents/retrieve "$(document_request "$CODEX_DIR/AGENTS.md")" 20 \
      config_reply POST /config/retrieve "$(document_request "$CODEX_DIR/config.toml")" 20
  fi
  sync_claude_token token_reply
  pull_prompts prompts_reply
  pull_skills skills_reply
  pull_agents agents_reply
  pull_config config_reply
}
