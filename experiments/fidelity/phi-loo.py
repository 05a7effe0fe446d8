#!/usr/bin/env python3
"""How well the service slowdown fit predicts a design point it did not see, two ways (README "Why A, not each
point's own alone time"): every design point of each device left out in turn, the fit made on the others, and the
left-out point's co-located mean service time predicted as the simulator and the planner compute it (phi at the
point's batch and rate, times one alone service time).

  experiments/fidelity/phi-loo.py PROFILE.yaml [PROFILE.yaml ...]

- "own ratio" (profiles before 2026-12-04): phi = each point's co-located over its own alone mean service time, on
  [1, batch, rate x its own alone time]; the prediction multiplies by the others' rate-weighted alone mean A;
- "over A" (since): phi = each point's co-located mean service time over A, on [1, batch, rate x A].

Prints per profile and over all of them the median, mean and max |relative error|. Reads the design lists a profile
file holds (each point's first measurement; repeats are not used). Python 3 standard library only.
"""
import re
import statistics
import sys

FIELDS = ("batch", "ratePerSec", "serviceAloneMeanMs", "serviceColocatedMeanMs")


def devices(path):
    """{device: [(batch, rate, alone ms, co-located ms), ...]} from a profile file's design lists (block style)."""
    out, device, point, in_design, in_repeats = {}, None, None, False, False
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^- name: (\S+)", line)
        if m:
            device, in_design = m.group(1), False
            out[device] = []
            continue
        if re.match(r"^  design:", line):
            in_design, in_repeats = True, False
            continue
        if in_design and re.match(r"^  [A-Za-z]", line):
            in_design = False
        if not in_design:
            continue
        if re.match(r"^  - batch: ", line):
            point, in_repeats = {}, False
            out[device].append(point)
        if re.match(r"^    repeats:", line):
            in_repeats = True
        m = re.match(r"^  [- ] (\w+): (\S+)", line)
        if m and not in_repeats and m.group(1) in FIELDS:
            point[m.group(1)] = float(m.group(2))
    return {d: [tuple(p[f] for f in FIELDS) for p in pts] for d, pts in out.items() if pts}


def least_squares(rows, ys):
    """Ordinary least squares by the normal equations (3 regressors), Gaussian elimination with pivoting."""
    k = len(rows[0])
    a = [[sum(r[i] * r[j] for r in rows) for j in range(k)] + [sum(r[i] * y for r, y in zip(rows, ys))]
         for i in range(k)]
    for c in range(k):
        p = max(range(c, k), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        for r in range(k):
            if r != c:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [a[i][k] / a[i][i] for i in range(k)]


def errors(points):
    """|relative error| of each left-out point's predicted co-located service time, both ways."""
    own, over_a = [], []
    for i, (b, rate, alone, together) in enumerate(points):
        rest = points[:i] + points[i + 1:]
        a = sum(r * al for _, r, al, _ in rest) / sum(r for _, r, _, _ in rest)
        c = least_squares([(1, pb, pr * pa / 1000) for pb, pr, pa, _ in rest], [pt / pa for _, _, pa, pt in rest])
        own.append(abs(max(1, c[0] + c[1] * b + c[2] * rate * a / 1000) * a / together - 1))
        c = least_squares([(1, pb, pr * a / 1000) for pb, pr, _, _ in rest], [pt / a for _, _, _, pt in rest])
        over_a.append(abs(max(1, c[0] + c[1] * b + c[2] * rate * a / 1000) * a / together - 1))
    return own, over_a


def line(name, own, over_a):
    def fig(e):
        return "%.1f %% / %.1f %% / %.1f %%" % (100 * statistics.median(e), 100 * statistics.mean(e), 100 * max(e))
    return "%s (%d points): own ratio %s; over A %s (median / mean / max)" % (name, len(own), fig(own), fig(over_a))


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    all_own, all_a = [], []
    for path in paths:
        own, over_a = [], []
        for points in devices(path).values():
            o, a = errors(points)
            own += o
            over_a += a
        print(line(path, own, over_a))
        all_own += own
        all_a += over_a
    if len(paths) > 1:
        print(line("all", all_own, all_a))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
