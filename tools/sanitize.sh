#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# AddressSanitizer and UndefinedBehaviorSanitizer build (build-asan/) of the unit and CLI
# tests: any memory error or undefined behaviour fails the run. About 12 minutes to build on
# 2 cores, then about 2 minutes of tests; not yet part of tools/test.sh (issue 12, section 4).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
cisim_install_deps
cmake -S . -B build-asan -G Ninja -DCISIM_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCISIM_WARNINGS_AS_ERRORS=ON
cmake --build build-asan --parallel "$(nproc)"
# tests/cli/lib.sh bounds memory with ASan's own limit instead of ulimit -v under this flag.
export CISIM_SANITIZED=1
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
cd build-asan
exec ctest -L "unit|cli" --output-on-failure --parallel "$(nproc)" --timeout 900
