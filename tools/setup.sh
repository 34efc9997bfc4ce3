#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Quick start, step 1: install dependencies, build into build/, run the flagship scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
cisim_install_deps
# The same configuration tools/test.sh builds with, so that the test run after it builds
# nothing again (a changed cache variable would rebuild the whole tree).
cisim_build -DCISIM_WARNINGS_AS_ERRORS=ON
echo
# The flagship: Operation Mega Flex 2019, 20 replications (about half a minute on one core).
build/cisim --version
mkdir -p reports
build/cisim run scenarios/mega_flex_2019.yaml --report reports/mega_flex_2019.html
echo
echo "The same as a page with charts (opens in any browser, no network needed):"
echo "  $(pwd)/reports/mega_flex_2019.html"
