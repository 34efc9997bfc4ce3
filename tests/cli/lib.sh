# SPDX-License-Identifier: MIT
# Shared by the CLI test scripts: `check` runs one command and matches its exit code and
# output; `finish` prints the closing "N passed, N failed" line and sets the exit status.
# Every command runs under a 20 s timeout and a 1 GiB memory limit, so a hang or a runaway
# allocation fails the case instead of the machine. The limit is on address space, except
# under AddressSanitizer (CISIM_SANITIZED=1), which reserves terabytes of address space at
# start: there ASan's own resident-memory limit bounds the same 1 GiB.
passed=0
failed=0
if [ "${CISIM_SANITIZED:-0}" = 1 ]; then
  export ASAN_OPTIONS="hard_rss_limit_mb=1024:detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
  memory_limit=unlimited
  time_limit=60
else
  memory_limit=1048576
  time_limit=20
fi

check() {  # check NAME EXPECTED_EXIT PATTERN COMMAND...
  local name="$1" code="$2" pattern="$3"
  shift 3
  local out status
  out="$( (ulimit -v "$memory_limit"; timeout "$time_limit" "$@") 2>&1)"
  status=$?
  if [ "$status" -eq "$code" ] && grep -qE -- "$pattern" <<<"$out"; then
    passed=$((passed + 1))
  else
    echo "FAIL $name: exit code $status (expected $code); output:"
    head -8 <<<"$out"
    failed=$((failed + 1))
  fi
}

pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
