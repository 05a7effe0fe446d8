#!/usr/bin/env bash
# End-to-end test of experiments/slurm/sweep-array.sh on a real single-node Slurm started here, then torn down.
#
#   bash experiments/slurm/test-slurm.sh      (as root; .ci/run calls it)
#
# 1. Installs Debian's slurm-wlm and munge when slurmctld, slurmd or munged is missing (apt-get).
# 2. Starts, as root and without systemd, a private munged (own key, socket, pid and log files), slurmctld and
#    slurmd for this host (its real hostname, reached at 127.0.0.1, CPUs = min(2, nproc)) from a slurm.conf
#    written into a private temporary folder, on two free TCP ports; the clients find it through SLURM_CONF. Nothing of the machine's
#    own Slurm or munge (/etc/slurm, /etc/munge, /run/munge, ports 6817/6818) is read, written or stopped.
# 3. Runs experiments/slurm/tiny-sweep.yaml once on this machine, then as a job array of SHARDS tasks plus the
#    dependent merge (sweep-array.sh), waits for both (squeue polling, TIMEOUT_SEC), checks every job ended
#    COMPLETED with exit code 0, and compares the merged runs.csv, services.csv and summary.csv with the
#    single run's byte for byte (the merge contract, README "Sweeps on a Slurm cluster").
# 4. On exit, whatever happened: cancels its jobs, stops the three daemons it started (by their pids) and any
#    job step still running under its private config, and removes its temporary folder.
#
# Exit codes: 0 merged shards equal the single run; 1 a failure (a job failed, the files differ, a timeout
# after Slurm came up, packages cannot be installed); 77 SKIPPED: this machine does not allow the test (not
# root, or munged, slurmctld or slurmd cannot start here); the reason and the daemon's log are printed.
# Environment: SHARDS (default 4), TIMEOUT_SEC for the jobs (default 90), KEEP_STATE=1 keeps the folder.
set -euo pipefail

readonly SKIP=77
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
shards=${SHARDS:-4}
timeout_sec=${TIMEOUT_SEC:-90}
config=experiments/slurm/tiny-sweep.yaml
t0=$SECONDS

say() { echo "slurm-test: $*" >&2; }
skip() { say "SKIPPED (exit $SKIP): $*"; exit $SKIP; }
fail() { say "FAILED: $*"; exit 1; }

[[ $(id -u) -eq 0 ]] || skip "needs root to start munged, slurmctld and slurmd (uid $(id -u))"
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && apt-get install -y -q slurm-wlm munge; } >&2 || fail "apt-get install slurm-wlm munge failed"
fi

state=$(mktemp -d /tmp/deepedge-slurm.XXXXXX)
# munged requires its socket folder and every parent to be searchable by all (and writable by root only)
chmod 755 "$state"
export SLURM_CONF="$state/slurm.conf"
declare -A daemon_pid=()
array_id="" merge_id=""

show_log() {
  [[ -s $1 ]] || return 0
  say "--- last lines of $1"
  tail -n 20 "$1" >&2
}

# job steps (slurmstepd) are not children of slurmd; ours are the ones whose environment names our config
our_steps() {
  local p
  for p in /proc/[0-9]*; do
    [[ $(cat "$p/comm" 2>/dev/null) == slurmstepd ]] || continue
    { tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -qxF "SLURM_CONF=$SLURM_CONF" && echo "${p#/proc/}"
  done
  return 0
}

stop_pid() {
  local pid=$1 i
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$? name pid i
  trap - EXIT INT TERM
  if [[ -n ${daemon_pid[slurmctld]:-} ]]; then
    [[ -z $array_id ]] || scancel "$array_id" ${merge_id:+"$merge_id"} 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      [[ -n $(our_steps) ]] || break
      sleep 0.1
    done
  fi
  for pid in $(our_steps); do stop_pid "$pid"; done
  for name in slurmd slurmctld munged; do
    [[ -z ${daemon_pid[$name]:-} ]] || stop_pid "${daemon_pid[$name]}"
  done
  if [[ ${KEEP_STATE:-0} == 1 ]]; then
    say "kept $state"
  else
    rm -rf "$state"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_ports=()
for ((port = 36817; port < 36917 && ${#free_ports[@]} < 2; port++)); do
  port_free "$port" && free_ports+=("$port")
done
((${#free_ports[@]} == 2)) || skip "no two free TCP ports in 36817..36916 for slurmctld and slurmd"

host=$(hostname -s)
cpus=$(nproc)
((cpus <= 2)) || cpus=2

# munge: a private key and socket, so the machine's munged (if any) is neither used nor disturbed
mkdir -m 755 "$state/munge"
mkdir -m 700 "$state/munge-key"
mungekey --create --keyfile="$state/munge-key/munge.key" >/dev/null 2>&1 ||
  dd if=/dev/urandom of="$state/munge-key/munge.key" bs=1024 count=1 status=none
chmod 600 "$state/munge-key/munge.key"
munged --foreground --key-file="$state/munge-key/munge.key" --socket="$state/munge/munge.socket" \
  --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log" --seed-file="$state/munge/munged.seed" \
  >"$state/munge/munged.out" 2>&1 &
daemon_pid[munged]=$!

mkdir -m 700 "$state/ctld" "$state/spool"
cat >"$SLURM_CONF" <<EOF
# written by $0 for one test run; removed on exit
ClusterName=deepedge-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmctldPort=${free_ports[0]}
SlurmdPort=${free_ports[1]}
AuthType=auth/munge
AuthInfo=socket=$state/munge/munge.socket
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
PlugStackConfig=$state/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
: >"$state/plugstack.conf"

wait_for() { # SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.2 s
  local limit=$1 what=$2 i
  shift 2
  for ((i = 0; i < limit * 5; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  say "$what: not within $limit s"
  return 1
}
alive() { kill -0 "${daemon_pid[$1]}" 2>/dev/null; }

wait_for 10 "munged answers" munge -n --socket="$state/munge/munge.socket" ||
  { show_log "$state/munge/munged.log"; show_log "$state/munge/munged.out"; skip "munged cannot start on this machine"; }

slurmctld -D -f "$SLURM_CONF" >"$state/slurmctld.out" 2>&1 &
daemon_pid[slurmctld]=$!
if ! wait_for 20 "slurmctld answers scontrol ping" bash -c 'scontrol ping | grep -q "is UP"'; then
  show_log "$state/slurmctld.log"; show_log "$state/slurmctld.out"
  skip "slurmctld cannot start on this machine"
fi

slurmd -D -f "$SLURM_CONF" -N "$host" >"$state/slurmd.out" 2>&1 &
daemon_pid[slurmd]=$!
if ! wait_for 30 "node $host idle" bash -c "sinfo -h -n '$host' -o %t | grep -qx idle"; then
  show_log "$state/slurmd.log"; show_log "$state/slurmd.out"; sinfo -N -l >&2 || true
  skip "slurmd cannot start on this machine (node $host not idle)"
fi
say "single-node Slurm up in $((SECONDS - t0)) s: $host, $cpus CPUs, ports ${free_ports[*]}, SLURM_CONF=$SLURM_CONF"

# the reference: the same config run at once on this machine (also builds the CLI if sources changed)
./deepedge simulate "$config" --out "$state/single" --no-timing --no-report --quiet >/dev/null

submitted=$(DEEPEDGE_SIM_OPTS="--no-timing --no-report" DEEPEDGE_MERGE_OPTS="--no-report" \
  experiments/slurm/sweep-array.sh "$config" "$shards" "$state/merged")
read -r _ array_id _ merge_id <<<"$(tail -n 1 <<<"$submitted")"
[[ $array_id =~ ^[0-9]+$ && $merge_id =~ ^[0-9]+$ ]] || fail "sweep-array.sh printed no job ids: $submitted"
say "submitted array job $array_id (tasks 1-$shards) and merge job $merge_id"

if ! wait_for "$timeout_sec" "jobs $array_id and $merge_id finished" \
  bash -c "[[ -z \$(squeue -h -j $array_id,$merge_id -o %i) ]]"; then
  squeue >&2 || true
  fail "the jobs did not finish within $timeout_sec s"
fi

# every array task and the merge ended COMPLETED with exit code 0 (MinJobAge keeps them in scontrol; this
# private cluster runs no other job)
states=$(scontrol -o show job)
ok=$(grep -cE 'JobState=COMPLETED .*ExitCode=0:0' <<<"$states" || true)
total=$(grep -c '^JobId=' <<<"$states" || true)
if ((ok != shards + 1 || total != shards + 1)); then
  grep -oE '^JobId=[0-9]+ |ArrayTaskId=[0-9]+ |JobState=[A-Z_]+ |ExitCode=[0-9:]+ ' <<<"$states" | paste -sd' ' >&2 || true
  for f in "$state/merged.shards/logs/"*; do show_log "$f"; done
  fail "expected $((shards + 1)) jobs COMPLETED with exit code 0, got $ok of $total"
fi

for f in runs.csv services.csv summary.csv; do
  cmp "$state/single/$f" "$state/merged/$f" >&2 || fail "merged $f differs from the single run's"
done
rows=$(($(wc -l <"$state/single/runs.csv") - 1))
say "OK: $shards array tasks + merge on Slurm; merged runs.csv ($rows runs), services.csv and summary.csv equal the single run byte for byte ($((SECONDS - t0)) s in all)"
