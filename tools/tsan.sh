#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ThreadSanitizer: a clang build (build-tsan/) of cisim, then `run` (many replications, and the
# parts of one replication), `sweep` and `solve` on two threads over short scenarios. Any data race fails the run; so does a result on two threads that
# differs from the one-thread result (replications are meant to share nothing).
# About a minute to build and a minute to run on 2 cores; tools/test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
cisim_install_deps sanitizers
cisim_build_clang build-tsan CISIM_SANITIZE_THREAD cisim
cisim="$(pwd)/build-tsan/cisim"
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
check() {  # check NAME COMMAND...: runs it, and fails the pass on a non-zero exit (a race is 66)
  local name="$1"
  shift
  if "$@" >"$work/$name.out" 2>&1; then
    echo "ok    $name"
  else
    echo "FAIL  $name (exit $?)"
    sed 's/^/      /' "$work/$name.out" | head -60
    failed=1
  fi
}
# Short scenarios that still exercise break-bulk, sellers and the release program.
short=(--set horizon=7d)
for scenario in breakbulk_mx_ca platform_practices release_program_csp1; do
  check "run-$scenario-1-thread" "$cisim" run "scenarios/$scenario.yaml" "${short[@]}" -r 4 -t 1 -q --format json
  check "run-$scenario-2-threads" "$cisim" run "scenarios/$scenario.yaml" "${short[@]}" -r 4 -t 2 -q --format json
  if ! cmp -s "$work/run-$scenario-1-thread.out" "$work/run-$scenario-2-threads.out"; then
    echo "FAIL  run-$scenario: two threads give a different summary.json from one thread"
    failed=1
  fi
done
# One replication of a model with many parts (11 facilities): its parts run on both threads.
national=(--set horizon=1d --set warmup=6h --set 'streams.*.arrivals.rate=20000/d')
check run-parts-1-thread "$cisim" run scenarios/common/us_fy2024_at_fy2019_enforcement.yaml "${national[@]}" -r 1 -t 1 -q --format json
check run-parts-2-threads "$cisim" run scenarios/common/us_fy2024_at_fy2019_enforcement.yaml "${national[@]}" -r 1 -t 2 -q --format json
if ! cmp -s "$work/run-parts-1-thread.out" "$work/run-parts-2-threads.out"; then
  echo "FAIL  run-parts: the parts of one replication on two threads give a different summary.json"
  failed=1
fi
check sweep-2-threads "$cisim" sweep scenarios/platform_practices.yaml "${short[@]}" -r 2 -t 2 -q \
  --vary streams.marketplace.sellers.vetting_share=0%,50% --db "$work/sweep.db"
check solve-2-threads "$cisim" solve scenarios/navarro_target.yaml "${short[@]}" -r 2 -t 2 -q \
  --vary streams.marketplace.sellers.vetting_above=0.25:4:log --target 'discrepancy_rate<1%'
if [ "$failed" = 0 ]; then
  echo "tsan: no data race in run, sweep and solve on 2 threads"
else
  echo "tsan: FAILED" >&2
  exit 1
fi
