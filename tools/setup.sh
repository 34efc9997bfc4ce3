#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Quick start, step 1: install dependencies, build into build/, run the flagship scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
cisim_install_deps
cisim_build
echo
# The flagship: Operation Mega Flex 2019, 20 replications (about half a minute on one core).
build/cisim --version
build/cisim run scenarios/mega_flex_2019.yaml
