# The end-to-end suite's view of the running server (started by payara-config's CdxEndToEndIT, which passes
# CDX_E2E_* variables): admin API calls, the database, JSON read with node (a host needs no JSON tool; tests may).

admin() {
  local method=$1 path=$2 body=${3-}
  curl -sS -X "$method" -H "Authorization: Bearer $CDX_E2E_ADMIN_TOKEN" -H 'Content-Type: application/json' \
    ${body:+--data-binary "$body"} "$CDX_E2E_BASE_URL/admin/api$path"
}

# json_get PATH < json: one value (dotted path) of a JSON document, "" when absent.
json_get() {
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);
    for (const k of process.argv[1].split(".")) v = v == null ? undefined : v[k];
    process.stdout.write(v == null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v))})' "$1"
}

# The bytes a host must hold for a JSON document: 2-space indent, ": " after keys, one trailing newline.
pretty_json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.stringify(JSON.parse(s),null,2)+"\n"))'; }

sql() {
  mariadb --protocol=tcp -h"$CDX_E2E_DB_HOST" -P"$CDX_E2E_DB_PORT" -u"$CDX_E2E_DB_USER" -p"$CDX_E2E_DB_PASSWORD" -N -B \
    "$CDX_E2E_DB_NAME" -e "$1"
}

# Whether the server has a host route yet (some are built by other branches): anything but 404 Route not found.
server_has_route() {
  local answer
  answer=$(curl -sS -X "$1" -H 'Content-Type: application/json' --data-binary '{}' "$CDX_E2E_BASE_URL$2")
  [[ $answer != *'"Route not found"'* ]]
}

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

# An auth.json the way Codex writes it after a ChatGPT sign-in (the id_token is a JWT Codex can read).
chatgpt_auth() {
  local refreshed=$1 salt=$2 header payload
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"email":"e2e@fleet.test","https://api.openai.com/auth":{"chatgpt_plan_type":"pro","chatgpt_account_id":"acct-e2e"},"exp":4102444800}' | b64url)
  printf '{"OPENAI_API_KEY":null,"tokens":{"id_token":"%s.%s.%s","access_token":"access-%s-%s","refresh_token":"refresh-%s-%s","account_id":"acct-e2e"},"last_refresh":"%s"}' \
    "$header" "$payload" "$(printf 'signature-%s' "$salt" | b64url)" "$salt" "$(printf '%064d' 7)" "$salt" "$(printf '%064d' 9)" "$refreshed"
}

iso_time() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }

# The stand-in codex of the suite: records its arguments, prints a token-usage line, exits with FAKE_CODEX_EXIT.
write_fake_codex() {
  cat >"$1" <<'CODEX'
#!/usr/bin/env bash
if [[ ${1-} == -V || ${1-} == --version ]]; then echo "codex-cli 0.169.0"; exit 0; fi
printf '%s\n' "$*" >>"${FAKE_CODEX_LOG:-/dev/null}"
printf 'Token usage: total=2,345 input=2,000 (+ 300 cached) output=345 (reasoning 45)\n'
exit "${FAKE_CODEX_EXIT:-0}"
CODEX
  chmod 755 "$1"
}
