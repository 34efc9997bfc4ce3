#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Quick start, step 1: install dependencies, build into build/, run the flagship scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
cisim_install_deps
cisim_build
echo
# The flagship run; it becomes the Mega Flex scenario once the customs model exists (issue 5).
build/cisim --version
build/cisim run scenarios/queue_mmc.yaml
