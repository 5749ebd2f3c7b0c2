# The installer template rendered as the server renders it, and the command an admin pastes (install.bats, tls.bats).

INSTALLER_TEMPLATE="$BATS_TEST_DIRNAME/../../ejb-module/src/main/resources/dev/codexauth/host/control/install.sh"

# render_installer [NAME=VALUE ...]: __NAME__ tokens replaced by single-quoted values, as ShellScript.render does.
render_installer() {
  local -A values=([BASE_URL]=$STUB_URL [API_KEY]=$TEST_KEY [FQDN]=test.fleet [CODEX_VERSION]=0.169.0 [FORCE_IPV4]=0
    [CURL_INSECURE]=0 [EXPIRES_AT]=2099-01-01T00:00:00+00:00)
  local pair name script
  for pair in "$@"; do values[${pair%%=*}]=${pair#*=}; done
  script=$(<"$INSTALLER_TEMPLATE")
  for name in "${!values[@]}"; do script=${script//"__${name}__"/"'${values[$name]//\'/\'\\\'\'}'"}; done
  printf '%s\n' "$script" >"$BATS_TEST_TMPDIR/install.sh"
  { printf '200\n\n'; cat "$BATS_TEST_TMPDIR/install.sh"; } >"$STUB_STATE/routes/GET_install_token"
}

# The pasted command, as the admin gets it.
run_pasted() { run bash -c "curl -sSL '$STUB_URL/install/token' | bash"; }

