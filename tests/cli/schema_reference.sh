#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/scenario-reference.md must be exactly `cisim schema`. Refresh on purpose with:
#   build/cisim schema > docs/scenario-reference.md
# Usage: schema_reference.sh CISIM SOURCE_DIR
set -u
if diff <("$1" schema) "$2/docs/scenario-reference.md" > /dev/null; then
  echo "1 passed, 0 failed"
else
  diff <("$1" schema) "$2/docs/scenario-reference.md" | head -20
  echo "docs/scenario-reference.md differs from 'cisim schema'; refresh it with: build/cisim schema > docs/scenario-reference.md"
  echo "0 passed, 1 failed"
  exit 1
fi
