#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/scenario-reference.md must be exactly `cisim schema`, and docs/metrics.md exactly
# `cisim schema metrics`. Refresh on purpose with:
#   build/cisim schema > docs/scenario-reference.md; build/cisim schema metrics > docs/metrics.md
# Usage: schema_reference.sh CISIM SOURCE_DIR
set -u
passed=0
failed=0
for pair in "scenario:docs/scenario-reference.md" "metrics:docs/metrics.md"; do
  subject="${pair%%:*}"
  file="$2/${pair#*:}"
  if diff <("$1" schema "$subject") "$file" > /dev/null; then
    passed=$((passed + 1))
  else
    diff <("$1" schema "$subject") "$file" | head -20
    echo "${pair#*:} differs from 'cisim schema $subject'; refresh it with: build/cisim schema $subject > ${pair#*:}"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
