#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A cisim sweep split over a Slurm job array: each array task runs one shard into its own
# SQLite file; the last step merges them. Submit with
#   sbatch --array=0-3 docs/examples/sweep_slurm.sh          (then run it once more with MERGE=1)
# or with the merge as a job that waits for the shards:
#   array=$(sbatch --parsable --array=0-3 docs/examples/sweep_slurm.sh)
#   MERGE=1 sbatch --dependency=afterok:$array docs/examples/sweep_slurm.sh
# tests/cluster/slurm_sweep.sh runs exactly this on a real one-node Slurm. Without Slurm, set
# SLURM_ARRAY_TASK_ID yourself:
#   for i in 0 1 2 3; do SLURM_ARRAY_TASK_ID=$i SHARDS=4 docs/examples/sweep_slurm.sh; done
#   MERGE=1 SHARDS=4 docs/examples/sweep_slurm.sh
#SBATCH --job-name=cisim-sweep
#SBATCH --cpus-per-task=2
#SBATCH --time=01:00:00
set -euo pipefail
CISIM="${CISIM:-build/cisim}"
SCENARIO="${SCENARIO:-scenarios/queue_mmc.yaml}"
OUT="${OUT:-sweep_results}"
SHARDS="${SHARDS:-4}"
mkdir -p "$OUT"
if [ "${MERGE:-0}" = 1 ]; then
  "$CISIM" merge "$OUT/all.db" "$OUT"/shard_*.db
  exit 0
fi
task="${SLURM_ARRAY_TASK_ID:?set SLURM_ARRAY_TASK_ID (Slurm does) or MERGE=1}"
# --resume makes a requeued task continue where it stopped.
"$CISIM" sweep "$SCENARIO" \
  --vary facilities.station.officers.count=10:13:4 \
  --vary streams.poisson.arrivals.rate=8/min,9/min \
  --set horizon=3d --replications 3 --threads "${SLURM_CPUS_PER_TASK:-2}" \
  --shard "$task/$SHARDS" --db "$OUT/shard_$task.db" --resume --quiet
