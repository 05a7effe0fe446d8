#!/usr/bin/env python3
"""A profile's drifting figures brought up to date by a short profile measured later (README "Refreshing a profile").

    experiments/fidelity/refresh.py PROFILE SHORT OUT

PROFILE is a full profile (./deepedge profile), SHORT a short one of the same devices measured later (fewer points,
shorter conditions). What a profile measures once drifts on a shared machine: the agents' CPU per request and their
training throughput moved by 5-15 % within half an hour (README "Profile drift"), while the interference model's ratios
(co-located over alone) hold. OUT is PROFILE with, per device in both files:

  - the CPU a request costs scaled by g_cpu: over SHORT's services-alone phases (its serviceCpu points), the cores
    above SHORT's idle agent over what PROFILE's curve gives above its own idle agent at the same rates (the curve:
    a parabola in log rate through the logarithms of its points' cores above the idle agent, least squares, or a line
    with fewer than 4 points on 3 rates); every serviceCpu point becomes idle' + g_cpu (cores - idle), idle' SHORT's
    idleCpuCores, and each service's capacityMs and cpuMeanMs are multiplied by g_cpu;
  - the training throughput scaled by g_train: the geometric mean over SHORT's design points of their measured
    trainAloneSamplesPerSec over PROFILE's throughput model at the same batch, B / (iterationBaseSec +
    iterationPerSampleSec B); both iteration figures are divided by g_train.

Everything else (the interference model, the design, the round figures) stays PROFILE's. It prints a markdown table of
the factors per device (a device SHORT lacks is kept as it is and named). OUT must not exist; it is written as
OUT.partial and renamed. Bad arguments exit 2 with the value named.
"""
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conditioned  # noqa: E402  (the profile's text as conditioned.py reads and scales it)
from conditioned import devices, field  # noqa: E402

NUMBER = r"([0-9.eE+-]+)"
WROTE_PARTIAL = False  # only the .partial file this run made is removed when it is interrupted


def fail(message):
    print("refresh.py: " + message, file=sys.stderr)
    sys.exit(2)


def block(text, device):
    start, end = conditioned.device_block(text, device)
    return text[start:end]


def section(block_text, name):
    """The lines of a device's top-level list NAME (two-space key, its entries below it)."""
    out, inside = [], False
    for line in block_text.split("\n"):
        key = conditioned.device_key(line)
        if key is not None:
            inside = key == name
        elif inside:
            out.append(line)
    return out


def entries(block_text, name, key, value):
    """(KEY, VALUE) of each entry of the device's list NAME: KEY the entry's first field, VALUE one of its fields (the
    entry's own, not those of the lists nested in it, such as a design point's repeats)."""
    pairs, first = [], None
    for line in section(block_text, name):
        found = re.fullmatch(r"  - %s: %s" % (key, NUMBER), line)
        if found:
            first = float(found.group(1))
        found = re.fullmatch(r"    %s: %s" % (value, NUMBER), line)
        if found and first is not None:
            pairs.append((first, float(found.group(1))))
            first = None
    return pairs


def curve_points(block_text):
    """(rate, cores) of the device's serviceCpu points."""
    return entries(block_text, "serviceCpu", "ratePerSec", "cores")


def design_training(block_text):
    """(batch, trainAloneSamplesPerSec) of each design point (its first measurement, not the repeats)."""
    return entries(block_text, "design", "batch", "trainAloneSamplesPerSec")


def solve(a, b):
    """a x = b by Gaussian elimination with partial pivoting (a small dense system)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if m[c][c] == 0:
            raise ZeroDivisionError("singular")
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in reversed(range(n)):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def excess_curve(points, idle):
    """A function rate -> cores above the idle agent, fitted to PROFILE's points (log-log least squares: a parabola
    with at least 4 points on 3 rates, else a line), or None without 2 points above the idle agent on 2 rates."""
    used = [(math.log(r), math.log(c - idle)) for r, c in points if r > 0 and c > idle]
    rates = len(set(x for x, _ in used))
    if rates < 2:
        return None
    degree = 2 if len(used) >= 4 and rates >= 3 else 1
    a = [[sum(x ** (i + j) for x, _ in used) for j in range(degree + 1)] for i in range(degree + 1)]
    b = [sum(y * x ** i for x, y in used) for i in range(degree + 1)]
    coefficients = solve(a, b)
    return lambda rate: math.exp(sum(c * math.log(rate) ** i for i, c in enumerate(coefficients)))


def cpu_factor(full_block, short_block):
    """(g_cpu, points used) or (None, reason)."""
    full_idle = field(full_block, 2, "idleCpuCores") or 0.0
    short_idle = field(short_block, 2, "idleCpuCores") or 0.0
    curve = excess_curve(curve_points(full_block), full_idle)
    if curve is None:
        return None, "no serviceCpu curve in PROFILE"
    later = [(r, c) for r, c in curve_points(short_block) if r > 0]
    if not later:
        return None, "no serviceCpu points in SHORT"
    measured = sum(c - short_idle for _, c in later)
    predicted = sum(curve(r) for r, _ in later)
    if measured <= 0:
        return None, "SHORT's services-alone phases used no more than its idle agent"
    return measured / predicted, len(later)


def train_factor(full_block, short_block):
    """(g_train, points used) or (None, reason)."""
    base = field(full_block, 4, "iterationBaseSec")
    per_sample = field(full_block, 4, "iterationPerSampleSec")
    if base is None or per_sample is None:
        return None, "no throughput model in PROFILE"
    later = [(b, s) for b, s in design_training(short_block) if s > 0]
    if not later:
        return None, "no design points in SHORT"
    logs = [math.log(s / (b / (base + per_sample * b))) for b, s in later]
    return math.exp(sum(logs) / len(logs)), len(later)


def replace_number(text, indent, name, value):
    return re.sub(r"(\n%s%s: )%s" % (" " * indent, name, NUMBER), lambda m: m.group(1) + repr(value), text, count=1)


def refreshed_block(full_block, g_cpu, short_idle, g_train):
    out = full_block
    if g_cpu is not None:
        idle = field(full_block, 2, "idleCpuCores") or 0.0
        out = replace_number(conditioned.request_cpu_scaled(out, g_cpu, idle, short_idle), 2, "idleCpuCores",
                             short_idle)
    if g_train is not None:
        for name in ("iterationBaseSec", "iterationPerSampleSec"):
            out = replace_number(out, 4, name, field(full_block, 4, name) / g_train)
    return out


def main(argv):
    if len(argv) != 4:
        fail("usage: refresh.py PROFILE SHORT OUT (got %d arguments)" % (len(argv) - 1))
    full_path, short_path, out = argv[1], argv[2], argv[3]
    problems = []
    texts = {}
    for label, path in (("PROFILE", full_path), ("SHORT", short_path)):
        try:
            with open(path) as f:
                texts[label] = f.read()
        except OSError as e:
            problems.append("%s %s cannot be read (%s)" % (label, path, e.strerror))
            continue
        if not re.search(r"^format: deepedge-profile/", texts[label], re.M):
            problems.append("%s %s is not a profile file written by ./deepedge profile" % (label, path))
    if os.path.lexists(out) or os.path.lexists(out + ".partial"):
        problems.append("OUT %s (or %s.partial) exists; give a new file" % (out, out))
    if len(texts) == 2 and not problems:
        common = [d for d in devices(texts["PROFILE"]) if d in devices(texts["SHORT"])]
        if not common:
            problems.append("PROFILE %s and SHORT %s have no device in common" % (full_path, short_path))
    if problems:
        fail("; ".join(problems))
    full, short = texts["PROFILE"], texts["SHORT"]
    lines = ["| device | CPU per request, later / profile (services-alone phases) | training throughput, later / "
             "profile (design points) | idle agent, profile -> later (cores) |",
             "| --- | --- | --- | --- |"]
    result = full
    for device in devices(full):
        if device not in devices(short):
            lines.append("| %s | kept: not in SHORT | kept: not in SHORT | kept |" % device)
            continue
        full_block, short_block = block(result, device), block(short, device)
        g_cpu, cpu_n = cpu_factor(full_block, short_block)
        g_train, train_n = train_factor(full_block, short_block)
        short_idle = field(short_block, 2, "idleCpuCores") or 0.0
        start, end = conditioned.device_block(result, device)
        result = result[:start] + refreshed_block(full_block, g_cpu, short_idle, g_train) + result[end:]
        lines.append("| %s | %s | %s | %s |" % (
            device, "%.4f (%d)" % (g_cpu, cpu_n) if g_cpu is not None else "kept: " + cpu_n,
            "%.4f (%d)" % (g_train, train_n) if g_train is not None else "kept: " + train_n,
            "%.4f -> %.4f" % (field(full_block, 2, "idleCpuCores") or 0.0, short_idle) if g_cpu is not None
            else "kept"))
    global WROTE_PARTIAL
    WROTE_PARTIAL = True
    with open(out + ".partial", "w") as f:
        f.write(result)
    os.rename(out + ".partial", out)
    print("\n".join(lines))


if __name__ == "__main__":
    try:
        main(sys.argv)
    except KeyboardInterrupt:
        if WROTE_PARTIAL and os.path.exists(sys.argv[3] + ".partial"):
            os.remove(sys.argv[3] + ".partial")
        print("refresh.py: interrupted; nothing written", file=sys.stderr)
        sys.exit(130)
