#!/usr/bin/env python3
"""A profile given its host's speed over time, from a probe's series (README "The host's speed within a run").

    experiments/fidelity/speedtrace.py PROFILE TRACE OUT

PROFILE is a profile (./deepedge profile); TRACE the CSV `t_sec,speed` the host-speed probe wrote (HwBench hostspeed:
by default the agents' own request path, LeNet inferences, alone on the host, timed by their thread's CPU clock in
equal steps). Each device of PROFILE with a CPU quota gets the series, divided by its mean (the profile's figures are
the host's speed averaged over the design's phases), as its speedTrace (stepSec, speeds): the twin replays it from an
offset drawn per replication, times the run's own draw from the device's speedSpread (the moves from one run to the
next, which a probe of a few minutes does not hold). A device without a quota is kept and named. It prints the
series' spread (the standard deviation of the log of each window's speed, 1 / mean(1 / speed), over every window of
1 s and of 15 s) and range. OUT must not exist; it is written as OUT.partial and renamed. Bad arguments exit 2, every
problem named at once.
"""
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conditioned  # noqa: E402  (the profile's device entries as conditioned.py finds them)

PARTIAL = None  # the .partial file this run is writing: only that one is removed when it is interrupted


def fail(message):
    print("speedtrace.py: " + message, file=sys.stderr)
    sys.exit(2)


def read_trace(path, problems):
    """(step seconds, speeds) of the probe's CSV, or None with the problems named."""
    try:
        with open(path) as f:
            lines = [line.strip() for line in f if line.strip()]
    except OSError as e:
        problems.append("TRACE %s cannot be read (%s)" % (path, e.strerror))
        return None
    if not lines or lines[0] != "t_sec,speed":
        problems.append("TRACE %s must start with the header t_sec,speed (got %r)" % (path, lines[0] if lines else ""))
        return None
    times, speeds = [], []
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split(",")
        try:
            t, s = float(fields[0]), float(fields[1])
        except (ValueError, IndexError):
            problems.append("TRACE %s line %d: %r is not t_sec,speed" % (path, number, line))
            continue
        if not (0.1 <= s <= 10):
            problems.append("TRACE %s line %d: speed %s must be in [0.1, 10]" % (path, number, fields[1]))
        times.append(t)
        speeds.append(s)
    if len(speeds) < 2:
        problems.append("TRACE %s needs at least two steps (has %d)" % (path, len(speeds)))
        return None
    step = times[1] - times[0]
    uneven = [i for i in range(1, len(times)) if abs(times[i] - times[i - 1] - step) > 1e-6]
    if not step > 0 or uneven:
        problems.append("TRACE %s: steps must be equal and increasing (%s at line %d)"
                        % (path, "step %s" % step if not step > 0 else "t_sec %s" % times[uneven[0]],
                           2 if not step > 0 else uneven[0] + 2))
    return step, speeds


def window_spread(speeds, window):
    """The standard deviation of log(1 / mean(1 / s)) over every window of WINDOW steps (0 when there is one)."""
    logs = []
    inverse = sum(1 / s for s in speeds[:window])
    for i in range(len(speeds) - window + 1):
        if i > 0:
            inverse += 1 / speeds[i + window - 1] - 1 / speeds[i - 1]
        logs.append(-math.log(inverse / window))
    mean = sum(logs) / len(logs)
    return math.sqrt(sum((x - mean) ** 2 for x in logs) / len(logs)) if len(logs) > 1 else 0.0


def with_trace(block, step, speeds):
    """The device's entry with a speedTrace block after its last own scalar field before batches, where ./deepedge
    profile writes it."""
    text = "  speedTrace:\n    stepSec: %r\n    speeds: [%s]\n" % (step, ", ".join("%.5f" % s for s in speeds))
    at = block.index("\n  batches:") + 1
    return block[:at] + text + block[at:]


def main(argv):
    if len(argv) != 4:
        fail("usage: speedtrace.py PROFILE TRACE OUT (got %d arguments)" % (len(argv) - 1))
    profile_path, trace_path, out = argv[1:]
    problems = []
    text = None
    try:
        with open(profile_path) as f:
            text = f.read()
        if not re.search(r"^format: deepedge-profile/", text, re.M):
            problems.append("PROFILE %s is not a profile file written by ./deepedge profile" % profile_path)
        elif "\n  speedTrace:" in text:
            problems.append("PROFILE %s already has a speedTrace" % profile_path)
    except OSError as e:
        problems.append("PROFILE %s cannot be read (%s)" % (profile_path, e.strerror))
    trace = read_trace(trace_path, problems)
    if os.path.lexists(out) or os.path.lexists(out + ".partial"):
        problems.append("OUT %s (or %s.partial) exists; give a new file" % (out, out))
    if problems:
        fail("; ".join(problems))
    step, probe = trace
    mean = sum(probe) / len(probe)
    speeds = [max(0.1, min(10.0, s / mean)) for s in probe]
    ordered = sorted(speeds)
    spreads = ["%.4f" % window_spread(speeds, max(1, int(round(sec / step)))) if sec / step <= len(speeds)
               else "n/a" for sec in (1, 15)]
    summary = "%s / %s | %.3f / %.3f / %.3f / %.3f |" % (
        spreads[0], spreads[1], ordered[0], ordered[int(0.1 * (len(ordered) - 1))],
        ordered[int(0.9 * (len(ordered) - 1))], ordered[-1])
    lines = ["| device | steps of %g s | spread over 1 s / 15 s (sd of log) | speed min / p10 / p90 / max | "
             "run-to-run speedSpread kept |" % step, "| --- | --- | --- | --- | --- |"]
    result = text
    for device in conditioned.devices(text):
        start, end = conditioned.device_block(result, device)
        block = result[start:end]
        if conditioned.field(block, 2, "cfsPeriodMs") is None:
            lines.append("| %s | kept: no CPU quota | | | |" % device)
            continue
        spread = conditioned.field(block, 2, "speedSpread") or 0.0
        lines.append("| %s | %d | %s %.4f |" % (device, len(speeds), summary, spread))
        result = result[:start] + with_trace(block, step, speeds) + result[end:]
    global PARTIAL
    PARTIAL = out + ".partial"
    with open(PARTIAL, "w") as f:
        f.write(result)
    os.rename(PARTIAL, out)
    print("\n".join(lines))


if __name__ == "__main__":
    try:
        main(sys.argv)
    except KeyboardInterrupt:
        if PARTIAL and os.path.exists(PARTIAL):
            os.remove(PARTIAL)
        print("speedtrace.py: interrupted; nothing written", file=sys.stderr)
        sys.exit(130)
