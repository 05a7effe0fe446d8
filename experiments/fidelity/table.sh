#!/usr/bin/env bash
# The fidelity table of run.sh from a validation.csv (one sweep column: the loaded service's rate) and the
# profile file: per load level x policy x metric sim, real and relative error of the means over the runs, and the
# same of the medians over the runs (robust to one stalled run); per metric the median and max |relative error| of
# each; the profile's held-out errors. Markdown on stdout.
#   table.sh VALIDATION_CSV PROFILE_YAML LEVEL_NAMES(a,b,c) RATES(r1,r2,r3) LOADAVG [PROFILE_OUT]
# PROFILE_OUT, the profile command's standard output, adds its "all devices" rows (every device's held-out points
# together) to the profile's error tables.
set -euo pipefail
CSV="$1"; PROFILE="$2"; NAMES="$3"; RATES="$4"; LOAD="$5"; PROFILE_OUT="${6:-}"
ERRS="$(mktemp)"
trap 'rm -f "$ERRS"' EXIT

echo "| level | rate (req/s) | policy | metric | service@device | sim | real | rel error | rel error 95 % CI | sim median | real median | rel error (medians) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
awk -F, -v names="$NAMES" -v rates="$RATES" -v errs="$ERRS" '
  # the least and largest |rel error| in the interval of a row (its cells lo_col and hi_col, validation.csv since
  # 2026-12-04): "nan nan" when it has none (a side with one run, a file older than the columns), "0 1e300" when it is
  # unbounded (both cells empty while both sides have two runs or more: the real mean not told apart from zero)
  function abs_bounds(lo_col, hi_col,    lo, hi) {
    if (rel == "" || !(lo_col in col)) return "nan\tnan"
    lo = $col[lo_col]; hi = $col[hi_col]
    if (lo != "") return ((lo <= 0 && hi >= 0) ? 0 : (lo > 0 ? lo : -hi)) "\t" (-lo > hi ? -lo : hi)
    return ($col["sim_runs"] + 0 >= 2 && $col["real_runs"] + 0 >= 2) ? "0\t1e300" : "nan\tnan"
  }
  # one line of the figures of the metric, and the same for the last level alone
  function emit(line) {
    print m "\t" line >> errs
    if (level == N[n]) print m " (" N[n] " only)\t" line >> errs
  }
  BEGIN { n = split(names, N, ","); split(rates, R, ",") }
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  {
    m = $col["metric"]
    if (m != "retrain_time_sec" && m != "lc_p99_ms" && m != "service_p99_ms" && m != "service_job_p99_ms" \
        && m != "cfs_throttled_share" && m != "cpu_cores_used" && m != "train_cpu_ms_per_sample") next
    rate = $NF; level = "?"
    for (i = 1; i <= n; i++) if (rate + 0 == R[i] + 0) level = N[i]
    where = $col["service"] != "" ? $col["service"] "@" $col["device"] : ($col["device"] != "" ? $col["device"] : "all")
    rel = $col["rel_error"]; mrel = $col["median_rel_error"]
    # the 95 % interval of rel_error, and the same at the Bonferroni level of all rows of the metric (since 2026-12-04
    # 09:30), each as the least and largest |error| in it
    bounds = abs_bounds("rel_error_lo", "rel_error_hi")
    ci = bounds ~ /^nan/ ? "n/a" : ($col["rel_error_lo"] == "" ? "unbounded" \
        : sprintf("%+.1f to %+.1f %%", 100 * $col["rel_error_lo"], 100 * $col["rel_error_hi"]))
    printf "| %s | %s | %s | %s | %s | %.4g | %.4g | %s | %s | %.4g | %.4g | %s |\n", level, rate, $col["policy"], m, where,
      $col["sim_mean"], $col["real_mean"], rel == "" ? "n/a" : sprintf("%+.1f %%", 100 * rel), ci,
      $col["sim_median"], $col["real_median"], mrel == "" ? "n/a" : sprintf("%+.1f %%", 100 * mrel)
    if (rel != "") {
      emit("bounds\t" bounds)
      emit("jbounds\t" abs_bounds("rel_error_lo_joint", "rel_error_hi_joint"))
      emit(rel < 0 ? -rel : rel)
    }
    c = $col["consistent"]; h = $col["diff_ci95"]; r = $col["real_mean"]
    if (c != "") emit("ci\t" c "\t" ((h != "" && r + 0 != 0) ? h / (r < 0 ? -r : r) : ""))
    if (mrel != "") emit("medians\t" (mrel < 0 ? -mrel : mrel))
    # the runs both sides made with the same seed, and on which side the larger value of each pair lies (validation.csv
    # since 2026-12-04; absent in older files)
    if (("same_seed_runs" in col) && $col["same_seed_runs"] + 0 > 0)
      emit("pairs\t" $col["same_seed_runs"] "\t" $col["sim_above"] "\t" $col["sim_below"])
    # the spread of each side over its runs (validation.csv since 2026-12-02 13:00; absent in older files)
    if (("sim_cv" in col) && $col["sim_cv"] != "") emit("simcv\t" $col["sim_cv"])
    if (("real_cv" in col) && $col["real_cv"] != "") emit("realcv\t" $col["real_cv"])
  }' "$CSV"

echo
# median and max of one list of |errors| on stdin: "rows | median | max"
median_max() {
  sort -g | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { printf "0 | n/a | n/a"; exit }
      med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%d | %.1f %% | %.1f %%", NR, 100 * med, 100 * v[NR]
    }'
}
# rows whose difference lies inside its 95 % CI (validation.csv's consistent), and the median of diff_ci95 / |real|:
# the relative error the runs can resolve
resolution() {
  local lines n k med
  lines="$(cat)"
  if [[ -z "$lines" ]]; then printf "n/a | n/a"; return; fi
  n="$(wc -l <<< "$lines")"
  k="$(cut -f3 <<< "$lines" | { grep -cx true || true; })"
  med="$(cut -f4 <<< "$lines" | { grep . || true; } | median_only)"
  printf "%d of %d | %s" "$k" "$n" "$med"
}
# same-seed pairs over a metric's rows: "twin above in A of N" and the exact two-sided sign test of above against
# below, min(1, 2 P(X <= min)) with X ~ Binomial(above + below, 1/2), as validate computes it
signs() {
  awk -F'\t' '
    { n += $3; a += $4; b += $5 }
    END {
      if (n == 0) { printf "n/a"; exit }
      d = a + b
      if (d == 0) { printf "%d of %d (all ties)", a, n; exit }
      lo = a < b ? a : b; lt = -d * log(2); tail = 0
      for (k = 0; k <= lo; k++) { tail += exp(lt); lt += log(d - k) - log(k + 1) }
      p = 2 * tail; if (p > 1) p = 1
      printf "%d of %d (p %.2g)", a, n, p
    }'
}
# where the median and the max |error| of a metric's rows lie, each row's |error| anywhere in its 95 % interval
# (lines "key, bounds, least |error|, largest |error|"): "median lo-hi % | max lo-hi %", as validate's summary line;
# "n/a" when a row has no interval
bounds() {
  local lines
  lines="$(cat)"
  if [[ -z "$lines" ]] || grep -q nan <<< "$lines"; then printf "n/a | n/a"; return; fi
  awk -F'\t' '
    function pc(v) { return v >= 1e299 ? "unbounded" : sprintf("%.1f %%", 100 * v) }
    function med(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    { lo[NR] = $3 + 0; hi[NR] = $4 + 0 }
    END {
      n = NR
      # insertion sorts: a handful of rows
      for (i = 2; i <= n; i++) for (j = i; j > 1 && lo[j - 1] > lo[j]; j--) { t = lo[j]; lo[j] = lo[j - 1]; lo[j - 1] = t }
      for (i = 2; i <= n; i++) for (j = i; j > 1 && hi[j - 1] > hi[j]; j--) { t = hi[j]; hi[j] = hi[j - 1]; hi[j - 1] = t }
      printf "%.1f to %s | %.1f to %s", 100 * med(lo, n), pc(med(hi, n)), 100 * lo[n], pc(hi[n])
    }' <<< "$lines"
}
# the median alone of median_max's line ("n/a" when empty)
median_only() {
  median_max | awk -F' [|] ' '{ print $2 }'
}
echo "| metric | rows | median abs rel error | max abs rel error | rows (medians) | median abs rel error (medians) | max abs rel error (medians) | within the difference's 95 % CI | median CI of the difference / real | runs' spread, twin / testbed (median sd / mean) | twin above testbed, same-seed runs (sign test) | median abs rel error, 95 % bounds | max abs rel error, 95 % bounds | median, joint 95 % bounds | max, joint 95 % bounds |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for key in "retrain_time_sec" "lc_p99_ms" "lc_p99_ms (${NAMES##*,} only)" "service_p99_ms" \
           "service_p99_ms (${NAMES##*,} only)" "service_job_p99_ms" "cfs_throttled_share" "cpu_cores_used" \
           "train_cpu_ms_per_sample"; do
  means="$({ grep -F -- "$key"$'\t' "$ERRS" || true; } | { grep -vE $'\t(medians|ci|simcv|realcv|pairs|bounds|jbounds)\t' || true; } | cut -f2 | median_max)"
  medians="$({ grep -F -- "$key"$'\tmedians\t' "$ERRS" || true; } | cut -f3 | median_max)"
  within="$({ grep -F -- "$key"$'\tci\t' "$ERRS" || true; } | resolution)"
  spread="$({ grep -F -- "$key"$'\tsimcv\t' "$ERRS" || true; } | cut -f3 | median_only) / $({ grep -F -- "$key"$'\trealcv\t' "$ERRS" || true; } | cut -f3 | median_only)"
  pairs="$({ grep -F -- "$key"$'\tpairs\t' "$ERRS" || true; } | signs)"
  range="$({ grep -F -- "$key"$'\tbounds\t' "$ERRS" || true; } | bounds)"
  joint="$({ grep -F -- "$key"$'\tjbounds\t' "$ERRS" || true; } | bounds)"
  echo "| $key | $means | $medians | $within | $spread | $pairs | $range | $joint |"
done
echo
echo "(A row is within the CI when the runs cannot tell the twin's mean from the real one at 95 % (Welch); the column"
echo "after it is the relative error those runs can resolve: a target below it cannot be read from this many runs. The"
echo "next: how far each side's runs lie apart, the median over the rows of standard deviation / mean. The last: in how"
echo "many of the runs both sides made with the same seed the twin's value is the larger, and the sign test of that:"
echo "a small p says the twin errs to one side. The two after it: where the median and the max |error| lie when each"
echo "row's error may be anywhere in its 95 % interval (Fieller's, rel error 95 % CI above): a target at or above the"
echo "upper end is met by these runs, one below the lower end is missed, one in between is beyond what they resolve."
echo "Those intervals hold row by row, and over many rows some miss; the last two take each row's interval at the"
echo "Bonferroni level of its metric's rows in validation.csv (1 - 0.05 / k), which all hold together at 95 %: a target"
echo "met or missed by them is met or missed at 95 %; for the heavy level alone they are conservative (k counts every"
echo "level's rows). n/a: validation.csv older than these columns, or a row with one run a side.)"

# The k-th "all devices" row of the profile's output (1: the fitted model's held-out errors, 2: the quota model's) as
# the cells of a markdown row, "median % / max %" each; nothing when PROFILE_OUT is not given or has no such row.
pooled_row() {
  [[ -n "$PROFILE_OUT" && -f "$PROFILE_OUT" ]] || return 0
  awk -v want="$1" '
    /^all devices / {
      if (++k != want) next
      line = $0; sub(/^all devices +/, "", line); row = ""; points = 0
      while (match(line, /[0-9.]+% \/ [0-9.]+% \([0-9]+\)/)) {
        cell = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
        split(cell, f, /[% ()\/]+/)
        row = row sprintf(" %s %% / %s %% |", f[1], f[2]); if (f[3] > points) points = f[3]
      }
      printf "| all devices (%d points) |%s\n", points, row
    }' "$PROFILE_OUT"
}

echo
echo "Profile held-out |relative error| (median / max, per device; $(grep -m1 '  design: ' "$PROFILE" | sed 's/^ *//');"
echo "the last row, where the profile's output is at hand, every device's held-out points together):"
echo
echo "| device | trainSamplesPerSec | serviceSlowdown | trainingSlowdown |"
echo "| --- | --- | --- | --- |"
awk '
  /^- name: / { d = $3 }
  /^    (trainSamplesPerSec|serviceSlowdown|trainingSlowdown):/ && inErr { q = $1; sub(":", "", q) }
  /^  heldOutError:/ { inErr = 1; next }
  /^  [a-zA-Z]/ && !/^  heldOutError:/ { inErr = 0 }
  inErr && /^      median: / { med[d, q] = $2 }
  inErr && /^      max: / { mx[d, q] = $2; if (!(d in seen)) { seen[d] = 1; order[++k] = d } }
  END {
    for (i = 1; i <= k; i++) {
      d = order[i]
      printf "| %s | %.1f %% / %.1f %% | %.1f %% / %.1f %% | %.1f %% / %.1f %% |\n", d,
        100 * med[d, "trainSamplesPerSec"], 100 * mx[d, "trainSamplesPerSec"], 100 * med[d, "serviceSlowdown"],
        100 * mx[d, "serviceSlowdown"], 100 * med[d, "trainingSlowdown"], 100 * mx[d, "trainingSlowdown"]
    }
  }' "$PROFILE"
pooled_row 1
if grep -q '^  quotaModelError:' "$PROFILE"; then
  echo
  echo "The twin's CPU quota model on the co-located design points (|relative error| median / max over the points counted: the held-out ones since 2026-12-02, the others fitting its co-location terms; every one before):"
  echo
  # training's CPU a sample beside over alone: profiles since 2026-12-08 whose design measured it ("n/a" on a device
  # whose points did not)
  if grep -q '^    trainCpuRatio:' "$PROFILE"; then CPU_RATIO=1; else CPU_RATIO=0; fi
  if [[ $CPU_RATIO == 1 ]]; then
    echo "| device | trainColocatedSamplesPerSec | serviceColocatedMeanMs | trainCpuRatio |"
    echo "| --- | --- | --- | --- |"
  else
    echo "| device | trainColocatedSamplesPerSec | serviceColocatedMeanMs |"
    echo "| --- | --- | --- |"
  fi
  awk -v cpu="$CPU_RATIO" '
    /^- name: / { d = $3 }
    /^  quotaModelError:/ { inErr = 1; next }
    /^  [a-zA-Z]/ && !/^  quotaModelError:/ { inErr = 0 }
    inErr && /^    (trainColocatedSamplesPerSec|serviceColocatedMeanMs|trainCpuRatio):/ { q = $1; sub(":", "", q) }
    inErr && /^      median: / { med[d, q] = $2 }
    inErr && /^      max: / { mx[d, q] = $2; if (!(d in seen)) { seen[d] = 1; order[++k] = d } }
    END {
      for (i = 1; i <= k; i++) {
        d = order[i]
        printf "| %s | %.1f %% / %.1f %% | %.1f %% / %.1f %% |", d, 100 * med[d, "trainColocatedSamplesPerSec"],
          100 * mx[d, "trainColocatedSamplesPerSec"], 100 * med[d, "serviceColocatedMeanMs"],
          100 * mx[d, "serviceColocatedMeanMs"]
        if (cpu == 1) {
          if ((d, "trainCpuRatio") in mx) printf " %.1f %% / %.1f %% |", 100 * med[d, "trainCpuRatio"], 100 * mx[d, "trainCpuRatio"]
          else printf " n/a |"
        }
        printf "\n"
      }
    }' "$PROFILE"
  pooled_row 2
fi
# The rows of the profile output's table under the line matching HEADING (an awk regular expression) as markdown rows,
# "median % / max %" each (with ", twin above K" where the profile's cell says at how many points the twin lies above
# the agents: its latency tables since 2026-12-08), the device's row named "NAME (N WHAT)" with N its largest point
# count.
copied_rows() {
  awk -v heading="$1" -v what="$2" '
    $0 ~ heading { on = 1; next }
    on && /^device / { next }
    on && !/[0-9.]+% \/ [0-9.]+% \([0-9]+\)/ { on = 0 }
    on {
      # the device is whatever precedes the first cell (a name may hold digits)
      line = $0; match(line, /[0-9.]+% \/ /); name = substr(line, 1, RSTART - 1); sub(/ +$/, "", name)
      line = substr(line, RSTART); row = ""; points = 0
      while (match(line, /[0-9.]+% \/ [0-9.]+% \([0-9]+\)/)) {
        cell = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
        split(cell, f, /[% ()\/]+/)
        above = ""
        if (match(line, /^, twin above [0-9]+/)) { above = ", " substr(line, 3, RLENGTH - 2); line = substr(line, RLENGTH + 1) }
        row = row sprintf(" %s %% / %s %%%s |", f[1], f[2], above); if (f[3] > points) points = f[3]
      }
      printf "| %s (%d %s) |%s\n", name, points, what, row
    }' "$PROFILE_OUT"
}
# profile --replicates: the held-out points measured again, copied from the profile's output (its third table)
if [[ -n "$PROFILE_OUT" && -f "$PROFILE_OUT" ]] && grep -q '^the held-out points measured again' "$PROFILE_OUT"; then
  echo
  echo "The held-out points measured again after the design (profile --replicates; the held-out and quota model errors"
  echo "above are then against the mean of each point's measurements): |relative difference| of each later"
  echo "measurement from the point's first, median / max (DOE's pure error: how far the same point measured twice lies apart):"
  echo
  echo "| device | trainSamplesPerSec | serviceSlowdown | trainingSlowdown | trainColocatedSamplesPerSec | serviceColocatedMeanMs |"
  echo "| --- | --- | --- | --- | --- | --- |"
  copied_rows '^the held-out points measured again' 'measured again'
fi
# the held-out errors (and repeats) with each phase taken to its device's mean host-speed probe step (profiles that
# probed every phase, since 2026-12-06), copied from the profile's output
if [[ -n "$PROFILE_OUT" && -f "$PROFILE_OUT" ]] && grep -q '^at one host: held-out' "$PROFILE_OUT"; then
  echo
  echo "At one host: the held-out |relative error| with every phase of every measurement taken by its own host-speed"
  echo "probe steps to its device's mean step, the model fitted again on the design so taken (median / max):"
  echo
  echo "| device | trainSamplesPerSec | serviceSlowdown | trainingSlowdown |"
  echo "| --- | --- | --- | --- |"
  copied_rows '^at one host: held-out' 'points'
  if grep -q '^at one host: the held-out points measured again' "$PROFILE_OUT"; then
    echo
    echo "At one host: the held-out points measured again, |relative difference| of each later measurement from the"
    echo "point's first (median / max):"
    echo
    echo "| device | trainSamplesPerSec | serviceSlowdown | trainingSlowdown | trainColocatedSamplesPerSec | serviceColocatedMeanMs |"
    echo "| --- | --- | --- | --- | --- | --- |"
    copied_rows '^at one host: the held-out points measured again' 'measured again'
  fi
fi
# A latency check's table copied from the profile's output, when it has one: HEADING (its first line, an awk and grep
# regular expression), FIGURE (the columns' prefix), then the lines that introduce it.
latency_section() {
  local heading="$1" figure="$2"; shift 2
  [[ -n "$PROFILE_OUT" && -f "$PROFILE_OUT" ]] && grep -q "$heading" "$PROFILE_OUT" || return 0
  echo
  printf '%s\n' "$@"
  echo
  echo "| device | ${figure}MedianMs | ${figure}P99Ms |"
  echo "| --- | --- | --- |"
  copied_rows "$heading" 'points'
}
# the twin's LC latency beside training on the profile's co-located design points, and (profiles since 2026-12-06
# 18:00) with the services alone on every design point
latency_section "^the twin's LC latency beside training" latencyColocated \
  "The twin's LC latency beside training on the co-located design points (the agents' clients' median and 99th" \
  "percentile over the phase, the twin's over phases as long; |relative error| median / max over the held-out points," \
  "whose others fitted training's share of a core beside a request; over every point in profiles before that term):"
latency_section "^the twin's LC latency with the services alone" latencyAlone \
  "The twin's LC latency with the services alone on the design points (each point's services-alone phase: the" \
  "agents' clients' median and 99th percentile, the twin's over phases as long; |relative error| median / max over" \
  "every point, since no fit uses this latency):"
echo
echo "Each agent's own work, as the profile measured it (the twin spends it from the device's CPU budget), and the"
echo "round's coordination with every device at once (a wait: the server's step and the shared coordinator's part):"
echo
echo "| device | idle agent (cores) | round overhead (ms) | shard load (ms per sample) | round coordination (ms) |"
echo "| --- | --- | --- | --- | --- |"
awk '
  /^- name: / { d = $3; order[++k] = d; idle[d] = 0; round[d] = 0; shard[d] = 0; coord[d] = 0 }
  /^  idleCpuCores: / { idle[d] = $2 }
  /^  roundOverheadMs: / { round[d] = $2 }
  /^  shardLoadMsPerSample: / { shard[d] = $2 }
  /^  roundCoordinationMs: / { coord[d] = $2 }
  END {
    for (i = 1; i <= k; i++) {
      d = order[i]
      printf "| %s | %.4f | %.1f | %.3f | %.1f |\n", d, idle[d], round[d], shard[d], coord[d]
    }
  }' "$PROFILE"
echo
echo "(load average at the end of the study: $LOAD; the machine has $(nproc) cores)"
