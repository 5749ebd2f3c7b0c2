# cdx, main: the order of one launch. One part of wrapper/cdx.d; wrapper/assemble joins the parts in name order into the script hosts get.
set -euo pipefail

main() {
  setup_colours
  parse_args "$@"
  case "$MODE" in
    version)
      printf 'cdx wrapper %s\n' "$WRAPPER_VERSION"
      exit 0
      ;;
    execute) run_execute "${CODEX_ARGS[@]}" ;;
  esac
  load_settings
  [[ $MODE == mcp_headers ]] && print_mcp_headers
  setup_work_dir
  case "$MODE" in
    login) cdx_login ;;
    logout) cdx_logout ;;
    whoami) cdx_whoami ;;
    claude) run_claude "${CODEX_ARGS[@]}" ;;
  esac
  detect_privileges
  [[ $MODE == uninstall ]] && uninstall "${CODEX_ARGS[@]}"
  self_path >/dev/null
  resolve_codex_binary
  ensure_host_tools
  read_local_codex_version
  sync_auth
  pull_artifacts
  record_auth_baseline
  show_banner
  update_codex
  update_wrapper
  [[ $MODE == update ]] && finish_update
  if [[ ${RUN[wrapper_replaced]:-} == 1 ]]; then
    restart_wrapper
  fi
  show_summary
  launch_gate
  run_codex_session
}

main "$@"
