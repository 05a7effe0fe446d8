#!/usr/bin/env bash
# The fidelity study in one command (README "Fidelity study"): profile this machine's agents, simulate the digital
# twin and run the testbed at three LC load levels for every policy, validate, and print one table.
#
#   experiments/fidelity/run.sh [--quick] [--measure-sec SEC] [--points N] [--replicates N] [--replications N]
#                               [--sim-replications N] [--profile FILE] [--profile-after] [--refresh]
#                               [--speed-trace] [--repeat] [--out DIR]
#
#   --quick         1 replication per policy and a short profile (5 points, 1.5 s per condition): a few minutes
#   --replications N  testbed runs per policy and level (default 2; each adds about 7 minutes to the study)
#   --sim-replications N  the twin's replications per policy and level (default 20; 1..999): fidelity.md says how
#                   many each side needs to resolve +/-10 % (the twin's runs take seconds, the testbed's minutes)
#   --measure-sec SEC  the profile's length of each condition at each design point (default: profile's 2.5 s)
#   --points N      the profile's design points per device (default: profile's 8; 5..64)
#   --replicates N  the profile measures each held-out point N times in all (default 1; 1..5): its held-out errors
#                   against the mean, and how far one point's measurements lie apart (a table in fidelity.md)
#   --profile FILE  reuse a profile file written by ./deepedge profile instead of profiling (copied into DIR)
#   --profile-after profile again after the testbed (after/profile.yaml), simulate and validate the twin with it too,
#                   and show how far the two profiles lie apart (./deepedge profile-diff): the machine's own drift
#   --refresh       right before the testbed, a short profile (5 points, the same --measure-sec: refresh/short.yaml)
#                   brings the profile's drifting figures up to date (experiments/fidelity/refresh.py: the CPU per
#                   request and the training throughput, scaled; refresh/profile.yaml); the twin is simulated and
#                   validated on it too (refresh/sim/, refresh/validation/) and fidelity.md shows both twins
#   --speed-trace   after the profile, the host-speed probe alone on the machine for 180 s (the agents' request
#                   path, trace/host-speed.csv) given to the profile's devices (experiments/fidelity/speedtrace.py,
#                   trace/profile.yaml): the twin replays it within each run; it is simulated and validated on it
#                   too (trace/sim/, trace/validation/) and fidelity.md shows both twins
#   --repeat        run the testbed a second time on the same twin.yaml (real-repeat/) and compare the two real runs
#                   (./deepedge validate --repeatability, repeatability/): how far the testbed lies from itself, the
#                   floor the twin's errors are read against (adds the testbed's time again); fidelity.md
#                   also compares the twin with both passes' runs pooled (pooled.py: twice the runs a cell)
#   --out DIR       a NEW folder (default out/fidelity-<UTC time>); an existing path is refused (exit 2)
#
# Everything goes into DIR, built as DIR.partial and renamed when complete: an interrupted study leaves no DIR and
# removes its own DIR.partial; a failed step leaves DIR.partial with its logs (never DIR). Inside: profile.yaml, twin.yaml (the config both halves ran), sim/,
# real/, validation/ (./deepedge's own result directories), conditioned/ (the twin given each real run's CPU cost of the
# loaded device, experiments/fidelity/conditioned.py), fidelity.md (the table) and the commands' logs; with
# --profile-after also after/ (profile.yaml measured after the testbed, twin.yaml, sim/, validation/, profile-drift.csv);
# with --refresh also refresh/ (short.yaml, profile.yaml refreshed by it, factors.md, twin.yaml, sim/, validation/);
# with --speed-trace also trace/ (host-speed.csv, profile.yaml with it, factors.md, twin.yaml, sim/, validation/);
# with --repeat also real-repeat/ (the second testbed run) and repeatability/ (the two real runs compared), and
# fidelity.md compares the twin with both runs pooled too (experiments/fidelity/pooled.py); when the
# profile recorded its host for every device, also hosts/ (factors.md, sim/ on the testbed runs' hosts, validation/)
# and, when the testbed wrote host-steps.csv, hoststeps/ (the same on each run's host second by second).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DE="$ROOT/deepedge"
BASE_CONFIG="$ROOT/experiments/configs/testbed-twin.yaml"
PROFILED_CONFIG="$ROOT/experiments/configs/testbed-fidelity.yaml"
# The loaded device and its service whose utilisation sets the load levels (standalone rate x mean service time).
LOADED_DEVICE=big
LOADED_SERVICE=classifier
LEVELS=(light medium heavy)
UTILISATIONS=(0.3 0.55 0.8)
SIM_REPLICATIONS=20
# --refresh: the short profile's points (README "Refreshing a profile"); its conditions are as long as the profile's,
# so the two measure alike and differ by the machine's drift only
REFRESH_POINTS=5
# --speed-trace: how long the host-speed probe runs (README "The host's speed within a run")
PROBE_SEC=180

usage() { sed -n '5,32p' "$0" | sed 's/^# \{0,1\}//' >&2; }
QUICK=0
MEASURE_SEC=""
POINTS=""
REPLICATES=""
REPLICATIONS=""
PROFILE=""
PROFILE_AFTER=0
REFRESH=0
SPEED_TRACE=0
REPEAT=0
OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1; shift ;;
    --measure-sec)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "run.sh: --measure-sec needs a number of seconds (${2:-})" >&2; exit 2; }
      MEASURE_SEC="$2"; shift 2 ;;
    --points)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]?$ && "$2" -ge 5 && "$2" -le 64 ]] || { echo "run.sh: --points needs a whole number 5..64 (${2:-})" >&2; exit 2; }
      POINTS="$2"; shift 2 ;;
    --replicates)
      [[ $# -ge 2 && "$2" =~ ^[1-5]$ ]] || { echo "run.sh: --replicates needs a whole number 1..5 (${2:-})" >&2; exit 2; }
      REPLICATES="$2"; shift 2 ;;
    --replications)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]?$ ]] || { echo "run.sh: --replications needs a whole number 1..99 (${2:-})" >&2; exit 2; }
      REPLICATIONS="$2"; shift 2 ;;
    --sim-replications)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]{0,2}$ ]] || { echo "run.sh: --sim-replications needs a whole number 1..999 (${2:-})" >&2; exit 2; }
      SIM_REPLICATIONS="$2"; shift 2 ;;
    --profile) [[ $# -ge 2 ]] || { echo "run.sh: --profile needs a FILE" >&2; exit 2; }; PROFILE="$2"; shift 2 ;;
    --profile-after) PROFILE_AFTER=1; shift ;;
    --refresh) REFRESH=1; shift ;;
    --speed-trace) SPEED_TRACE=1; shift ;;
    --repeat) REPEAT=1; shift ;;
    --out) [[ $# -ge 2 ]] || { echo "run.sh: --out needs a DIR" >&2; exit 2; }; OUT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument ($1), expected --quick, --measure-sec SEC, --points N, --replicates N, --replications N, --sim-replications N, --profile FILE, --profile-after, --refresh, --speed-trace, --repeat or --out DIR" >&2; usage; exit 2 ;;
  esac
done
if [[ -n "$PROFILE" ]] && ! head -n 5 "$PROFILE" 2>/dev/null | grep -q '^format: deepedge-profile/'; then
  echo "run.sh: --profile: not a profile file written by ./deepedge profile ($PROFILE), expected a format: deepedge-profile/1 file" >&2
  exit 2
fi
OUT="${OUT:-$ROOT/out/fidelity-$(date -u +%Y%m%dT%H%M%SZ)}"
source "$(dirname "${BASH_SOURCE[0]}")/out-dir.sh"
out_dir_start run.sh "$OUT"
REPS=2
PROFILE_ARGS=()
if [[ $QUICK -eq 1 ]]; then REPS=1; POINTS="${POINTS:-5}"; MEASURE_SEC="${MEASURE_SEC:-1.5}"; fi
REPS="${REPLICATIONS:-$REPS}"
if [[ -n "$MEASURE_SEC" ]]; then PROFILE_ARGS+=(--measure-sec "$MEASURE_SEC"); fi
if [[ -n "$POINTS" ]]; then PROFILE_ARGS+=(--points "$POINTS"); fi
if [[ -n "$REPLICATES" ]]; then PROFILE_ARGS+=(--replicates "$REPLICATES"); fi

# The machine's own speed, before the profile, before the testbed and after it: one thread hashing 16 KB blocks for
# 2 s (openssl speed, kB/s). A profile measured once carries any drift between those times into the twin (README
# "Throttled periods, twin against kernel": the same requests cost ~20 % less CPU 10-30 minutes after a profile).
machine_speed() {
  { openssl speed -seconds 2 -bytes 16384 sha256 2>/dev/null || true; } | awk '/^sha256/ { sub("k$", "", $2); print $2; f = 1 } END { if (!f) print "n/a" }'
}
SPEED_PROFILE="$(machine_speed)"
log "machine speed before the profile: $SPEED_PROFILE kB/s (openssl sha256, 16 KB blocks, one thread)"

# 1. the profile
if [[ -n "$PROFILE" ]]; then
  cp -- "$PROFILE" "$WORK/profile.yaml"
  log "profile: reusing $PROFILE"
else
  log "profile: $PROFILED_CONFIG"
  "$DE" profile "$PROFILED_CONFIG" --local --out "$WORK/profile.yaml" "${PROFILE_ARGS[@]}" \
    > "$WORK/profile.out" 2> "$WORK/profile.log"
  cat "$WORK/profile.out" >&2
fi

# 2. the twin config with the load levels: rates at the utilisations of the loaded service's standalone mean time
# the service's capacity time (agent CPU per request / quota) where the profile has it, else its mean service time
MEAN_MS=$(awk -v dev="$LOADED_DEVICE" -v svc="$LOADED_SERVICE" '
  /^- name: / { d = $3 } /^  - name: / { s = $3 }
  /^    meanMs: / && d == dev && s == svc { mean = $2 }
  /^    capacityMs: / && d == dev && s == svc { cap = $2 }
  END { if (cap > 0) print cap; else if (mean != "") print mean }' "$WORK/profile.yaml")
[[ -n "$MEAN_MS" ]] || { echo "run.sh: the profile has no service $LOADED_SERVICE on $LOADED_DEVICE" >&2; exit 1; }
RATES=()
for u in "${UTILISATIONS[@]}"; do RATES+=("$(awk -v u="$u" -v m="$MEAN_MS" 'BEGIN { printf "%.1f", u * 1000 / m }')"); done
log "load levels: ${LEVELS[*]} = utilisation ${UTILISATIONS[*]} of $LOADED_SERVICE (capacity $MEAN_MS ms per request) = ${RATES[*]} req/s"
{
  sed -e 's#profiles/testbed-fidelity.yaml#profile.yaml#' -e "s/^replications: .*/replications: $REPS/" "$BASE_CONFIG"
  echo "sweep:"
  echo "  services.$LOADED_SERVICE.arrivals.poisson.ratePerSec: [$(IFS=,; echo "${RATES[*]}" | sed 's/,/, /g')]"
} > "$WORK/twin.yaml"

# 3. the twin, the testbed, the comparison (each command writes its own directory completely or not at all)
# a second twin (--speed-trace, --refresh): $1 its directory under DIR, $2 what the log says of it, $3.. the script
# and its arguments that write its profile.yaml there and print its factors (DIR/$1/factors.md); the same config text
# with profile.yaml resolved next to it, so validate compares it with the same real runs
simulate_second_twin() {
  local dir="$WORK/$1" what="$2"
  shift 2
  python3 "$@" > "$dir/factors.md"
  cp -- "$WORK/twin.yaml" "$dir/twin.yaml"
  log "simulate the twin $what"
  "$DE" simulate "$dir/twin.yaml" --replications "$SIM_REPLICATIONS" --out "$dir/sim" --quiet > "$dir/sim.out" 2>&1
}
log "simulate ($SIM_REPLICATIONS replications per policy and level)"
"$DE" simulate "$WORK/twin.yaml" --replications "$SIM_REPLICATIONS" --out "$WORK/sim" --quiet > "$WORK/sim.out" 2>&1
if [[ $SPEED_TRACE -eq 1 ]]; then
  # alone on the machine (the profile's agents have stopped, the testbed's have not started): the probe measures the
  # host, not the tool's own work
  mkdir "$WORK/trace"
  log "speed trace: the host-speed probe for $PROBE_SEC s"
  OMP_NUM_THREADS=1 java -Xmx512m -XX:TieredStopAtLevel=1 -Dbench.speedSec="$PROBE_SEC" -Dbench.speedOut="$WORK/trace/host-speed.csv" \
    -cp "$ROOT/experiments/target/deepedge.jar" io.deepedge.hw.bench.HwBench hostspeed \
    > "$WORK/trace/probe.out" 2> "$WORK/trace/probe.log"
  simulate_second_twin trace "with the host's speed series" "$(dirname "${BASH_SOURCE[0]}")/speedtrace.py" \
    "$WORK/profile.yaml" "$WORK/trace/host-speed.csv" "$WORK/trace/profile.yaml"
fi
if [[ $REFRESH -eq 1 ]]; then
  mkdir "$WORK/refresh"
  SHORT_ARGS=(--points "$REFRESH_POINTS")
  [[ -n "$MEASURE_SEC" ]] && SHORT_ARGS+=(--measure-sec "$MEASURE_SEC")
  log "refresh: a short profile right before the testbed (${SHORT_ARGS[*]})"
  "$DE" profile "$PROFILED_CONFIG" --local --out "$WORK/refresh/short.yaml" "${SHORT_ARGS[@]}" \
    > "$WORK/refresh/short.out" 2> "$WORK/refresh/short.log"
  simulate_second_twin refresh "on the refreshed profile" "$(dirname "${BASH_SOURCE[0]}")/refresh.py" \
    "$WORK/profile.yaml" "$WORK/refresh/short.yaml" "$WORK/refresh/profile.yaml"
fi
SPEED_TESTBED="$(machine_speed)"
log "machine speed before the testbed: $SPEED_TESTBED kB/s"
log "testbed ($REPS replications per policy and level)"
"$DE" testbed "$WORK/twin.yaml" --local --out "$WORK/real" > "$WORK/real.out" 2> "$WORK/real.log"
log "validate"
"$DE" validate "$WORK/sim" "$WORK/real" --out "$WORK/validation" > "$WORK/validation.out" 2>&1
# the twin again, each run on the host its testbed run met (simulate --host-speed; README "The twin on the testbed's
# hosts"): when the profile recorded its host for every device (profile --local does), as many runs as the testbed
if [[ "$(grep -c '^  hostProbe:' "$WORK/profile.yaml")" -eq "$(grep -c '^- name:' "$WORK/profile.yaml")" ]]; then
  mkdir "$WORK/hosts"
  log "simulate the twin on the testbed runs' hosts ($REPS replications, --host-speed real)"
  # twin.yaml itself (its profile.yaml beside it), so validate compares the same config text with the same real runs
  "$DE" simulate "$WORK/twin.yaml" --replications "$REPS" --host-speed "$WORK/real" --out "$WORK/hosts/sim" \
    --quiet > "$WORK/hosts/sim.out" 2>&1
  awk -F, 'NR > 1 && $4 != "" { n++; s += $4; if (min == "" || $4 < min) min = $4; if ($4 > max) max = $4 }
    END { printf "Each twin run simulated on its testbed run'"'"'s host: the testbed runs'"'"' probe %.1f-%.1f ms (mean %.1f over %d runs),", min, max, s / n, n }' \
    "$WORK/real/host-speed.csv" > "$WORK/hosts/factors.md"
  # each device's block as profile writes it: "  hostProbe:", then "    probes: N" and "    cpuMs: X"
  awk '/^  hostProbe:/ { in_probe = 1; next } in_probe && $1 == "probes:" { p = $2; next }
    in_probe && $1 == "cpuMs:" { n += p; s += p * $2; in_probe = 0; next } { in_probe = 0 }
    END { printf " the profile'"'"'s %.1f ms (its devices'"'"' %d steps pooled).\n", s / n, n }' \
    "$WORK/profile.yaml" >> "$WORK/hosts/factors.md"
fi
# and on each run's host second by second (simulate --host-trace; README "The twin on the testbed's hosts, second by
# second"): the testbed's probe steps over the whole run, where --host-speed takes their mean over the job alone
if [[ -d "$WORK/hosts" && -f "$WORK/real/host-steps.csv" ]]; then
  mkdir "$WORK/hoststeps"
  log "simulate the twin on the testbed runs' hosts second by second ($REPS replications, --host-trace real)"
  "$DE" simulate "$WORK/twin.yaml" --replications "$REPS" --host-trace "$WORK/real" --out "$WORK/hoststeps/sim" \
    --quiet > "$WORK/hoststeps/sim.out" 2>&1
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { n++; ms = $col["probe_cpu_ms"]; if (min == "" || ms < min) min = ms; if (ms > max) max = ms; runs[$col["policy"] "/" $col["replication"] "/" $NF] = 1 }
    END { r = 0; for (k in runs) r++
      printf "Each twin run followed its testbed run'"'"'s probe steps second by second: %d steps over %d runs, %.1f-%.1f ms a step (each second the mean of the CPUs'"'"' speeds against the profile'"'"'s host).\n", n, r, min, max }' \
    "$WORK/real/host-steps.csv" > "$WORK/hoststeps/factors.md"
fi
for second in refresh trace hosts hoststeps; do
  if [[ -d "$WORK/$second/sim" ]]; then
    "$DE" validate "$WORK/$second/sim" "$WORK/real" --out "$WORK/$second/validation" \
      > "$WORK/$second/validation.out" 2>&1
  fi
done
if [[ $REPEAT -eq 1 ]]; then
  log "testbed again on the same twin.yaml ($REPS replications per policy and level), compared with the first"
  "$DE" testbed "$WORK/twin.yaml" --local --out "$WORK/real-repeat" > "$WORK/real-repeat.out" 2> "$WORK/real-repeat.log"
  "$DE" validate "$WORK/real-repeat" "$WORK/real" --repeatability --out "$WORK/repeatability" \
    > "$WORK/repeatability.out" 2>&1
fi

# 4. the table
# the profile's own output holds its errors over every device's held-out points together (none when reused)
PROFILE_OUT=(); [[ -f "$WORK/profile.out" ]] && PROFILE_OUT=("$WORK/profile.out")
"$(dirname "${BASH_SOURCE[0]}")/table.sh" "$WORK/validation/validation.csv" "$WORK/profile.yaml" \
  "$(IFS=,; echo "${LEVELS[*]}")" "$(IFS=,; echo "${RATES[*]}")" "$(cut -d' ' -f1-3 /proc/loadavg)" \
  "${PROFILE_OUT[@]}" > "$WORK/fidelity.md.tmp"
SPEED_END="$(machine_speed)"
log "machine speed after the testbed: $SPEED_END kB/s"

# 4b. with --profile-after: the same profile again right after the testbed, and the same twin config run on it (the
# config text is the same, so validate compares it with the same real runs)
if [[ $PROFILE_AFTER -eq 1 ]]; then
  mkdir "$WORK/after"
  log "profile again after the testbed: $PROFILED_CONFIG"
  "$DE" profile "$PROFILED_CONFIG" --local --out "$WORK/after/profile.yaml" "${PROFILE_ARGS[@]}" \
    > "$WORK/after/profile.out" 2> "$WORK/after/profile.log"
  cp -- "$WORK/twin.yaml" "$WORK/after/twin.yaml"
  log "simulate the twin on the later profile, validate"
  "$DE" simulate "$WORK/after/twin.yaml" --replications "$SIM_REPLICATIONS" --out "$WORK/after/sim" --quiet \
    > "$WORK/after/sim.out" 2>&1
  "$DE" validate "$WORK/after/sim" "$WORK/real" --out "$WORK/after/validation" > "$WORK/after/validation.out" 2>&1
  "$DE" profile-diff "$WORK/profile.yaml" "$WORK/after/profile.yaml" --csv > "$WORK/after/profile-drift.csv"
fi

# a table one of this folder's Python scripts prints: python_table WHAT HEADING SCRIPT ARGS... prints HEADING and the
# script's output, or "(WHAT: n/a, why)" without python3 or when the script fails (its last line says why)
python_table() {
  local what="$1" heading="$2" script="$3" out
  shift 3
  command -v python3 > /dev/null || { echo "($what: n/a, python3 not found)"; return; }
  if out="$(python3 "$(dirname "${BASH_SOURCE[0]}")/$script" "$@" 2>&1)"; then
    echo "$heading"
    echo
    echo "$out"
  else
    echo "($what: n/a, $(echo "$out" | tail -1))"
  fi
}
# 5. the twin given each real run's own CPU cost of the loaded device, where it only serves (README "The agents' cost
# moves between runs"): what is left of the error then is the model's, not the machine's drift
conditioned_table() {
  log "the twin given each run's CPU cost of $LOADED_DEVICE (conditioned.py)"
  python_table "the twin given each run's CPU cost" \
    "The twin given each real run's own CPU per request of $LOADED_DEVICE, in the runs where it only serves (conditioned/conditioned.md):" \
    conditioned.py "$WORK" "$LOADED_DEVICE" "$WORK/conditioned"
}
# where the re-training times part: per level and policy, the row validate marks largest_in_cell in replication 0's
# timelines (validation-timeline.csv: the device and state with the largest difference, barrier and idle left out)
timeline_table() {
  local f="$WORK/validation/validation-timeline.csv"
  [[ -f "$f" ]] || { echo "(where the re-training times part: n/a, no validation-timeline.csv)"; return; }
  echo "Where the re-training times part (replication 0's timelines, validation/validation-timeline.csv):"
  echo
  echo "| rate (req/s) | policy | device | state | sim (s) | real (s) | sim - real (s) |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  awk -F, 'NR > 1 && $9 == "true" { printf "| %s | %s | %s | %s | %.2f | %.2f | %+.2f |\n", $NF, $1, $2, $3, $4, $5, $6 }' "$f"
}
# which device the rounds wait for on each side (stragglers.py): a twin a little fast on one device may wait for
# another one than the testbed, whose straggler starts every batch on what is left of its CPU budget
stragglers_table() {
  local f="$WORK/validation/validation-timeline.csv" rounds=()
  [[ -f "$f" ]] || { echo "(which device the rounds wait for: n/a, no validation-timeline.csv)"; return; }
  [[ -f "$WORK/real/rounds.csv" ]] && rounds=("$WORK/real/rounds.csv")
  python_table "which device the rounds wait for" \
    "Which device the rounds wait for (replication 0: the one with the least barrier time; stragglers.py):" \
    stragglers.py "$f" "${rounds[@]}"
}
# policies and grid points whose replication-0 plan in runs.csv $1 trains on other devices than in runs.csv $2
# (columns policy, replication and plan found by name; the last column is the swept value)
other_devices() {
  awk 'function devices(plan,   n, parts, i, out) {
         n = split(plan, parts, ";"); out = ""
         for (i = 1; i <= n; i++) { sub(/:.*/, "", parts[i]); out = out (i > 1 ? "+" : "") parts[i] }
         return out
       }
       BEGIN { FS = "," }
       FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
       $(col["replication"]) != "0" { next }
       { key = $(col["policy"]) " at " $NF " req/s" }
       FILENAME == ARGV[1] { twin[key] = $(col["plan"]); next }
       (key in twin) && devices(twin[key]) != devices($(col["plan"])) {
         printf "%s%s (twin %s, real %s)", sep, key, twin[key], $(col["plan"]); sep = "; " }' "$1" "$2"
}
# the headline metrics' median / max |error| cells of a validate summary in file $1
headline_cells() {
  local metric
  for metric in retrain_time_sec lc_p99_ms cpu_cores_used; do
    printf " %s |" "$(grep -o -m1 "$metric [0-9.]*%/[0-9.]*%" "$1" | head -1 | cut -d' ' -f2 | sed 's#/# / #')"
  done
  echo
}
# with --repeat: the twin against the testbed beside the testbed against itself, and the rows of the latter
repeat_table() {
  [[ $REPEAT -eq 1 ]] || return 0
  echo "The testbed against itself: twin.yaml run on the testbed a second time (real-repeat/) and compared with the"
  echo "first run (\`./deepedge validate real-repeat real --repeatability\`, repeatability/). How far two real runs of one"
  echo "config lie apart is the floor the twin's errors are read against:"
  echo
  echo "| comparison | retrain_time_sec median / max | lc_p99_ms median / max | cpu_cores_used median / max |"
  echo "| --- | --- | --- | --- |"
  printf "| twin against the testbed |"; headline_cells "$WORK/validation.out"
  printf "| the testbed against itself |"; headline_cells "$WORK/repeatability.out"
  echo
  echo "| rate (req/s) | policy | metric | second run | first run | rel error |"
  echo "| --- | --- | --- | --- | --- | --- |"
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    ($col["metric"] == "retrain_time_sec" || $col["metric"] == "lc_p99_ms") && $col["service"] == "" {
      rel = $col["rel_error"]
      printf "| %s | %s | %s | %.4g | %.4g | %s |\n", $NF, $col["policy"], $col["metric"], $col["sim_mean"],
        $col["real_mean"], rel == "" ? "n/a" : sprintf("%+.1f %%", 100 * rel) }' "$WORK/repeatability/validation.csv"
}
# with --repeat: the twin against both testbed passes together (pooled.py), twice the runs a cell of one pass
pooled_table() {
  [[ $REPEAT -eq 1 ]] || return 0
  python_table "the twin against both testbed passes pooled" \
    "The twin against both testbed passes pooled (real/ and real-repeat/ together, twice the runs a cell; pooled.py; the heavy level, ${RATES[${#RATES[@]}-1]} req/s, also summed up apart):" \
    pooled.py --apart "${RATES[${#RATES[@]}-1]}" "$WORK/sim" "$WORK/real" "$WORK/real-repeat"
}
# with --profile-after: the headline errors on each profile, and the figures that moved most between the two
after_table() {
  [[ $PROFILE_AFTER -eq 1 ]] || return 0
  echo "The twin on the profile measured before the testbed and on the same profile measured again right after it"
  echo "(after/; \`./deepedge profile-diff profile.yaml after/profile.yaml\` prints every figure):"
  echo
  echo "| profile | retrain_time_sec median / max | lc_p99_ms median / max | cpu_cores_used median / max |"
  echo "| --- | --- | --- | --- |"
  for side in before after; do
    local f="$WORK/validation.out"; [[ $side == after ]] && f="$WORK/after/validation.out"
    printf "| %s |" "$side"
    headline_cells "$f"
  done
  echo
  local differ
  differ="$(other_devices "$WORK/after/sim/runs.csv" "$WORK/real/runs.csv")"
  if [[ -n "$differ" ]]; then
    echo "The twin plans with the figures of the profile it runs on: on the later profile these replication-0 plans"
    echo "train on other devices than the real runs did, so those rows compare different plans: $differ."
  else
    echo "On the later profile the twin's replication-0 plans train on the same devices as the real runs."
  fi
  echo
  echo "The profile's figures that moved most, after against before (|change| >= 10 %; all in after/profile-drift.csv):"
  echo
  echo "| device | figure | before | after | change |"
  echo "| --- | --- | --- | --- | --- |"
  awk -F, 'NR > 1 && $5 != "" && ($5 >= 0.1 || $5 <= -0.1) {
    printf "| %s | %s | %.4g | %.4g | %+.1f %% |\n", $1, $2, $3, $4, 100 * $5 }' "$WORK/after/profile-drift.csv"
}
# a second twin beside the first (--refresh, --speed-trace): $1 its directory, $2 its name in the tables, $3.. the
# lines saying what it is; the headline errors of both, whether its plans differ, its factors, each row of both
second_twin_table() {
  local dir="$WORK/$1" name="$2"
  shift 2
  printf '%s\n' "$@"
  echo
  echo "| profile | retrain_time_sec median / max | lc_p99_ms median / max | cpu_cores_used median / max |"
  echo "| --- | --- | --- | --- |"
  printf "| as profiled |"; headline_cells "$WORK/validation.out"
  printf "| %s |" "$name"; headline_cells "$dir/validation.out"
  echo
  local differ
  differ="$(other_devices "$dir/sim/runs.csv" "$WORK/real/runs.csv")"
  if [[ -n "$differ" ]]; then
    echo "The $name twin's replication-0 plans train on other devices than the real runs did: $differ."
  else
    echo "The $name twin's replication-0 plans train on the same devices as the real runs."
  fi
  echo
  cat "$dir/factors.md"
  echo
  echo "| level | policy | retrain_time_sec, profiled / $name | lc_p99_ms, profiled / $name |"
  echo "| --- | --- | --- | --- |"
  awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    ($col["metric"] == "retrain_time_sec" || $col["metric"] == "lc_p99_ms") && $col["service"] == "" {
      k = $NF " | " $col["policy"]; rel = $col["rel_error"] == "" ? "n/a" : sprintf("%+.1f %%", 100 * $col["rel_error"])
      if (FILENAME == ARGV[1]) { a[k, $col["metric"]] = rel; if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
      else b[k, $col["metric"]] = rel }
    END { for (i = 1; i <= n; i++) { k = order[i]
      printf "| %s | %s / %s | %s / %s |\n", k, a[k, "retrain_time_sec"], b[k, "retrain_time_sec"], a[k, "lc_p99_ms"], b[k, "lc_p99_ms"] } }' \
    "$WORK/validation/validation.csv" "$dir/validation/validation.csv"
}
refresh_table() {
  [[ $REFRESH -eq 1 ]] || return 0
  second_twin_table refresh refreshed \
    "The twin on the profile and on the same profile refreshed by a short one measured right before the testbed" \
    "(refresh/; experiments/fidelity/refresh.py: each device's CPU per request and training throughput scaled by how" \
    "far the short profile's services-alone phases and design points lie from the profile's curve and model):"
}
trace_table() {
  [[ $SPEED_TRACE -eq 1 ]] || return 0
  second_twin_table trace traced \
    "The twin on the profile and on the same profile given the host's speed over time (trace/; the host-speed probe's" \
    "series, trace/host-speed.csv, over its mean, by experiments/fidelity/speedtrace.py; the twin replays it from an" \
    "offset drawn per replication, times the run's own draw):"
}
# validate's further lines, for the twin and, with --repeat, for the testbed against itself: $1 the line's words to
# find, $2 and $3 the two lines of text before them
validate_lines() {
  local lines
  # no such line (e.g. one replication: no host fit) is no table, not a failed study
  lines="$({ grep -h "$1" "$WORK/validation.out" 2>/dev/null || true; } | sed 's/^/- twin against the testbed: /')"
  [[ -n "$lines" ]] || return 0
  echo "$2"
  echo "$3"
  echo
  echo "$lines"
  grep -h "$1" "$WORK/repeatability.out" 2>/dev/null | sed 's/^/- the testbed against itself: /' || true
}
# the re-training error at the real runs' training CPU a sample (validation-cpu.csv)
cpu_lines() {
  validate_lines "at the real runs' training CPU" \
    "The re-training error at the real runs' training CPU a sample (validation/validation-cpu.csv; README" \
    "\"The re-training error at the real runs' training CPU a sample\"): what is left once the host's cost is the same:"
}
# the re-training times at the testbed's median host speed (validation-host.csv, from the testbed's host-speed.csv)
host_lines() {
  validate_lines "at the testbed's median host speed" \
    "The re-training times at the testbed's median host speed (validation/validation-host.csv; README \"host-speed.csv\"):" \
    "each testbed run's time taken to one host speed by the probe's slope within cells:"
}
# how many runs a cell each side needs for a row's error to be resolved to +/-10 % (validate's summary line), beside
# what this study ran: a target read off fewer runs is beyond what they resolve
resolve_lines() {
  local twin testbed
  twin="$(grep -o -m1 'runs a cell to resolve [^;]*' "$WORK/validation.out" 2> /dev/null || true)"
  [[ -n "$twin" ]] || { echo "(runs a cell to resolve +/-10 %: n/a, not in validation.out)"; return; }
  echo "Runs a cell to resolve the error (\`./deepedge validate\`'s summary, at each metric's median spread over this"
  echo "study's runs; another size with \`validate --resolve PCT\`; README \"Runs to resolve a target\"), against the"
  echo "$SIM_REPLICATIONS twin replications and $REPS testbed runs a cell this study made:"
  echo
  echo "- the twin against the testbed: ${twin#runs a cell to resolve }"
  if [[ $REPEAT -eq 1 ]]; then
    testbed="$(grep -o -m1 'runs a cell to resolve [^;]*' "$WORK/repeatability.out" 2> /dev/null || true)"
    [[ -z "$testbed" ]] || echo "- the testbed against itself (sim: the second pass): ${testbed#runs a cell to resolve }"
  fi
}
hosts_table() {
  [[ -d "$WORK/hosts/sim" ]] || return 0
  second_twin_table hosts host-replayed \
    "The twin as profiled and the same twin with each run on the host its testbed run met (hosts/; \`./deepedge simulate" \
    "twin.yaml --host-speed real\`: the quota-limited devices do profile / run probe of the profile's work per CPU second):"
}
hoststeps_table() {
  [[ -d "$WORK/hoststeps/sim" ]] || return 0
  second_twin_table hoststeps host-stepped \
    "The twin as profiled and the same twin with each run on its testbed run's host second by second (hoststeps/;" \
    "\`./deepedge simulate twin.yaml --host-trace real\`: the quota-limited devices follow the run's probe steps):"
}
{ echo; resolve_lines; echo; cpu_lines; echo; host_lines; echo; hosts_table; echo; hoststeps_table; echo; conditioned_table; echo; timeline_table; echo; stragglers_table; echo; refresh_table; echo; trace_table; echo; repeat_table; echo; pooled_table; echo; after_table; } >> "$WORK/fidelity.md.tmp"
awk -v p="$SPEED_PROFILE" -v t="$SPEED_TESTBED" -v e="$SPEED_END" 'BEGIN {
  printf "\n(machine speed, one thread hashing 16 KB blocks with openssl, kB/s: %s before the profile, %s before the testbed, %s after it", p, t, e
  if (p + 0 > 0 && t + 0 > 0 && e + 0 > 0) printf "; against the profile time: %+.1f %% and %+.1f %%", 100 * (t / p - 1), 100 * (e / p - 1)
  print ")"
}' >> "$WORK/fidelity.md.tmp"
mv "$WORK/fidelity.md.tmp" "$WORK/fidelity.md"
out_dir_finish
cat "$OUT/fidelity.md"
echo "study: $OUT"
