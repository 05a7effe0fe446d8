#!/usr/bin/env python3
"""Which device the synchronous rounds wait for, in the twin and on the testbed, and what its rounds are made of.

    experiments/fidelity/stragglers.py VALIDATION_TIMELINE_CSV [REAL_ROUNDS_CSV]

A synchronous round lasts as long as its slowest device; every other device waits at the barrier for it. Which device
that is decides a job's time, and it can flip: a quota-limited device that waits at the barrier has its CPU budget
refilled meanwhile and computes its next batch faster, one that never waits starts every batch on what is left of
its budget (measured 2026-12-05 on the 0.15-CPU agent: 58 ms of compute a round while it waited for the others, 199
ms once its tagger's 5 requests a second made it the one they waited for). So a twin a little too fast on one device
may wait for another device than the testbed does, and then its error is no longer that little.

VALIDATION_TIMELINE_CSV is `validate`'s validation-timeline.csv (replication 0's timelines: per policy, grid point,
device and state the seconds in the twin and on the testbed). Per policy and grid point whose plan has two devices or
more, the device the rounds wait for on each side is the one with the least `barrier` time (the device that did not
wait; a device without a `barrier` row waited 0 s on both sides). Each device's rounds are given as its
`compute+sync` seconds (its work, the parameters' transfer and its gradient's return), twin / testbed. With
REAL_ROUNDS_CSV (the testbed's rounds.csv, the same replication) the table adds the testbed's mean gradient call
of the device it waited for, split into the agent's compute and the gRPC transport, in milliseconds.

Prints a Markdown table on standard output. Bad arguments (a missing file, a file without the columns) exit 2 with
the value named.
"""
import collections
import csv
import sys

TIMELINE_COLUMNS = ("policy", "device", "state", "sim_sec", "real_sec", "largest_in_cell")
ROUNDS_COLUMNS = ("policy", "device", "call_ms", "compute_ms", "transport_ms", "gradient_decode_ms")


def fail(message):
    print("stragglers.py: " + message, file=sys.stderr)
    sys.exit(2)


def read(path, columns, what):
    try:
        with open(path, newline="") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            rows = list(reader)
    except OSError as e:
        fail("%s %s: %s" % (what, path, e.strerror))
    if header is None:
        fail("%s %s: empty file" % (what, path))
    missing = [c for c in columns if c not in header]
    if missing:
        fail("%s %s: no column %s" % (what, path, ", ".join(missing)))
    return header, rows


def swept_names(header, last_own_column):
    """The swept paths' columns, which follow the file's own last column (the timeline's `largest_in_cell`)."""
    return header[header.index(last_own_column) + 1:]


def grid_point(header, row, names):
    """The grid point: the row's values of the swept columns `names`."""
    return tuple(row[header.index(n)] for n in names)


def stragglers(timeline_path, rounds_path=None):
    header, rows = read(timeline_path, TIMELINE_COLUMNS, "validation timeline")
    col = {name: header.index(name) for name in TIMELINE_COLUMNS}
    grid = swept_names(header, "largest_in_cell")
    cells = {}
    for row in rows:
        cell = (row[col["policy"]], grid_point(header, row, grid))
        device = row[col["device"]]
        states = cells.setdefault(cell, {}).setdefault(device, {})
        states[row[col["state"]]] = (float(row[col["sim_sec"]]), float(row[col["real_sec"]]))
    calls = read_calls(rounds_path, grid) if rounds_path else None
    lines = ["| grid point | policy | twin waits for | testbed waits for "
             + "| each device's compute+sync, twin / testbed (s) "
             + ("| the testbed's straggler: call / compute / transport (ms) " if calls is not None else "") + "|",
             "| --- | --- | --- | --- | --- " + ("| --- " if calls is not None else "") + "|"]
    for (policy, point), devices in cells.items():
        # a device that never waited on either side has no barrier row: it waited 0 s
        training = {d: s for d, s in devices.items() if "compute+sync" in s}
        if len(training) < 2:
            continue
        sim_straggler = min(training, key=lambda d: training[d].get("barrier", (0.0, 0.0))[0])
        real_straggler = min(training, key=lambda d: training[d].get("barrier", (0.0, 0.0))[1])
        busy = ", ".join("%s %.2f / %.2f" % (d, s["compute+sync"][0], s["compute+sync"][1])
                         for d, s in training.items())
        line = "| %s | %s | %s | %s%s | %s |" % (
            " ".join(point) if point else "-", policy, sim_straggler, real_straggler,
            "" if sim_straggler == real_straggler else " (differs)", busy)
        if calls is not None:
            line += " %s |" % call_parts(calls.get((policy, point, real_straggler)))
        lines.append(line)
    return "\n".join(lines)


def read_calls(path, grid):
    """Per (policy, grid point, device), the mean call, compute and transport in ms over the file's calls.

    The grid point is read from the columns the timeline names (`grid`), not from whatever follows a column of the
    file's own: rounds.csv gained columns after `gradient_decode_ms` (compute_cpu_ms, agent_handler_cpu_ms), and
    reading the point positionally then matched no cell, so every straggler's calls read as none."""
    header, rows = read(path, ROUNDS_COLUMNS + tuple(grid), "rounds")
    col = {name: header.index(name) for name in ROUNDS_COLUMNS}
    sums = collections.defaultdict(lambda: [0.0, 0.0, 0.0, 0, 0])
    for row in rows:
        s = sums[(row[col["policy"]], grid_point(header, row, grid), row[col["device"]])]
        try:
            values = [float(row[col[c]]) for c in ("call_ms", "compute_ms", "transport_ms")]
        except ValueError:
            s[4] += 1  # an agent older than protocol 1.6 leaves the parts empty: counted, not split
            continue
        for i, v in enumerate(values):
            s[i] += v
        s[3] += 1
    return {k: s for k, s in sums.items()}


def call_parts(s):
    """A device's mean call / compute / transport, and how many of its calls had no parts to split."""
    if s is None:
        return "n/a (no calls)"
    n, unsplit = s[3], s[4]
    text = "n/a" if n == 0 else "%.0f / %.0f / %.0f" % (s[0] / n, s[1] / n, s[2] / n)
    return text + (" (%d of its calls without parts)" % unsplit if unsplit else "")


def main(argv):
    if len(argv) not in (2, 3):
        fail("usage: stragglers.py VALIDATION_TIMELINE_CSV [REAL_ROUNDS_CSV] (got %d arguments)" % (len(argv) - 1))
    print(stragglers(argv[1], argv[2] if len(argv) == 3 else None))


if __name__ == "__main__":
    main(sys.argv)
