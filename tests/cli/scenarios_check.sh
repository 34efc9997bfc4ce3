#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every scenario in scenarios/ passes `cisim check` (exit code 0).
# Usage: scenarios_check.sh CISIM SOURCE_DIR
set -u
cd "$2"
passed=0
failed=0
for scenario in scenarios/*.yaml; do
  if out="$("$1" check "$scenario" 2>&1)"; then
    passed=$((passed + 1))
  else
    echo "FAIL $scenario:"
    echo "$out"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
