#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Nothing lost, nothing clobbered: what cisim writes goes through links, into pipes and devices
# as they are, never over an input; a full standard output is an error, and a finished run's
# results reach every output that can take them. Usage: output_safety.sh CISIM SOURCE_DIR
set -u
cisim="$(realpath "$1")"
source "$(dirname "$(realpath "$0")")/lib.sh"
cd "$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mmc=scenarios/queue_mmc.yaml
short=(--set horizon=2d --set warmup=0s -r 2)

# A symlinked output keeps its link; the target gets the new file.
echo old > "$work/target.html"
ln -s target.html "$work/link.html"
check "report through a symlink" 0 "report written" "$cisim" run "$mmc" "${short[@]}" --report "$work/link.html"
if [ -L "$work/link.html" ] && grep -q "<html" "$work/target.html"; then pass; else fail "symlink replaced or target stale"; ls -l "$work"; fi

# A pipe is written into, not renamed over.
mkfifo "$work/pipe.csv"
(cat "$work/pipe.csv" > "$work/from_pipe.csv") &
reader=$!
check "trace into a FIFO" 0 "trace of [0-9]+ shipments written" "$cisim" run "$mmc" "${short[@]}" --trace "$work/pipe.csv"
wait "$reader"
if [ -p "$work/pipe.csv" ] && head -1 "$work/from_pipe.csv" | grep -q "replication"; then pass; else fail "FIFO replaced or empty"; ls -l "$work"; fi
check "report into /dev/null" 0 "report written to /dev/null" "$cisim" run "$mmc" "${short[@]}" --report /dev/null
check "trace into /dev/null" 0 "trace of [0-9]+ shipments written" "$cisim" run "$mmc" "${short[@]}" --trace /dev/null
if [ -c /dev/null ]; then pass; else fail "/dev/null is no longer a character device"; fi

# A full standard output is an output error, not a silent success.
check "table into a full disk" 1 "cannot write to standard output" sh -c "'$cisim' run '$mmc' --set horizon=2d -r 2 > /dev/full"
check "json into a full disk" 1 "standard output|cannot write" sh -c "'$cisim' run '$mmc' --set horizon=2d -r 2 --format json > /dev/full"
# When one output fails the others still get the results.
check "json printed though --report fails" 1 '"cisim_version"' sh -c "'$cisim' run '$mmc' ${short[*]} --format json --report /dev/full 2>&1"
mkdir -p "$work/blocked/metrics.csv"
check "json printed though --out fails" 1 '"cisim_version"' sh -c "'$cisim' run '$mmc' ${short[*]} --format json --out '$work/blocked' 2>&1"
check "the failing output file is named" 1 "blocked/metrics.csv: cannot write: it is a directory" "$cisim" run "$mmc" "${short[@]}" --format json --out "$work/blocked"
check "the failing report is named" 1 '/dev/full: cannot write: No space' "$cisim" run "$mmc" "${short[@]}" --format json --report /dev/full

# Inputs are never written over.
cp "$mmc" "$work/s.yaml"
check "trace over the scenario" 2 "that is the input" "$cisim" run "$work/s.yaml" "${short[@]}" --trace "$work/s.yaml"
if cmp -s "$mmc" "$work/s.yaml"; then pass; else fail "the scenario was overwritten"; fi

# What the loader cannot honour is an error, not a silent default.
check "include by --set" 2 "include.*cannot be set with --set" "$cisim" check "$mmc" --set include=other.yaml
printf -- '%s\n---\nname: second\n' "$(cat "$mmc")" > "$work/two.yaml"
check "a second YAML document" 2 "two.yaml:[0-9]+:[0-9]+: error.*second YAML document" "$cisim" check "$work/two.yaml"
check "a duration past 365 days" 2 "filing_delay.*(365d|31536000)" "$cisim" check "$mmc" \
  --set 'policies.formal_entry={categories: [], filing_delay: 1e18us}'
check "a horizon past year 9999" 2 "horizon: from start_date 9999-12-31 the horizon 3650d runs past 9999-12-31" \
  "$cisim" check "$mmc" --set start_date=9999-12-31 --set horizon=3650d
check "the last four-digit day is fine" 0 "ok" "$cisim" check "$mmc" --set start_date=9999-12-01 --set horizon=31d
check "the reference shows a duty rate's range" 0 "categories.\*.duty_rate.*0 to 10 \(1000%\)" "$cisim" schema

# /dev/stdout (a link to the process's standard output) is written through, not renamed over.
check "report into /dev/stdout" 0 "<html" sh -c "'$cisim' run '$mmc' ${short[*]} -q --report /dev/stdout"
if [ -L /dev/stdout ] || [ -e /proc/self/fd/1 ]; then pass; else fail "/dev/stdout is gone"; fi
# Through the descriptor, after what the run printed, at the descriptor's offset: a file opened
# for appending keeps what it held, and the json printed on stdout is not written over.
sh -c "'$cisim' run '$mmc' ${short[*]} --format json --report /dev/stdout > '$work/both.txt'"
grep -q '"cisim_version"' "$work/both.txt" && grep -q '<html' "$work/both.txt" && pass || fail "json and report on one stdout: one overwrote the other"
echo "EXISTING LOG LINE" > "$work/log.txt"
sh -c "'$cisim' run '$mmc' ${short[*]} -q --report /dev/stdout >> '$work/log.txt'"
[ "$(head -1 "$work/log.txt")" = "EXISTING LOG LINE" ] && grep -q '<html' "$work/log.txt" && pass || fail "--report /dev/stdout >> log wrote over the log"
# Every command's results on a full standard output are an output error (exit 1), not lost.
check "markdown into a full disk" 1 "cannot write to standard output" sh -c "'$cisim' run '$mmc' ${short[*]} --format markdown > /dev/full"
check "compare's table into a full disk" 1 "cannot write to standard output" \
  sh -c "'$cisim' compare '$mmc' '$mmc' ${short[*]} --set-alt facilities.station.officers.count=11 > /dev/full"
check "solve's text into a full disk" 1 "cannot write to standard output" \
  sh -c "'$cisim' solve '$mmc' ${short[*]} --vary facilities.station.officers.count=10:12 --target 'wait_hours_mean<0.01' > /dev/full"
check "solve's json into a full disk" 1 "cannot write to standard output" \
  sh -c "'$cisim' solve '$mmc' ${short[*]} --vary facilities.station.officers.count=10:12 --target 'wait_hours_mean<0.01' --format json > /dev/full"
check "calibrate's text into a full disk" 1 "cannot write to standard output" \
  sh -c "'$cisim' calibrate '$mmc' ${short[*]} --vary facilities.station.officers.count=10:12 --target 'officer_utilization=80%±5%' --max-evaluations 3 > /dev/full"
# Standard error full too: the exit code says it, never an abort.
check "standard output and error both full" 1 "" sh -c "'$cisim' run '$mmc' ${short[*]} > /dev/full 2> /dev/full"

# Every duration that reaches the clock is bounded (decision 0008), each a located error.
check "lot sampling's time per item" 2 "time_per_item.*365d" "$cisim" check scenarios/lot_sampling_hypergeometric.yaml \
  --set streams.ecommerce_consignments.lot_sampling.time_per_item=1e18us
check "a fulfillment center's transit" 2 "transit.*365d" "$cisim" check scenarios/breakbulk_mx_ca.yaml --set streams.ca_orders.fulfillment.transit=1e18us
check "a takedown latency" 2 "takedown_latency.*365d" "$cisim" check scenarios/platform_practices.yaml \
  --set streams.marketplace.sellers.takedown_latency=1e18us
check "a displacement lag" 2 "lag.*365d" "$cisim" check scenarios/blitz_displacement.yaml --set streams.jfk_imf_mail.displacement.lag=1e18us
check "a displacement window" 2 "window.*365d" "$cisim" check scenarios/blitz_displacement.yaml --set streams.jfk_imf_mail.displacement.window=1e18us
check "a scoring quarter" 2 "quarter.*365d" "$cisim" check scenarios/eo13904_posts.yaml --set policies.post_scoring.quarter=1e18us
# A five-digit year and a doubled dash are errors with what was meant.
check "a five-digit start date" 2 "start_date: expected a date as YYYY-MM-DD, found '10000-01-01'" "$cisim" check "$mmc" --set start_date=10000-01-01
check "----out" 2 "did you mean '--out'" "$cisim" run "$mmc" "${short[@]}" ----out "$work/x"

finish
