#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fuzzes the scenario loader and --set with libFuzzer (tests/fuzz/scenario_fuzz.cpp) under
# ASan and UBSan, from a seed corpus of scenarios/, tests/invalid/ and tests/fuzz/seeds/; every
# input the loader accepts is also run (one replication, about 2,000 shipments), so an abort
# after `check` is a crash too.
#
#   tools/fuzz.sh            one minute (what tools/test.sh runs)
#   tools/fuzz.sh 3600       an hour; 0 runs until stopped (Ctrl-C)
#
# The corpus the fuzzer grows is kept in build-san/fuzz-corpus/ between runs. A crash leaves
# its input in build-san/fuzz-crashes/ and fails the run: reproduce it with
#   (cd scenarios && ../build-san/tests/fuzz/cisim_fuzz_scenario ../build-san/fuzz-crashes/crash-...)
# and add it as a test case in tests/invalid/ (or tests/cli/hostile_inputs.sh) with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: tools/fuzz.sh [SECONDS]   (whole seconds, default 60; 0 = until stopped)" >&2
  exit 2
fi
root="$(pwd)"
fuzzer="$root/build-san/tests/fuzz/cisim_fuzz_scenario"
source tools/deps.sh
cisim_install_deps sanitizers
cisim_build_clang build-san CISIM_SANITIZE cisim cisim_fuzz_scenario
corpus="$root/build-san/fuzz-corpus"
crashes="$root/build-san/fuzz-crashes"
mkdir -p "$corpus" "$crashes"
seeds="$root/build-san/fuzz-seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
cp scenarios/*.yaml scenarios/common/*.yaml tests/invalid/*.yaml tests/fuzz/seeds/* "$seeds/"
# A dictionary of every scenario key (full --set paths and their last parts), from the schema.
dict="$root/build-san/fuzz-scenario.dict"
{
  echo '"#--set"'
  echo '"\x0a#--set\x0a"'
  "$root/build-san/cisim" schema | grep -o '`[a-z_][a-z_.*0-9]*`' | tr -d '`' | sort -u |
    while read -r key; do echo "\"$key\""; echo "\"${key##*.}:\""; done | sort -u
} >"$dict"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
echo "cisim: fuzzing the scenario loader for ${seconds} s (corpus: build-san/fuzz-corpus)"
# From scenarios/ so that seeds' includes (common/...) resolve. Limits: 10 s per input, 2 GiB,
# inputs up to 64 KiB (the loader's own limits are far above, and are tested by hostile_inputs).
# The fuzzer's running commentary goes to build-san/fuzz.log; its summary (or, on a crash,
# the report) is printed.
log="$root/build-san/fuzz.log"
cd scenarios
set +e
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -dict="$dict" -artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" "$seeds" >"$log" 2>&1
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  tail -n 80 "$log"
  echo "cisim: the fuzzer found a crash (exit $rc); its input is in build-san/fuzz-crashes/ (full log: build-san/fuzz.log)" >&2
  exit 1
fi
grep -E '^(Done|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb))' "$log"
echo "cisim: no crash in ${seconds} s of fuzzing; corpus: $(ls "$corpus" | wc -l) inputs in build-san/fuzz-corpus"
