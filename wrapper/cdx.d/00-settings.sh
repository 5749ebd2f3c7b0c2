#!/usr/bin/env bash
# cdx: runs the Codex CLI with the fleet's canonical auth.json, config.toml, prompts, skills and AGENTS.md, keeps
# Codex and itself on the versions the server chooses, decides whether Codex may start, then reports token usage
# and pushes local changes back. Behaviour: spec/cdx.md; wire format: docs/cdx-protocol.md (the server answers in
# lines that bash reads, so a host needs no python3 and no jq). Needs bash >= 4.3, curl, coreutils, awk, sed, grep.
set -euo pipefail

WRAPPER_VERSION="2026.12.07-06"

# Baked per host when the server renders this script; a token left unreplaced falls back to the default below.
# The API key is not baked any more (it lives in a key file, see 05-key.sh); only a copy served to a wrapper older
# than this one carries it, and that copy moves it into the key file on its first run.
BAKED_BASE_URL="__CODEX_SYNC_BASE_URL__"
BAKED_API_KEY="__CODEX_SYNC_API_KEY__"
BAKED_FQDN="__CODEX_SYNC_FQDN__"
BAKED_CA_FILE="__CODEX_SYNC_CA_FILE__"
BAKED_HOST_SECURE="__CODEX_HOST_SECURE__"
BAKED_FORCE_IPV4="__CODEX_FORCE_IPV4__"
BAKED_INSTALLATION_ID="__CODEX_INSTALLATION_ID__"
BAKED_SILENT="__CODEX_SILENT__"
BAKED_ALLOW_INSECURE="__CODEX_SYNC_ALLOW_INSECURE__"
BAKED_HOST_MODEL="__CODEX_HOST_MODEL__"
BAKED_HOST_REASONING_EFFORT="__CODEX_HOST_REASONING_EFFORT__"

readonly NAME_PATTERN='^[A-Za-z0-9._-]+$'
readonly TLS_CURL_FAILURES=" 35 51 53 54 58 59 60 64 66 77 80 82 83 90 91 "
# Calls one curl run makes at most (api_requests_together): its command line stays far below the kernel's limit.
readonly CALLS_PER_CURL_RUN=100

# Run state shared by the steps of one launch: statuses and labels for the summary, the last /auth answer.
declare -A RUN=()
declare -A AUTH=()
ORIGINAL_ARGS=()
CODEX_ARGS=()
KNOWN_USERS=()

# ---------------------------------------------------------------------------------------------------------------
# Output

setup_colours() {
  if [[ -t 1 ]]; then
    C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_ORANGE=$'\e[38;5;208m' C_DIM=$'\e[2m' C_RESET=$'\e[0m'
  else
    C_RED='' C_GREEN='' C_YELLOW='' C_ORANGE='' C_DIM='' C_RESET=''
  fi
}

is_silent() { [[ ${RUN[silent]:-0} == 1 ]]; }

log_info() { is_silent || printf '%s %s\n' "${LOG_PREFIX_INFO:-»}" "$*"; }
log_warn() { is_silent || printf '%s%s %s%s\n' "$C_YELLOW" "${LOG_PREFIX_WARN:-!}" "$*" "$C_RESET" >&2; }
log_error() { printf '%s%s %s%s\n' "$C_RED" "${LOG_PREFIX_ERROR:-x}" "$*" "$C_RESET" >&2; }
log_debug() {
  [[ ${CODEX_DEBUG:-0} == 1 ]] && ! is_silent && printf '[debug] %s\n' "$*" >&2
  return 0
}
die() {
  log_error "$*"
  exit 1
}

is_truthy() {
  case "${1,,}" in
    1 | true | yes | on | y | t) return 0 ;;
    *) return 1 ;;
  esac
}

is_number() { [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]]; }

# whole_number_to NAME VALUE [OTHERWISE]: NAME gets VALUE when it is a whole number (digits, read in base 10 whatever
# its leading zeros: $(( )) reads 08 as a broken octal number), else OTHERWISE (0). A value from an answer never
# reaches arithmetic unchecked: bash evaluates a variable's text there, command substitutions in array subscripts
# included, so a list length of "RUN[$(command)]" would run the command.
whole_number_to() {
  if [[ $2 =~ ^[0-9]{1,9}$ ]]; then printf -v "$1" '%d' "$((10#$2))"; else printf -v "$1" '%d' "${3:-0}"; fi
}

# The integer part of a JSON number (percentages and seconds may come as floats).
int_of() {
  local value=${1%%.*}
  [[ $value =~ ^[0-9]+$ ]] && printf '%d' "$((10#$value))" || printf '0'
}

# ---------------------------------------------------------------------------------------------------------------
# Settings and command line

# baked NAME VALUE FALLBACK: NAME gets the baked VALUE, or FALLBACK when the server left its token in place. Through a
# nameref, not a command substitution: every launch and every MCP connection of Codex (cdx --mcp-headers) reads them.
# shellcheck disable=SC2034 # sets the caller's variable through a nameref
baked() {
  local -n baked_out=$1
  if [[ $2 == __CODEX_*__ ]]; then baked_out=$3; else baked_out=$2; fi
}

# first_existing NAME FILE...: NAME gets the first FILE that exists, else stays as it is.
# shellcheck disable=SC2034 # sets the caller's variable through a nameref
first_existing() {
  local -n existing_out=$1
  local file
  shift
  for file in "$@"; do [[ -f $file ]] && { existing_out=$file; return 0; }; done
  return 0
}

load_settings() {
  local allow_insecure secure silent key_dir=.
  baked BASE_URL "$BAKED_BASE_URL" ''
  BASE_URL=${BASE_URL%/}
  KEY_FILE_USER=${CDX_API_KEY_FILE:-${XDG_CONFIG_HOME:-$HOME/.config}/cdx/api-key}
  KEY_FILE_SYSTEM=${CDX_SYSTEM_CONFIG_DIR:-/etc/cdx}/api-key
  baked API_KEY "$BAKED_API_KEY" ''
  RUN[key_source]=baked
  [[ -n $API_KEY ]] || load_api_key
  baked HOST_FQDN "$BAKED_FQDN" ''
  baked CA_FILE "$BAKED_CA_FILE" ''
  # A private CA lives beside the key (the installer copies CDX_CA_FILE there); the server bakes no path for it.
  [[ -n $CA_FILE ]] || CA_FILE=${CDX_CA_FILE:-}
  [[ $KEY_FILE_USER == */* ]] && key_dir=${KEY_FILE_USER%/*}
  [[ -n $CA_FILE ]] || first_existing CA_FILE "$key_dir/ca.pem" "${CDX_SYSTEM_CONFIG_DIR:-/etc/cdx}/ca.pem"
  baked FORCE_IPV4 "$BAKED_FORCE_IPV4" 0
  baked INSTALLATION_ID "$BAKED_INSTALLATION_ID" ''
  baked HOST_MODEL "$BAKED_HOST_MODEL" ''
  HOST_MODEL=${CODEX_HOST_MODEL:-$HOST_MODEL}
  baked HOST_EFFORT "$BAKED_HOST_REASONING_EFFORT" ''
  HOST_EFFORT=${CODEX_HOST_REASONING_EFFORT:-$HOST_EFFORT}
  # Unverified TLS only for a host an admin marked insecure (baked); the environment can only turn it back off.
  baked allow_insecure "$BAKED_ALLOW_INSECURE" 0
  if is_truthy "$allow_insecure" && ! [[ ${CODEX_SYNC_ALLOW_INSECURE-} =~ ^(0|false|no|off)$ ]]; then
    CODEX_SYNC_ALLOW_INSECURE=1
  else
    CODEX_SYNC_ALLOW_INSECURE=0
  fi
  export CODEX_SYNC_ALLOW_INSECURE
  CODEX_DIR=${CODEX_HOME:-$HOME/.codex}
  SYSTEM_BIN_DIR=${CDX_SYSTEM_BIN_DIR:-/usr/local/bin}
  CODEX_OPT_DIR=${CDX_CODEX_OPT_DIR:-/opt/codex}
  RELEASES_URL=${CDX_CODEX_RELEASES_URL:-https://api.github.com/repos/openai/codex/releases}
  baked secure "$BAKED_HOST_SECURE" 1
  RUN[secure]=$secure
  baked silent "$BAKED_SILENT" 0
  is_truthy "${CODEX_SILENT:-$silent}" && RUN[silent]=1 || RUN[silent]=0
}

parse_args() {
  ORIGINAL_ARGS=("$@")
  MODE=run
  case "${1-}" in
    --execute) MODE=execute ;;
    --wrapper-version | -W) MODE=version ;;
    --uninstall) MODE=uninstall ;;
    --update | -U) MODE=update ;;
    --mcp-headers) MODE=mcp_headers ;;
  esac
  [[ $MODE == run ]] || shift
  if [[ $MODE == execute ]]; then
    CODEX_ARGS=("$@")
    return
  fi
  if [[ ${1-} == --debug || ${1-} == --verbose ]]; then
    CODEX_DEBUG=1
    shift
  fi
  # Our own words (docs/cdx.md "Signing in"): `login` alone or with only our flags, `logout` and `whoami` alone,
  # `claude ...`. Every other `login` (`cdx login status`, `cdx login --with-api-key`) is Codex's.
  SIGNIN_NO_BROWSER=0 SIGNIN_ENROLL=0
  if [[ $MODE == run ]]; then
    case "${1-}" in
      login) if parse_login_flags "${@:2}"; then MODE=login; fi ;;
      logout | whoami) if (($# == 1)); then MODE=$1; fi ;;
      claude) MODE=claude ;;
    esac
  fi
  if [[ $MODE == login || $MODE == logout || $MODE == whoami || $MODE == claude ]]; then
    shift
    CODEX_ARGS=("$@")
    return 0
  fi
  PROFILE_CANDIDATE=''
  if [[ -n ${1-} && ${1-} != -* ]]; then
    PROFILE_CANDIDATE=$1
    shift
  fi
  CODEX_ARGS=("$@")
}

