#!/usr/bin/env bash
# Does losing an agent mid-job cost accuracy? (README "Fidelity study", issue target: accuracy_after within 1 %.)
# Runs experiments/configs/testbed-failure.yaml (agent `mid` SIGKILLed at 8 s, restarted 10 s later) and the same
# file without its `failures` block, on the testbed, with the same seed: replication r of both runs shares its data,
# drift and base model, so the pair differs by the fault alone. Prints accuracy_after per policy and replication,
# the paired difference, and the mean |difference|.
#
#   experiments/fidelity/fault-accuracy.sh [--replications N] [--samples N] [--epochs E] [--out DIR]
#
#   --replications N  runs per policy and side (default 2)
#   --samples N       training.samples of both sides (default: the config's 1,280)
#   --epochs E        training.epochs of both sides (default: the config's 1)
#   --out DIR         a NEW folder (default out/fault-accuracy-<UTC time>); an existing path is refused (exit 2)
#
# A pair whose fault came after its job had finished (no re-plan, no work lost) is listed but left out of the
# statistics: it compares a run with itself.
#
# Built as DIR.partial and renamed when complete; Ctrl-C removes DIR.partial; a failed step leaves it with its logs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DE="$ROOT/deepedge"
CONFIG="$ROOT/experiments/configs/testbed-failure.yaml"
REPS=2
OUT=""
SAMPLES=""
EPOCHS=""
usage() { sed -n '8,13p' "$0" | sed 's/^# \{0,1\}//' >&2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --replications)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "fault-accuracy.sh: --replications needs a positive whole number (${2:-})" >&2; exit 2; }
      REPS="$2"; shift 2 ;;
    --samples)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "fault-accuracy.sh: --samples needs a positive whole number (${2:-})" >&2; exit 2; }
      SAMPLES="$2"; shift 2 ;;
    --epochs)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "fault-accuracy.sh: --epochs needs a positive whole number (${2:-})" >&2; exit 2; }
      EPOCHS="$2"; shift 2 ;;
    --out) [[ $# -ge 2 ]] || { echo "fault-accuracy.sh: --out needs a DIR" >&2; exit 2; }; OUT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "fault-accuracy.sh: unknown argument ($1), expected --replications N, --samples N, --epochs E or --out DIR" >&2; usage; exit 2 ;;
  esac
done
OUT="${OUT:-$ROOT/out/fault-accuracy-$(date -u +%Y%m%dT%H%M%SZ)}"
source "$(dirname "${BASH_SOURCE[0]}")/out-dir.sh"
out_dir_start fault-accuracy.sh "$OUT"

sed -e "s/^replications: .*/replications: $REPS/" \
    -e "${SAMPLES:+s/^  samples: .*/  samples: $SAMPLES/}" -e "${EPOCHS:+s/^  epochs: .*/  epochs: $EPOCHS/}" \
    "$CONFIG" > "$WORK/fault.yaml"
# the same experiment without the fault: drop the failures block (up to the next top-level key)
awk '/^failures:/ { skip = 1; next } skip && /^[^ #-]/ { skip = 0 } !skip' "$WORK/fault.yaml" \
  | sed -e 's/^name: .*/name: testbed-failure-nofault/' > "$WORK/nofault.yaml"
grep -q '^failures:' "$WORK/fault.yaml" || { echo "fault-accuracy.sh: $CONFIG has no failures block" >&2; exit 1; }
for side in fault nofault; do
  log "testbed $side ($REPS replications per policy)"
  "$DE" testbed "$WORK/$side.yaml" --local --out "$WORK/$side" > "$WORK/$side.out" 2> "$WORK/$side.log"
done
# runs.csv columns by name: policy, replication, seed, accuracy_after, failures, work_lost_sec
awk -F, '
  FNR == 1 { for (i = 1; i <= NF; i++) col[FILENAME, $i] = i; next }
  { side = (FILENAME ~ /nofault/) ? "nofault" : "fault"
    key = $col[FILENAME, "policy"] SUBSEP $col[FILENAME, "replication"]
    acc[side, key] = $col[FILENAME, "accuracy_after"]; seed[side, key] = $col[FILENAME, "seed"]
    if (side == "fault") { keys[key] = 1; lost[key] = $col[FILENAME, "work_lost_sec"]; fails[key] = $col[FILENAME, "failures"]
                           replans[key] = $col[FILENAME, "replans"] } }
  END {
    print "| policy | replication | failures | re-plans | work lost (s) | accuracy_after with fault | without | difference (points) |"
    print "| --- | --- | --- | --- | --- | --- | --- | --- |"
    n = 0; sum = 0; worst = 0
    for (k in keys) {
      split(k, p, SUBSEP)
      if (seed["fault", k] != seed["nofault", k]) { printf "seeds differ for %s r%s\n", p[1], p[2] > "/dev/stderr"; exit 1 }
      d = (acc["fault", k] - acc["nofault", k]) * 100
      hit = replans[k] > 0 || lost[k] > 0
      printf "| %s | %s | %s | %s | %.2f | %.4f | %.4f | %+.2f%s |\n", p[1], p[2], fails[k], replans[k], lost[k], \
        acc["fault", k], acc["nofault", k], d, hit ? "" : " (fault after the job: left out)"
      if (!hit) continue
      n++; sum += (d < 0 ? -d : d); if ((d < 0 ? -d : d) > worst) worst = (d < 0 ? -d : d)
    }
    if (n == 0) { print "\nno pair had its fault during the job (it finished before atSec): nothing measured"; exit 0 }
    printf "\nmean |difference| %.2f points, worst %.2f points over %d pairs whose fault hit the job (target: within 1 point)\n", sum / n, worst, n
  }' "$WORK/fault/runs.csv" "$WORK/nofault/runs.csv" > "$WORK/fault-accuracy.md"
out_dir_finish
cat "$OUT/fault-accuracy.md"
echo "study: $OUT"
