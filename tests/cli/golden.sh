#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Each tests/golden/*.yaml run gives a summary.json byte-identical to the one beside it.
# After a deliberate change of results: tools/refresh_golden.sh, then review git diff.
# Usage: golden.sh CISIM SOURCE_DIR
set -u
cisim="$(realpath "$1")"
cd "$2"
passed=0
failed=0
for scenario in tests/golden/*.yaml; do
  dir="$(mktemp -d)"
  "$cisim" run "$scenario" --out "$dir" --quiet
  if cmp -s "$dir/summary.json" "${scenario%.yaml}.summary.json"; then
    passed=$((passed + 1))
  else
    echo "FAIL $scenario: summary.json differs from ${scenario%.yaml}.summary.json (tools/refresh_golden.sh after review)"
    diff "$dir/summary.json" "${scenario%.yaml}.summary.json" | head -20
    failed=$((failed + 1))
  fi
  rm -rf "$dir"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
