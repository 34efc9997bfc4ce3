#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every file in tests/invalid/ must fail `cisim check` with exit code 2 and exactly the
# diagnostics in the .expected file beside it. Refresh after reviewing a deliberate change:
#   for f in tests/invalid/*.yaml; do build/cisim check "$f" > "${f%.yaml}.expected" 2>&1; done
# Usage: invalid_scenarios.sh CISIM SOURCE_DIR
set -u
cisim="$1"
cd "$2"
passed=0
failed=0
for scenario in tests/invalid/*.yaml; do
  expected="${scenario%.yaml}.expected"
  actual="$("$cisim" check "$scenario" 2>&1)"
  status=$?
  if [ "$status" -ne 2 ]; then
    echo "FAIL $scenario: exit code $status, expected 2"
    failed=$((failed + 1))
  elif [ "$actual" != "$(cat "$expected")" ]; then
    echo "FAIL $scenario: diagnostics differ from $expected"
    diff <(echo "$actual") "$expected" | head -20
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
