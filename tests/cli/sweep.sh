#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sweeps: a sweep killed with SIGKILL and resumed equals an uninterrupted one, point for
# point; shards merged equal the whole; resume refuses a different sweep; a locked database
# gives a clear error and keeps its points; the Slurm and Python examples run.
# Usage: sweep.sh CISIM SOURCE_DIR
set -u
cisim="$(realpath "$1")"
source "$(dirname "$(realpath "$0")")/lib.sh"
cd "$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mmc=scenarios/queue_mmc.yaml
sweep=("$cisim" sweep "$mmc" --vary facilities.station.officers.count=10:13:4 --vary streams.poisson.arrivals.rate=8/min,9/min
       --set horizon=14d --replications 3 --threads 1 --quiet)  # about 1 s in all: a kill lands mid-sweep

check "whole sweep" 0 "" "${sweep[@]}" --db "$work/whole.db"
"$cisim" export "$work/whole.db" > "$work/whole.csv"
[ "$(wc -l < "$work/whole.csv")" -gt 100 ] && pass || fail "export of the whole sweep is too short"
# --out naming the database itself (by any path) would rename the CSV over the sweep.
cp "$work/whole.db" "$work/keep.db"
check "export refuses to write over its database" 2 "that is the input '$work/keep.db', which writing would destroy" \
  "$cisim" export "$work/keep.db" --out "$work/../$(basename "$work")/keep.db"
cmp -s "$work/whole.db" "$work/keep.db" && pass || fail "export --out the database changed it"

# Varied values as numbers in their canonical unit, and each point summarised: one SELECT plots.
[ "$(sqlite3 "$work/whole.db" "select value || ' ' || unit from varied where key = 'streams.poisson.arrivals.rate' and point = 1")" = "0.15 1/s" ] \
  && pass || fail "varied: 9/min is not stored as 0.15 1/s"
[ "$(sqlite3 "$work/whole.db" "select count(*) from plot where key = 'facilities.station.officers.count' and scope = 'facility' and metric = 'wait_hours_mean' and ci95_low < mean and mean < ci95_high")" = 8 ] \
  && pass || fail "plot view: expected 8 points with mean inside its CI"
[ "$(sqlite3 "$work/whole.db" "select round(avg(m.value), 12) = round(s.mean, 12) from metrics m join summaries s using (point, scope, scope_name, metric) where s.point = 0 and s.metric = 'inspected' and s.scope = 'run'")" = 1 ] \
  && pass || fail "summaries: the mean is not the mean of the replications"
# The database holds the scenario as run: it loads alone, with --set applied and includes merged.
sqlite3 "$work/whole.db" "select value from meta where key = 'effective_scenario'" > "$work/effective.yaml"
check "effective scenario loads alone" 0 "ok" "$cisim" check "$work/effective.yaml"
grep -q "^horizon: 14d$" "$work/effective.yaml" && pass || fail "effective scenario: --set horizon=14d not applied"

# A finished sweep grows: --resume with more replications adds replications 2 and 3 to every
# point, and the database equals a sweep run with 4 from the start (metrics and summaries).
grow=("$cisim" sweep "$mmc" --vary facilities.station.officers.count=10,12 --set horizon=2d --threads 1 --quiet)
check "sweep of 2 replications" 0 "" "${grow[@]}" -r 2 --db "$work/grow.db"
check "grown to 4 replications" 0 "" "${grow[@]}" -r 4 --db "$work/grow.db" --resume
check "run with 4 from the start" 0 "" "${grow[@]}" -r 4 --db "$work/four.db"
"$cisim" export "$work/grow.db" > "$work/grow.csv"
"$cisim" export "$work/four.db" > "$work/four.csv"
summaries='select point, scope, scope_name, metric, unit, mean, sd, ci95_low, ci95_high, n from summaries order by point, scope, scope_name, metric'
if cmp -s "$work/grow.csv" "$work/four.csv" && [ "$(sqlite3 "$work/grow.db" "$summaries")" = "$(sqlite3 "$work/four.db" "$summaries")" ] \
  && [ "$(sqlite3 "$work/grow.db" "select group_concat(distinct replications) from points")" = 4 ]; then
  pass
else
  fail "a sweep grown from 2 to 4 replications differs from one run with 4"
fi
check "a sweep does not shrink" 2 "holds 4 replications per point; --resume can add replications, not remove them" \
  "${grow[@]}" -r 3 --db "$work/grow.db" --resume

# ... and in points: more values of a grid's key keep the stored points and add the new ones,
# each with what a sweep of the larger grid gives it.
check "grid of 2 values" 0 "" "${grow[@]}" -r 2 --db "$work/points.db" --vary streams.poisson.arrivals.rate=9/min
check "grown to 3 values" 0 "the grid grew by 1 point$" "$cisim" sweep "$mmc" --vary facilities.station.officers.count=10,12,14 \
  --vary streams.poisson.arrivals.rate=9/min --set horizon=2d --threads 1 -r 2 --db "$work/points.db" --resume
check "the larger grid at once" 0 "" "$cisim" sweep "$mmc" --vary facilities.station.officers.count=10,12,14 \
  --vary streams.poisson.arrivals.rate=9/min --set horizon=2d --threads 1 -r 2 --db "$work/points3.db" --quiet
by_value='select v.text, s.scope, s.scope_name, s.metric, s.mean from summaries s join varied v on v.point = s.point and v.key = "facilities.station.officers.count" order by v.text, s.scope, s.scope_name, s.metric'
[ "$(sqlite3 "$work/points.db" "$by_value")" = "$(sqlite3 "$work/points3.db" "$by_value")" ] && pass \
  || fail "a grid grown from 2 to 3 values differs from the 3-value grid run at once"
check "a grid does not lose values" 2 "cannot grow the sweep: the new design holds 1 of the 3 points" \
  "$cisim" sweep "$mmc" --vary facilities.station.officers.count=12 --vary streams.poisson.arrivals.rate=9/min \
  --set horizon=2d -r 2 --db "$work/points.db" --resume

# Killed at a random moment, then resumed.
"${sweep[@]}" --db "$work/killed.db" &
pid=$!
sleep "0.$((RANDOM % 3 + 2))"  # 0.2 to 0.4 s: after one to three points
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
before="$(sqlite3 "$work/killed.db" 'select count(*) from points' 2>/dev/null || echo 0)"
echo "killed after $before of 8 points"
check "resume after SIGKILL" 0 "" "${sweep[@]}" --db "$work/killed.db" --resume
"$cisim" export "$work/killed.db" > "$work/killed.csv"
if cmp -s "$work/whole.csv" "$work/killed.csv"; then pass; else fail "killed ($before points) and resumed sweep differs from the whole sweep"; fi

# SIGTERM (and SIGINT) finish the point in progress, commit it, and say how to resume.
"${sweep[@]}" --db "$work/term.db" 2> "$work/term.err" &
pid=$!
# The handlers are installed once the database holds the sweep's meta rows: wait for those
# (a sanitizer build starts slowly), then signal during the points.
for _ in $(seq 300); do
  [ "$(sqlite3 "$work/term.db" 'select count(*) from meta' 2>/dev/null || echo 0)" -gt 0 ] && break
  sleep 0.05
done
sleep 0.1
kill -TERM "$pid"
wait "$pid"
status=$?
if [ "$status" -eq 1 ] && grep -q "Resume with the same command and --resume" "$work/term.err"; then pass; else
  fail "SIGTERM: exit code $status, message: $(cat "$work/term.err")"; fi
check "resume after SIGTERM" 0 "" "${sweep[@]}" --db "$work/term.db" --resume
"$cisim" export "$work/term.db" > "$work/term.csv"
if cmp -s "$work/whole.csv" "$work/term.csv"; then pass; else fail "stopped and resumed sweep differs from the whole sweep"; fi

# A full disk (a file-size limit of 250 KiB stands in for it; the write-ahead log reaches it
# after the second of the 8 points, each with its metrics, summaries and varied values, its
# month and fiscal year among them): a clear error, finished points kept,
# and resuming after space is freed completes the sweep as if nothing had happened.
small=("$cisim" sweep "$mmc" --vary facilities.station.officers.count=10:17:8 --set horizon=2d --replications 2 --threads 1 --quiet)
check "small sweep" 0 "" "${small[@]}" --db "$work/small.db"
"$cisim" export "$work/small.db" > "$work/small.csv"
check "full disk" 1 "disk I/O error \\(is the disk full\\? finished points are kept" \
  bash -c 'ulimit -f 250; trap "" XFSZ; exec "$@"' _ "${small[@]}" --db "$work/full.db"
kept="$(sqlite3 "$work/full.db" 'select count(*) from points')"
[ "$kept" -gt 0 ] && [ "$kept" -lt 8 ] && pass || fail "full disk: expected some finished points kept, found $kept"
check "resume after full disk" 0 "" "${small[@]}" --db "$work/full.db" --resume
"$cisim" export "$work/full.db" > "$work/full.csv"
if cmp -s "$work/small.csv" "$work/full.csv"; then pass; else fail "sweep resumed after a full disk differs"; fi

# A read-only directory (needs an ordinary user: root writes anywhere).
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$work/ro" && chmod a-w "$work/ro"
  check "read-only directory" 1 "cannot open the sweep database" "${small[@]}" --db "$work/ro/s.db"
fi

# Three shards, merged.
for i in 0 1 2; do "${sweep[@]}" --shard "$i/3" --db "$work/shard_$i.db"; done
check "merge shards" 0 "merged 3 databases into .*: 8 points" "$cisim" merge "$work/merged.db" "$work"/shard_{0,1,2}.db
"$cisim" export "$work/merged.db" > "$work/merged.csv"
if cmp -s "$work/whole.csv" "$work/merged.csv"; then pass; else fail "merged shards differ from the whole sweep"; fi

# Inputs in a read-only directory (the docs allow it): export reads them and merge takes them as
# shards, though SQLite cannot create a write-ahead log's shared memory beside them. Root ignores
# permissions, so as root the commands run as 'nobody' (setpriv), in directories it may enter.
ro="$work/ro"
rw="$work/rw"
mkdir -p "$ro" "$rw"
cp "$work"/shard_{0,1,2}.db "$ro/"
chmod 755 "$work"
chmod 444 "$ro"/*.db
chmod 555 "$ro"
chmod 777 "$rw"
as_user=()
[ "$(id -u)" -eq 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if "${as_user[@]}" "$cisim" merge "$rw/merged.db" "$ro"/shard_{0,1,2}.db > /dev/null 2> "$work/ro.err" &&
  "${as_user[@]}" "$cisim" export "$rw/merged.db" > "$work/ro_merged.csv" 2>> "$work/ro.err" &&
  "${as_user[@]}" "$cisim" export "$ro/shard_0.db" > "$work/ro_shard.csv" 2>> "$work/ro.err" &&
  cmp -s "$work/whole.csv" "$work/ro_merged.csv" && [ "$(wc -l < "$work/ro_shard.csv")" -gt 1 ]; then
  pass
else
  fail "read-only inputs: $(cat "$work/ro.err")"
fi
chmod 755 "$ro"
# A database whose write-ahead log still holds rows (its writer was killed before the log was
# checkpointed) cannot be read where the log's shared memory cannot be made: refused, saying
# what to do, not read without those rows.
mkdir -p "$work/ro_log"
cp "$work/shard_0.db" "$work/ro_log/logged.db"
python3 -c 'import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("pragma journal_mode=wal")
db.execute("pragma wal_autocheckpoint=0")
db.execute("insert into meta(key, value) values (\"left_in_the_log\", \"1\")")
db.commit()
os._exit(0)  # no close: the log keeps its rows' "$work/ro_log/logged.db"
[ -s "$work/ro_log/logged.db-wal" ] && pass || fail "could not leave rows in a write-ahead log"
rm -f "$work/ro_log/logged.db-shm"
chmod 444 "$work/ro_log"/*
chmod 555 "$work/ro_log"
check "a read-only database with rows in its log" 1 "write-ahead log .* holds rows" "${as_user[@]}" "$cisim" export "$work/ro_log/logged.db"
chmod 755 "$work/ro_log"

# A file that is not a database, or one cut short, is named with SQLite's reason, no SQL.
echo "not a database" > "$work/garbage.db"
check "export of a file that is not a database" 1 "garbage.db: cannot read its tables: file is not a database" "$cisim" export "$work/garbage.db"
head -c 3000 "$work/whole.db" > "$work/cut.db"
check "export of a database cut short" 1 "cut.db: cannot read its tables: database disk image is malformed" "$cisim" export "$work/cut.db"
if "$cisim" export "$work/cut.db" 2>&1 | grep -qiE "select|insert|create table|sqlite_master"; then fail "raw SQL in the message"; else pass; fi

# A distribution's parameter is a number in its quantity's unit: a duration's mean swept from
# 0.5min to 1.5min is stored as 30, 60 and 90 s; a Latin hypercube samples lo:hi (no :n) as reals.
"$cisim" sweep "$mmc" --vary facilities.station.methods.xray.duration.mean=0.5min:1.5min:3 --set horizon=2d -r 1 -q --db "$work/duration.db"
[ "$(sqlite3 "$work/duration.db" "select group_concat(value || ' ' || unit, ',') from (select value, unit from varied order by point)")" = "30.0 s,60.0 s,90.0 s" ] \
  && pass || fail "a swept duration's mean is not stored as seconds"
"$cisim" export "$work/duration.db" > "$work/duration.csv"
[ "$(head -1 "$work/duration.csv" | cut -d, -f2-3)" = "facilities.station.methods.xray.duration.mean,facilities.station.methods.xray.duration.mean [s]" ] \
  && [ "$(sed -n 2p "$work/duration.csv" | cut -d, -f2-3)" = "0.5min,30" ] && pass || fail "export: no column of the duration in seconds: $(head -2 "$work/duration.csv")"
check "lhs over a duration range without :n" 0 "" "$cisim" sweep "$mmc" --vary facilities.station.methods.xray.duration.mean=6min:18min \
  --design lhs --points 4 --set horizon=2d -r 1 -q --db "$work/lhs_duration.db"
[ "$(sqlite3 "$work/lhs_duration.db" "select count(*) from varied where unit = 's' and value between 360 and 1080 and value != round(value / 60) * 60")" = 4 ] \
  && pass || fail "an lhs over 6min:18min is not sampled as reals in seconds"

# Refusals.
check "exists without --resume" 2 "already holds a sweep; add --resume" "${sweep[@]}" --db "$work/whole.db"
check "resume a different sweep" 2 "refusing to resume" "$cisim" sweep "$mmc" --vary facilities.station.officers.count=10:14:5 \
  --set horizon=14d --replications 3 --db "$work/whole.db" --resume
sqlite3 "$work/shard_0.db" "update metrics set value = value + 1 where rowid = 1"
check "merge refuses disagreeing duplicates" 1 "with different results; refusing to merge" \
  "$cisim" merge "$work/merged.db" "$work/shard_0.db"
# Merge refuses shards of another sweep (other --set values), the output named as an input,
# and a database without cisim's tables; it reads its inputs without changing them.
"$cisim" sweep "$mmc" --vary facilities.station.officers.count=10:13:4 --vary streams.poisson.arrivals.rate=8/min,9/min \
  --set horizon=7d --replications 3 --threads 1 --quiet --shard 0/3 --db "$work/other_set.db"
check "merge refuses shards run with other --set values" 1 "cannot merge into .*: different set" \
  "$cisim" merge "$work/merged.db" "$work/other_set.db"
check "merge X X" 1 "is the output of the merge too" "$cisim" merge "$work/merged.db" "$work/merged.db"
sqlite3 "$work/foreign.db" "create table meta(key text, value text); insert into meta values('x', 'y');"
check "merge of a foreign database" 1 "foreign.db: not a sweep database of this cisim" "$cisim" merge "$work/m2.db" "$work/foreign.db"
check "export of a foreign database" 1 "foreign.db: not a sweep database of this cisim" "$cisim" export "$work/foreign.db"
# A merge that fails part way (its second input is foreign) leaves its output as it was: absent
# when it was, else with the points it had (the merge is made in a copy, renamed at the end),
# and no copy behind.
check "failed merge: no output" 1 "foreign.db: not a sweep database" "$cisim" merge "$work/m4.db" "$work/shard_0.db" "$work/foreign.db"
if [ ! -e "$work/m4.db" ] && ! ls "$work"/m4.db.merging-* > /dev/null 2>&1; then pass; else fail "a failed merge left a partial output or its copy"; fi
"$cisim" merge "$work/m5.db" "$work/shard_1.db" > /dev/null
before_points="$(sqlite3 "$work/m5.db" 'select count(*) from points')"
check "failed merge: output kept" 1 "foreign.db: not a sweep database" "$cisim" merge "$work/m5.db" "$work/shard_2.db" "$work/foreign.db"
if [ "$(sqlite3 "$work/m5.db" 'select count(*) from points')" = "$before_points" ]; then pass; else fail "a failed merge changed its output"; fi
cp "$work/shard_2.db" "$work/input.db"
sqlite3 "$work/input.db" "pragma journal_mode=delete" > /dev/null
before_sum="$(md5sum < "$work/input.db")"
"$cisim" merge "$work/m3.db" "$work/input.db" > /dev/null && "$cisim" export "$work/input.db" > /dev/null
if [ "$(md5sum < "$work/input.db")" = "$before_sum" ] && [ "$(sqlite3 "$work/input.db" 'pragma journal_mode')" = delete ]; then
  pass
else
  fail "merge or export changed its input (or switched it to WAL)"
fi
check "bad spec" 2 "a range is lo:hi:n or lo:hi:n:log" "$cisim" sweep "$mmc" --vary horizon=1d:2d --db "$work/x.db"
check "bad value caught before running" 2 "point 0 of the sweep is not a valid scenario" \
  "$cisim" sweep "$mmc" --vary horizon=2,3 --db "$work/y.db"
check "lhs needs ranges" 2 "needs ranges" "$cisim" sweep "$mmc" --vary horizon=2d,3d --design lhs --points 4 --db "$work/z.db"
check "lhs" 0 "sweep: 5 points" "$cisim" sweep "$mmc" --vary facilities.station.officers.count=10:14:2 \
  --vary horizon=2d:4d:2 --design lhs --points 5 --replications 2 --db "$work/lhs.db"

# A locked database: another process holds the write lock; the error says so, and the
# database keeps every finished point.
cp "$work/shard_1.db" "$work/locked.db"  # 3 of the 8 points: the resumed sweep must write
(echo "BEGIN EXCLUSIVE;"; sleep 15; echo "COMMIT;") | sqlite3 "$work/locked.db" &  # longer than a point takes under ASan on a loaded machine
locker=$!
sleep 1
sqlite3 "$work/locked.db" "select 1" >/dev/null 2>&1  # make sure the lock is taken
check "locked database" 1 "another process is writing this database" "${sweep[@]}" --db "$work/locked.db" --resume
wait "$locker"
[ "$(sqlite3 "$work/locked.db" 'select count(*) from points')" = 3 ] && pass || fail "the locked database lost points"

# The examples of docs/examples run as documented.
export CISIM="$cisim" OUT="$work/slurm" SHARDS=3
for i in 0 1 2; do SLURM_ARRAY_TASK_ID=$i docs/examples/sweep_slurm.sh || fail "slurm example task $i"; done
MERGE=1 docs/examples/sweep_slurm.sh > /dev/null || fail "slurm example merge"
check "python example" 0 "^point,facilities.station.officers.count,streams.poisson.arrivals.rate,wait_hours_mean \\(mean\\),replications" \
  python3 docs/examples/read_sweep.py "$work/slurm/all.db" facility station wait_hours_mean
[ "$(python3 docs/examples/read_sweep.py "$work/slurm/all.db" | wc -l)" = 9 ] && pass || fail "python example: expected 8 points"
finish
