#!/usr/bin/env bash
# Run one experiment (typically a sweep) as a Slurm job array, then merge the shards in a dependent job.
#
# Usage (on a login node, from anywhere; the jobs run in the repository root, which every node must see
# at the same path, like OUT):
#   experiments/slurm/sweep-array.sh CONFIG N OUT [SBATCH_OPTION...]
# e.g.
#   experiments/slurm/sweep-array.sh experiments/configs/quickstart.yaml 8 results/quickstart --time=30:00
#
# What it submits:
#   1. an array job `--array=1-N` (Slurm's task ids 1..N are exactly simulate's 1-based `--shard K/N`); task K runs
#        ./deepedge simulate CONFIG --shard K/N --out OUT.shards/shard-K --threads C $DEEPEDGE_SIM_OPTS
#      with C = the task's CPUs (`--cpus-per-task`, default 1);
#   2. a job `--dependency=afterok:ARRAY --kill-on-invalid-dep=yes` that runs
#        ./deepedge merge OUT OUT.shards/shard-1 .. OUT.shards/shard-N
#      only when every task succeeded (if one fails, Slurm cancels the merge instead of leaving it pending).
# Job logs go to OUT.shards/logs/. The shard folders stay (delete them when the merge is done); OUT is written
# like any result directory (new, or a previous result directory of this tool, replaced).
#
# Environment:
#   DEEPEDGE_SIM_OPTS   extra simulate options for every shard (default: --no-report, the merge draws the report);
#                       add --no-timing for results that are byte-identical to a single run's
#   DEEPEDGE_MERGE_OPTS extra merge options (default: none; --no-report skips the plots)
#   DEEPEDGE_JAVA_OPTS  JVM options of the launcher (exported to the jobs like the rest of the environment)
# Before submitting, the script builds the CLI once here (./deepedge --version), so the N tasks never build
# concurrently. It prints the two job ids on its last line: `array JOBID merge JOBID`.
#
# The merged runs.csv, services.csv and summary.csv equal a single run's byte for byte (see README,
# "Sweeps on a Slurm cluster"); experiments/slurm/test-slurm.sh checks that on a real single-node Slurm.
set -euo pipefail

usage() {
  echo "usage: $0 CONFIG N OUT [SBATCH_OPTION...]" >&2
  exit 2
}
(($# >= 3)) || usage
config=$1 shards=$2 out=${3%/}
shift 3
problems=()
[[ -f $config || $config == /dev/stdin ]] || problems+=("CONFIG: not a file ($config), expected an experiment YAML file")
[[ $config != /dev/stdin ]] || problems+=("CONFIG: /dev/stdin cannot be read by N jobs, expected a file")
[[ $shards =~ ^[1-9][0-9]{0,3}$ ]] || problems+=("N: not a shard count ($shards), expected an integer 1..9999")
[[ -n $out ]] || problems+=("OUT: empty, expected a path to a new folder or a previous result directory")
command -v sbatch >/dev/null || problems+=("sbatch: not found, expected a Slurm client (Debian: slurm-client)")
if ((${#problems[@]})); then
  printf '%s\n' "${problems[@]}" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
abs() { [[ $1 == /* ]] && printf '%s' "$1" || printf '%s/%s' "$PWD" "$1"; }
config=$(abs "$config")
out=$(abs "$out")
parts="$out.shards"
mkdir -p "$parts/logs"

# one build here, never N concurrent ones in the tasks
"$root/deepedge" --version >/dev/null

q() { printf '%q' "$1"; }
sim_opts=${DEEPEDGE_SIM_OPTS---no-report}
merge_opts=${DEEPEDGE_MERGE_OPTS-}
# $SLURM_ARRAY_TASK_ID and $SLURM_CPUS_PER_TASK are expanded by the job's shell, not here
shard_cmd="exec ./deepedge simulate $(q "$config") --shard \$SLURM_ARRAY_TASK_ID/$shards \
--out $(q "$parts")/shard-\$SLURM_ARRAY_TASK_ID --threads \${SLURM_CPUS_PER_TASK:-1} $sim_opts"
merge_cmd="exec ./deepedge merge $(q "$out")"
for ((k = 1; k <= shards; k++)); do
  merge_cmd+=" $(q "$parts/shard-$k")"
done
merge_cmd+=" $merge_opts"

name="deepedge-$(basename "$config" .yaml)"
array_id=$(sbatch --parsable --job-name="$name" --array="1-$shards" --chdir="$root" \
  --output="$parts/logs/shard-%a.out" "$@" --wrap="$shard_cmd")
array_id=${array_id%%;*}
merge_id=$(sbatch --parsable --job-name="$name-merge" --dependency="afterok:$array_id" --kill-on-invalid-dep=yes \
  --chdir="$root" --output="$parts/logs/merge.out" "$@" --wrap="$merge_cmd")
merge_id=${merge_id%%;*}
echo "submitted: $shards shard tasks write $parts/shard-K, then the merge writes $out (logs in $parts/logs)"
echo "array $array_id merge $merge_id"
