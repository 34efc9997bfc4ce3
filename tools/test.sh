#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What CI runs: install dependencies, build with warnings as errors, run the whole suite.
# ctest's closing line is the last thing printed; the exit code is ctest's.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
cisim_install_deps
cisim_build -DCISIM_WARNINGS_AS_ERRORS=ON
cd build
exec ctest --output-on-failure --parallel "$(nproc)" --timeout 600
