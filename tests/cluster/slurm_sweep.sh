#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Slurm example on a real Slurm: a one-node cluster (munged, slurmctld and slurmd from
# Debian's munge and slurm-wlm) started in a temporary directory, docs/examples/sweep_slurm.sh
# submitted as an `sbatch --array` of shards, a dependent job that merges them, and the merged
# sweep compared with the same sweep run unsharded. Every daemon is stopped at the end.
# If the cluster cannot start, the test fails with the daemons' logs; it is never skipped.
# Usage: slurm_sweep.sh CISIM SOURCE_DIR
set -u
cisim="$(realpath "$1")"
cd "$2"
source tests/cli/lib.sh

for tool in munged slurmctld slurmd sbatch sinfo; do
  if ! command -v "$tool" >/dev/null; then
    echo "FAIL $tool is not installed: run tools/test.sh (it installs the cluster group), or apt-get install slurm-wlm munge"
    exit 1
  fi
done
if [ "$(id -u)" -ne 0 ]; then
  echo "FAIL this test starts slurmd, which must run as root to launch jobs; run it as root (CI does)"
  exit 1
fi

dir="$(mktemp -d /tmp/cisim-slurm.XXXXXX)"
chmod 755 "$dir"
mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log" "$dir/out"
chmod 700 "$dir/munge"
stop_cluster() {
  for pid_file in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    [ -s "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null
  done
  sleep 1
  rm -rf "$dir"
}
trap stop_cluster EXIT
show_logs() {
  for log in "$dir"/log/*.log; do
    echo "---- $log"
    tail -n 30 "$log"
  done
}

# Ports of our own (from the process id), so that two runs, or a site's Slurm, do not clash.
ctld_port=$((20000 + $$ % 20000))
slurmd_port=$((ctld_port + 1))
host="$(hostname -s)"

dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 600 "$dir/munge/munge.key"
# --force: the temporary directory is ours, not /etc/munge with its ownership checks.
if ! munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed"; then
  echo "FAIL munged did not start"
  show_logs
  exit 1
fi

cat >"$dir/slurm.conf" <<CONF
ClusterName=cisimtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=cisim Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
if ! slurmctld -f "$SLURM_CONF" || ! slurmd -f "$SLURM_CONF"; then
  echo "FAIL slurmctld or slurmd did not start"
  show_logs
  exit 1
fi
state=""
for _ in $(seq 1 60); do
  state="$(sinfo -h -o %t 2>/dev/null)"
  [ "$state" = idle ] && break
  sleep 0.5
done
if [ "$state" = idle ]; then
  pass
else
  echo "FAIL the node did not become idle within 30 s (sinfo says '$state')"
  show_logs
  exit 1
fi

# The documented example, as a user submits it (docs/cli.md, "On a cluster").
export CISIM="$cisim" SHARDS=4 OUT="$dir/out"
array="$(sbatch --parsable --array=0-3 --output="$dir/log/shard_%a.log" docs/examples/sweep_slurm.sh)"
if [ -z "$array" ]; then fail "sbatch --array did not submit"; show_logs; exit 1; fi
if MERGE=1 timeout 600 sbatch --wait --dependency="afterok:$array" --output="$dir/log/merge.log" docs/examples/sweep_slurm.sh >/dev/null; then
  pass
else
  fail "the shards or the merge job failed"
  show_logs
  exit 1
fi
for i in 0 1 2 3; do
  if [ -s "$dir/out/shard_$i.db" ]; then pass; else fail "shard $i wrote no database"; fi
done
# The same sweep unsharded (one task of one shard), outside Slurm: the merged result must equal it.
if SLURM_ARRAY_TASK_ID=0 SHARDS=1 OUT="$dir/direct" docs/examples/sweep_slurm.sh \
  && "$cisim" export "$dir/out/all.db" >"$dir/merged.csv" && "$cisim" export "$dir/direct/shard_0.db" >"$dir/direct.csv"; then
  if [ -s "$dir/merged.csv" ] && cmp -s "$dir/merged.csv" "$dir/direct.csv"; then
    pass
  else
    fail "the merged sweep differs from the unsharded one: $(diff "$dir/merged.csv" "$dir/direct.csv" | head -5)"
  fi
else
  fail "the unsharded sweep or an export failed"
fi
echo "cluster: $(sinfo -h -o '%n %c CPUs') ran job array $array"
finish
