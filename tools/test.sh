#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What CI runs: install dependencies, build with warnings as errors, run the whole suite, then
# the three sanitizer passes on their own clang builds (build-san/, build-tsan/):
#   tools/sanitize.sh  ASan + UBSan: the unit and CLI tests        (about 4 minutes)
#   tools/fuzz.sh 60   libFuzzer on the scenario loader and --set   (about 1 minute)
#   tools/tsan.sh      TSan: run, sweep and solve on 2 threads      (about 1 minute)
# CISIM_SANITIZERS=0 skips the three passes (for a quick local run; CI always runs them).
# Every part runs even when an earlier one fails; the closing line says which failed, and
# the exit code is non-zero if any did.
set -uo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
set +e
failed=()
step() {  # step NAME COMMAND...
  local name="$1"
  shift
  local start=$SECONDS
  echo
  echo "=== cisim test: $name"
  "$@"
  local rc=$?
  echo "=== cisim test: $name: $([ $rc = 0 ] && echo passed || echo "FAILED (exit $rc)") in $((SECONDS - start)) s"
  [ $rc = 0 ] || failed+=("$name")
  return $rc
}
# The suite includes the HTML report's test in headless Chromium, the Python module's pytest
# suite and a sweep on a real one-node Slurm: the browser, python and cluster groups too.
build_main() { cisim_install_deps browser python cluster && cisim_build -DCISIM_WARNINGS_AS_ERRORS=ON; }
suite() { (cd build && ctest --output-on-failure --parallel "$(nproc)" --timeout 600); }
if step build build_main; then
  step suite suite
fi
if [ "${CISIM_SANITIZERS:-1}" != 0 ]; then
  step "asan+ubsan" tools/sanitize.sh
  step fuzz tools/fuzz.sh 60
  step tsan tools/tsan.sh
fi
echo
if [ ${#failed[@]} -eq 0 ]; then
  echo "cisim test: all passed in $SECONDS s"
  exit 0
fi
echo "cisim test: FAILED: ${failed[*]} (after $SECONDS s)"
exit 1
