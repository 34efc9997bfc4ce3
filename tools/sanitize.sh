#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# AddressSanitizer and UndefinedBehaviorSanitizer: a clang build (build-san/) of cisim, the unit
# tests and the fuzzer, then the unit and CLI tests on it. Any memory error or undefined
# behaviour fails the run. About 2 minutes to build and 2 minutes of tests on 2 cores.
# tools/test.sh runs it after the main suite; tools/fuzz.sh uses the same build.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
cisim_install_deps sanitizers
cisim_build_clang build-san CISIM_SANITIZE cisim cisim_tests cisim_fuzz_scenario
# tests/cli/lib.sh bounds memory with ASan's own limit instead of ulimit -v under this flag.
export CISIM_SANITIZED=1
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
cd build-san
exec ctest -L "unit|cli" --output-on-failure --parallel "$(nproc)" --timeout 900
