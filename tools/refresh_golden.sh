#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Refreshes the golden outputs in tests/golden/ after a deliberate change of results; review
# the diff (git diff tests/golden) before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
for scenario in tests/golden/*.yaml; do
  dir="$(mktemp -d)"
  build/cisim run "$scenario" --out "$dir" --quiet
  cp "$dir/summary.json" "${scenario%.yaml}.summary.json"
  rm -rf "$dir"
  echo "refreshed ${scenario%.yaml}.summary.json"
done
