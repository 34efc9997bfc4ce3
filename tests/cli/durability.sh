#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Durability: `run --out`, `merge` and `export --out` killed at random points (SIGTERM, which
# the process sees, and SIGKILL, which it cannot) leave every result on disk whole or absent:
# each file complete and of one run, never two runs' files mixed; after SIGTERM no temporary
# (`*.tmp-HOST-PID`, `*.merging-HOST-PID`) is left, and what SIGKILL leaves the next write removes.
# The kill points are drawn around the end of each command (where the files are written),
# from a seeded generator so that a failure can be replayed. Usage: durability.sh CISIM SOURCE_DIR
set -u
cisim="$(realpath "$1")"
source "$(dirname "$(realpath "$0")")/lib.sh"
cd "$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
RANDOM=29  # the kill points, reproducibly
run=("$cisim" run scenarios/queue_mmc.yaml --set horizon=20d -r 4 -t 1 -q)

# whole_set DIR: every output file present and complete, all of one run.
whole_set() {
  python3 - "$1" <<'PY'
import csv, json, os, sys
d = sys.argv[1]
names = ["metrics.csv", "summary.csv", "summary.json", "timeseries.csv", "timeseries_replications.csv"]
missing = [n for n in names if not os.path.exists(os.path.join(d, n))]
if missing:
    sys.exit("missing: " + ", ".join(missing))
ids = set()
for n in names[:2] + names[3:]:
    text = open(os.path.join(d, n)).read()
    if not text.endswith("\n"):
        sys.exit(n + ": does not end with a newline (cut short)")
    rows = list(csv.reader(text.splitlines()))
    if len(rows) < 2 or any(len(r) != len(rows[0]) for r in rows):
        sys.exit(n + ": a row with the wrong number of fields (cut short)")
    ids |= {r[0] for r in rows[1:]}
ids.add(json.load(open(os.path.join(d, "summary.json")))["run_id"])
if len(ids) != 1:
    sys.exit("files of %d runs mixed: %s" % (len(ids), sorted(ids)))
PY
}
temporaries() { find "$work" -name '*.tmp-*' -o -name '*.merging-*' | sort; }

# kill_at SIGNAL SECONDS COMMAND...: runs the command, sends the signal after SECONDS.
kill_at() {
  local signal="$1" delay="$2"
  shift 2
  "$@" > /dev/null 2>&1 &
  local pid=$!
  sleep "$delay"
  kill "-$signal" "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
# random_delay MILLISECONDS: a delay from 30% to 120% of it, as seconds.
random_delay() { local ms=$(( $1 * (30 + RANDOM % 91) / 100 )); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }
# run_id DIR: the run the set in DIR is of.
run_id() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1] + "/summary.json"))["run_id"])' "$1"; }
# kill_in_window SIGNAL AFTER COMMAND...: runs the command with its renames held
# (CISIM_TEST_RENAME_PAUSE_MS=400: 400 ms with the temporaries written, then 400 ms between
# renames), waits until its temporaries appear, sends the signal AFTER seconds later; prints
# the command's exit status.
kill_in_window() {
  local signal="$1" after="$2"
  shift 2
  CISIM_TEST_RENAME_PAUSE_MS=400 "$@" > /dev/null 2>&1 &
  local pid=$! tries=0
  while [ -z "$(temporaries)" ] && kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 4000 ]; do
    sleep 0.005
    tries=$((tries + 1))
  done
  sleep "$after"
  kill "-$signal" "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  echo $?
}

# How long a run takes here, so the kills land around its end.
start=$(date +%s%N)
"${run[@]}" --seed 1 --out "$work/out" > /dev/null 2>&1
took=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$took" -lt 999 ] || took=999
whole_set "$work/out" && pass || fail "the first run's set is not whole"

# A kill in each window, on purpose. The runs' ids, from runs into scratch directories.
"${run[@]}" --seed 1 --out "$work/id1" > /dev/null 2>&1
"${run[@]}" --seed 2 --out "$work/id2" > /dev/null 2>&1
id1="$(run_id "$work/id1")"
id2="$(run_id "$work/id2")"
rm -rf "$work/id1" "$work/id2"
# SIGTERM while the temporaries are written, before any rename: they are removed, the
# previous set stays as it was, and the process ends by the signal.
status="$(kill_in_window TERM 0.1 "${run[@]}" --seed 2 --out "$work/out")"
[ "$status" = 143 ] && [ -z "$(temporaries)" ] && [ "$(run_id "$work/out")" = "$id1" ] && whole_set "$work/out" && pass ||
  fail "SIGTERM before the renames: exit $status, temporaries '$(temporaries)', run $(run_id "$work/out") (want $id1, whole)"
# SIGTERM between two renames: the signal waits for the last one, so the set is the new run's, whole.
status="$(kill_in_window TERM 0.6 "${run[@]}" --seed 2 --out "$work/out")"
[ "$status" = 143 ] && [ -z "$(temporaries)" ] && [ "$(run_id "$work/out")" = "$id2" ] && whole_set "$work/out" && pass ||
  fail "SIGTERM between renames: exit $status, temporaries '$(temporaries)', run $(run_id "$work/out") (want $id2, whole)"
# SIGKILL before the renames: the previous set stays; the temporaries stay too, and the next
# write removes them (their process is gone).
status="$(kill_in_window KILL 0.1 "${run[@]}" --seed 1 --out "$work/out")"
[ "$status" = 137 ] && [ -n "$(temporaries)" ] && [ "$(run_id "$work/out")" = "$id2" ] && whole_set "$work/out" && pass ||
  fail "SIGKILL before the renames: exit $status, temporaries '$(temporaries)', run $(run_id "$work/out") (want $id2)"
"${run[@]}" --seed 1 --out "$work/out" > /dev/null 2>&1
[ -z "$(temporaries)" ] && [ "$(run_id "$work/out")" = "$id1" ] && pass || fail "the run after a SIGKILL left $(temporaries | tr '\n' ' ')"
# An ignored SIGINT (nohup, a script's background job) stays ignored: the run writes its set.
( trap '' INT; CISIM_TEST_RENAME_PAUSE_MS=300 exec "${run[@]}" --seed 2 --out "$work/out" > /dev/null 2>&1 ) &
pid=$!
sleep 0.5
kill -INT "$pid" 2>/dev/null
wait "$pid"
status=$?
[ "$status" = 0 ] && [ "$(run_id "$work/out")" = "$id2" ] && whole_set "$work/out" && pass || fail "an ignored SIGINT: exit $status"

# run --out: SIGTERM, then SIGKILL, each at 16 random points around the end of the run.
for signal in TERM KILL; do
  bad=0
  for i in $(seq 1 16); do
    kill_at "$signal" "$(random_delay "$took")" "${run[@]}" --seed "$((i + 1))" --out "$work/out"
    if ! reason="$(whole_set "$work/out" 2>&1)"; then
      fail "run --out killed by SIG$signal (trial $i): $reason"
      bad=1
    fi
    if [ "$signal" = TERM ] && [ -n "$(temporaries)" ]; then
      fail "run --out killed by SIGTERM (trial $i) left $(temporaries | head -3 | tr '\n' ' ')"
      bad=1
    fi
  done
  [ "$bad" = 0 ] && pass
done
# What SIGKILL left, the next run removes.
"${run[@]}" --seed 99 --out "$work/out" > /dev/null 2>&1
[ -z "$(temporaries)" ] && pass || fail "a run after SIGKILLs left $(temporaries | head -3 | tr '\n' ' ')"

# merge: two shards of a sweep into merged.db, killed; merged.db absent or holding all 8 points.
sweep=("$cisim" sweep scenarios/queue_mmc.yaml --vary facilities.station.officers.count=10:13:4 --vary streams.poisson.arrivals.rate=8/min,9/min
       --set horizon=3d --replications 2 --threads 1 --quiet)
check "shard 0 of the sweep to merge" 0 "" "${sweep[@]}" --db "$work/a.db" --shard 0/2
check "shard 1 of the sweep to merge" 0 "" "${sweep[@]}" --db "$work/b.db" --shard 1/2
start=$(date +%s%N)
check "the shards merged" 0 "8 points" "$cisim" merge "$work/timed.db" "$work/a.db" "$work/b.db"
took=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$took" -lt 999 ] || took=999
for signal in TERM KILL; do
  bad=0
  for i in $(seq 1 8); do
    rm -f "$work/merged.db"
    kill_at "$signal" "$(random_delay "$took")" "$cisim" merge "$work/merged.db" "$work/a.db" "$work/b.db"
    if [ -e "$work/merged.db" ] && [ "$(sqlite3 "$work/merged.db" "select count(*) from points where status = 'done'" 2>&1)" != 8 ]; then
      fail "merge killed by SIG$signal (trial $i) left merged.db with $(sqlite3 "$work/merged.db" 'select count(*) from points' 2>&1) points, not 8"
      bad=1
    fi
    if [ "$signal" = TERM ] && [ -n "$(temporaries)" ]; then
      fail "merge killed by SIGTERM (trial $i) left $(temporaries | head -3 | tr '\n' ' ')"
      bad=1
    fi
  done
  [ "$bad" = 0 ] && pass
done
# A merge past a file-size limit (a full disk by another name): a located error that says the
# output is as it was, no output and no copy left.
rm -f "$work/merged.db"
check "merge past a file-size limit" 1 "merged.db is left as it was: free space and merge again" \
  bash -c "ulimit -f 100; '$cisim' merge '$work/merged.db' '$work/a.db' '$work/b.db'"
[ ! -e "$work/merged.db" ] && [ -z "$(temporaries)" ] && pass || fail "a merge past a file-size limit left $(ls "$work" | tr '\n' ' ')"
check "a merge after the kills" 0 "8 points" "$cisim" merge "$work/merged.db" "$work/a.db" "$work/b.db"
[ -z "$(temporaries)" ] && pass || fail "a merge after SIGKILLs left $(temporaries | head -3 | tr '\n' ' ')"

# export --out: the CSV absent or equal to the whole export.
"$cisim" export "$work/merged.db" > "$work/whole.csv"
[ "$(wc -l < "$work/whole.csv")" -gt 100 ] && pass || fail "the whole export is too short"
start=$(date +%s%N)
"$cisim" export "$work/merged.db" --out "$work/timed.csv"
took=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$took" -lt 999 ] || took=999
for signal in TERM KILL; do
  bad=0
  for i in $(seq 1 8); do
    rm -f "$work/export.csv"
    kill_at "$signal" "$(random_delay "$took")" "$cisim" export "$work/merged.db" --out "$work/export.csv"
    if [ -e "$work/export.csv" ] && ! cmp -s "$work/export.csv" "$work/whole.csv"; then
      fail "export killed by SIG$signal (trial $i) left a partial export.csv"
      bad=1
    fi
    if [ "$signal" = TERM ] && [ -n "$(temporaries)" ]; then
      fail "export killed by SIGTERM (trial $i) left $(temporaries | head -3 | tr '\n' ' ')"
      bad=1
    fi
  done
  [ "$bad" = 0 ] && pass
done
"$cisim" export "$work/merged.db" --out "$work/export.csv"
[ -z "$(temporaries)" ] && pass || fail "an export after SIGKILLs left $(temporaries | head -3 | tr '\n' ' ')"
finish
