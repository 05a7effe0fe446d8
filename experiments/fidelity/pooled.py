#!/usr/bin/env python3
"""The twin against several testbed passes of one config pooled: more real runs a cell than one pass has.

    experiments/fidelity/pooled.py [--apart VALUE] SIM_DIR REAL_DIR [REAL_DIR ...]

One testbed pass of the fidelity study makes a few runs a cell (`--replications`, 2-4), and a run's re-training time
and LC p99 move between passes of the same config and seeds by about as much as the twin differs from either pass
(README "Where fidelity stands": the testbed against itself). `run.sh --repeat` makes a second pass; this script
reads the twin's runs.csv and every pass's runs.csv and compares, per grid point and policy, the twin's mean and
median over its runs with those over all the passes' runs together, as `validate` does for one pass: means and
medians over the runs with a value (a run not finished has no re-training time), rel error = (sim - real) / real.

Every REAL_DIR must hold a run of SIM_DIR's config (manifest.json's configText the same as SIM_DIR's, as `validate`
asks), or the script exits 2 naming it. The grid point is given by the manifest's sweepPaths. With `--apart VALUE`
the rows whose grid point is VALUE (the heavy level) are summed up apart from the others, as issue 10's LC target
is read up to the medium level.

Prints a Markdown table and one summary line a metric on standard output; a cell (grid point and policy) only one side
ran is named in a last line, and a metric no run of a side has (no run finished its job) shows as n/a. Bad arguments
(a missing directory or file, a file without the columns, directories of other configs) exit 2 with the value named.
"""
import csv
import json
import os
import statistics
import sys

METRICS = ("retrain_time_sec", "lc_p99_ms")
COLUMNS = ("policy", "replication") + METRICS


def fail(message):
    print("pooled.py: " + message, file=sys.stderr)
    sys.exit(2)


def manifest(directory):
    path = os.path.join(directory, "manifest.json")
    try:
        with open(path) as f:
            return json.load(f)
    except OSError as e:
        fail(f"{path}: cannot read ({e.strerror}), expected a result directory written by simulate or testbed")
    except ValueError:
        fail(f"{path}: not JSON, expected the manifest a result directory's command wrote")


def runs(directory, sweep):
    path = os.path.join(directory, "runs.csv")
    try:
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            header = reader.fieldnames or []
    except OSError as e:
        fail(f"{path}: cannot read ({e.strerror}), expected a result directory's runs.csv")
    missing = [c for c in COLUMNS + tuple(sweep) if c not in header]
    if missing:
        fail(f"{path}: no column {', '.join(missing)}, expected runs.csv as simulate and testbed write it")
    cells = {}
    for row in rows:
        key = (tuple(row[c] for c in sweep), row["policy"])
        cell = cells.setdefault(key, {m: [] for m in METRICS})
        for m in METRICS:
            if row[m] != "":
                cell[m].append(float(row[m]))
    return cells


def same_point(point, value):
    """Whether a grid point's cells (joined by commas) are VALUE: as text, or as the same number (60 and 60.0)."""
    if point == value:
        return True
    try:
        return float(point) == float(value)
    except ValueError:
        return False


def rel(sim, real):
    return (sim - real) / real if real != 0 else None


def percent(value):
    return "n/a" if value is None else f"{100 * value:+.1f} %"


def summary(errors):
    errors = [abs(e) for e in errors if e is not None]
    if not errors:
        return "n/a"
    return f"{100 * statistics.median(errors):.1f} % / {100 * max(errors):.1f} %"


def main(args):
    apart = None
    if args[:1] == ["--apart"]:
        if len(args) < 2:
            fail("--apart: missing its value, expected the grid point summed up apart (e.g. the heavy level's rate)")
        apart, args = args[1], args[2:]
    if len(args) < 2:
        fail("expected SIM_DIR REAL_DIR [REAL_DIR ...]")
    sim_dir, real_dirs = args[0], args[1:]
    sim_manifest = manifest(sim_dir)
    sweep = sim_manifest.get("sweepPaths") or []
    for real_dir in real_dirs:
        if manifest(real_dir).get("configText") != sim_manifest.get("configText"):
            fail(f"{real_dir}: manifest.json: configText differs from {sim_dir}'s, expected runs of one config")
    sim = runs(sim_dir, sweep)
    real = {}
    for real_dir in real_dirs:
        for key, cell in runs(real_dir, sweep).items():
            pooled = real.setdefault(key, {m: [] for m in METRICS})
            for m in METRICS:
                pooled[m].extend(cell[m])
    print("| grid point | policy | metric | sim runs | real runs | sim mean | real mean | rel error | sim median"
          " | real median | rel error (medians) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    errors = {(m, part): [] for m in METRICS for part in ("rest", "apart")}
    one_side = []
    for key in list(sim) + [k for k in real if k not in sim]:
        point = ",".join(key[0]) or "-"
        if key not in sim or key not in real:
            one_side.append(f"{point} {key[1]} ({'twin' if key in sim else 'testbed'} only)")
            continue
        part = "apart" if apart is not None and same_point(point, apart) else "rest"
        for m in METRICS:
            s, r = sim[key][m], real[key][m]
            if not s or not r:
                # a side without a value (no run finished its job): the row says so, no error is counted
                print(f"| {point} | {key[1]} | {m} | {len(s)} | {len(r)} | n/a | n/a | n/a | n/a | n/a | n/a |")
                continue
            mean_error = rel(statistics.mean(s), statistics.mean(r))
            median_error = rel(statistics.median(s), statistics.median(r))
            errors[(m, part)].append(mean_error)
            print(f"| {point} | {key[1]} | {m} | {len(s)} | {len(r)} | {statistics.mean(s):.4g} |"
                  f" {statistics.mean(r):.4g} | {percent(mean_error)} | {statistics.median(s):.4g} |"
                  f" {statistics.median(r):.4g} | {percent(median_error)} |")
    print()
    for m in METRICS:
        every = errors[(m, "rest")] + errors[(m, "apart")]
        line = f"- {m} |rel error| median / max: {summary(every)}"
        if apart is not None:
            line += (f"; without grid point {apart} {summary(errors[(m, 'rest')])},"
                     f" at it {summary(errors[(m, 'apart')])}")
        print(line)
    if one_side:
        print(f"- left out, on one side only: {', '.join(one_side)}")


if __name__ == "__main__":
    main(sys.argv[1:])
