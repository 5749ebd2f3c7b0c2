# Once per bats run (bats 1.7+): one stub host API for every test (stub-server.js --per-test) and the files each test
# host starts with (helper.bash: setup_host, host_skeleton).

setup_suite() {
  source "$(dirname "${BASH_SOURCE[0]}")/helper.bash"
  export SHARED_STUB_ROOT="$BATS_RUN_TMPDIR/stubs" HOST_SKELETON="$BATS_RUN_TMPDIR/host-skeleton"
  mkdir -p "$SHARED_STUB_ROOT"
  host_skeleton "$HOST_SKELETON"
  # fd 3 closed: bats waits for whatever holds it open.
  node "$(dirname "${BASH_SOURCE[0]}")/stub-server.js" "$SHARED_STUB_ROOT" --per-test 3>&- &
  export SHARED_STUB_PID=$!
  wait_for_port "$SHARED_STUB_ROOT" 200 || { echo "the stub host API did not start" >&2; return 1; }
  export SHARED_STUB_URL="http://127.0.0.1:$(<"$SHARED_STUB_ROOT/port")"
}

teardown_suite() {
  kill "$SHARED_STUB_PID" 2>/dev/null || true
}
