# SPDX-License-Identifier: MIT
# Shared by the CLI test scripts: `check` runs one command and matches its exit code and
# output; `finish` prints the closing "N passed, N failed" line and sets the exit status.
# Every command runs under a 20 s timeout and a 1 GiB address-space limit, so a hang or a
# runaway allocation fails the case instead of the machine.
passed=0
failed=0

check() {  # check NAME EXPECTED_EXIT PATTERN COMMAND...
  local name="$1" code="$2" pattern="$3"
  shift 3
  local out status
  out="$( (ulimit -v 1048576; timeout 20 "$@") 2>&1)"
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
