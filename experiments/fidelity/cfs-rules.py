#!/usr/bin/env python3
"""Two rules for a CFS budget, the twin's one pool and the kernel's per-CPU slices, replayed on cfs-slices.py's
workload (no kernel needed).

Usage: experiments/fidelity/cfs-rules.py QUOTA_MS RATE SECONDS CPU_MS...

A spinner and a request server (Poisson RATE/s, seed 1, CPU_MS each) share QUOTA_MS per 100 ms on two cores, in
steps of 0.02 ms: 'pooled' spends one budget until it is gone; 'slices' hands it out as the kernel does (each
CPU tops up to a 5 ms slice from the pool, runs on what it holds; an idle one keeps 1 ms and returns the rest).
Prints the same figures as cfs-slices.py, alone and beside the spinner, for both rules.
"""
import random, sys

def arrivals(rate, sec):
    random.seed(1); t = 0.0; out = []
    while True:
        t += random.expovariate(rate)
        if t > sec:
            return [a * 1000 for a in out]
        out.append(t)

def replay(quota, rate, sec, cpu, spin, sliced, dt=0.02, slice_ms=5.0, keep_ms=1.0):
    arr = arrivals(rate, sec); i = 0; queue = []; lat = []; left = None
    pool = quota; local = {'spin': 0.0, 'srv': 0.0}
    t = 0.0; refill = 100.0; end = sec * 1000
    while t < end:
        if t >= refill:
            refill += 100.0; pool = quota
        while i < len(arr) and arr[i] <= t:
            queue.append(arr[i]); i += 1
        if left is None and queue:
            left = cpu
        busy = {'spin': spin, 'srv': left is not None}
        for k in ('spin', 'srv'):
            if not busy[k]:
                if sliced and local[k] > keep_ms:
                    pool += local[k] - keep_ms; local[k] = keep_ms
                continue
            if sliced:
                if local[k] <= 0:
                    take = min(slice_ms - local[k], pool); pool -= take; local[k] += take
                    if local[k] <= 0:
                        continue
                local[k] -= dt
            else:
                if pool <= 0:
                    continue
                pool -= dt
            if k == 'srv':
                left -= dt
                if left <= 1e-9:
                    lat.append(t + dt - queue.pop(0)); left = cpu if queue else None
        t += dt
    lat.sort(); n = len(lat)
    return 'n=%d p50 %.1f p99 %.1f >=50 %.3f >=100 %.3f >=200 %.3f' % (n, lat[n // 2], lat[min(n - 1, int(0.99 * n))],
        sum(l >= 50 for l in lat) / n, sum(l >= 100 for l in lat) / n, sum(l >= 200 for l in lat) / n)

def main(argv):
    if len(argv) < 4:
        print('usage: cfs-rules.py QUOTA_MS RATE SECONDS CPU_MS...', file=sys.stderr); sys.exit(2)
    try:
        q, r, s = float(argv[0]), float(argv[1]), float(argv[2]); cpus = [float(c) for c in argv[3:]]
    except ValueError as e:
        print('cfs-rules.py: not a number: ' + str(e), file=sys.stderr); sys.exit(2)
    if not (q > 0 and r > 0 and s > 0 and all(c > 0 for c in cpus)):
        print('cfs-rules.py: every argument must be > 0', file=sys.stderr); sys.exit(2)
    for c in cpus:
        for spin in (False, True):
            for sliced in (False, True):
                print('cpu %g ms %-6s %-7s %s' % (c, 'spin' if spin else 'alone', 'slices' if sliced else 'pooled',
                                                 replay(q, r, s, c, spin, sliced)), flush=True)

if __name__ == '__main__':
    main(sys.argv[1:])
