#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerates docs/validation.md: runs every published case (about 4 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
cisim_build > /dev/null
build/cisim_validate . > docs/validation.md.tmp
mv docs/validation.md.tmp docs/validation.md
cat docs/validation.md
