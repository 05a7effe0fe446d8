#!/usr/bin/env python3
"""How Linux CFS bandwidth control throttles a request server beside a spinning process in one cgroup.

Usage: experiments/fidelity/cfs-slices.py [--placement free|same|apart] QUOTA_MS RATE SECONDS CPU_MS...
       (root, cgroup v1 cpu controller)

For each CPU_MS: a server in a cgroup of QUOTA_MS per 100 ms period serves Poisson RATE requests/s (seed 1) of
CPU_MS of CPU each for SECONDS, alone and beside a process that spins; prints p50, p99 and the shares of requests
that took >= 50 / 100 / 200 ms from arrival to completion. --placement: where the scheduler puts them (free, the
default), both on CPU 0 (same), or the spinner on CPU 0 and the server on CPU 1 (apart). README "The CPU quota in the twin" compares it with a
single pool and with per-CPU slices (cfs-rules.py). The cgroup and every process it starts are removed on exit, interrupted or not.
"""
import json, os, random, signal, subprocess, sys, time

ROOT = '/sys/fs/cgroup/cpu'

PLACEMENTS = {'free': (None, None), 'same': ({0}, {0}), 'apart': ({0}, {1})}  # (spinner, server) CPUs

def usage(msg):
    print('cfs-slices.py: ' + msg + '\nusage: cfs-slices.py [--placement free|same|apart] QUOTA_MS RATE SECONDS'
          ' CPU_MS...', file=sys.stderr)
    sys.exit(2)

def join(cg, cpus):
    with open(cg + '/tasks', 'w') as f:
        f.write(str(os.getpid()))
    if cpus is not None:
        os.sched_setaffinity(0, cpus)

def serve(cg, placement, cpu_ms, rate, sec):
    join(cg, PLACEMENTS[placement][1])
    random.seed(1)
    t0 = time.monotonic(); t = t0; lat = []
    while True:
        t += random.expovariate(rate)
        if t > t0 + sec:
            break
        now = time.monotonic()
        if now < t:
            time.sleep(t - now)
        c0 = time.thread_time()
        while time.thread_time() - c0 < cpu_ms / 1000:
            pass
        lat.append((time.monotonic() - t) * 1000)
    print(json.dumps(lat))

def main(argv):
    if len(argv) >= 2 and argv[0] == '--serve':
        serve(argv[1], argv[2], float(argv[3]), float(argv[4]), float(argv[5])); return
    if len(argv) >= 2 and argv[0] == '--spin':
        join(argv[1], PLACEMENTS[argv[2]][0])
        while True:
            pass
    placement = 'free'
    if argv and argv[0] == '--placement':
        if len(argv) < 2 or argv[1] not in PLACEMENTS:
            usage('--placement: expected free, same or apart (' + (argv[1] if len(argv) > 1 else 'none') + ')')
        placement = argv[1]; argv = argv[2:]
    if len(argv) < 4:
        usage('expected QUOTA_MS RATE SECONDS and at least one CPU_MS')
    try:
        quota_ms, rate, sec = float(argv[0]), float(argv[1]), float(argv[2]); cpus = [float(c) for c in argv[3:]]
    except ValueError as e:
        usage('not a number: ' + str(e))
    problems = [n + ' must be > 0 (' + str(v) + ')' for n, v in (('QUOTA_MS', quota_ms), ('RATE', rate), ('SECONDS', sec)) if not v > 0]
    problems += ['QUOTA_MS must be at least 1 and at most 100 (' + str(quota_ms) + ')'] if not 1 <= quota_ms <= 100 else []
    problems += ['CPU_MS must be > 0 (' + str(c) + ')' for c in cpus if not c > 0]
    if problems:
        usage('; '.join(problems))
    if os.geteuid() != 0 or not os.path.isdir(ROOT):
        usage('needs root and the cgroup v1 cpu controller at ' + ROOT)
    if placement != 'free' and os.cpu_count() < 2:
        usage('--placement ' + placement + ' needs two CPUs')
    cg = ROOT + '/deepedge-cfsbench-' + str(os.getpid())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.mkdir(cg)
    try:
        with open(cg + '/cpu.cfs_period_us', 'w') as f:
            f.write('100000')
        with open(cg + '/cpu.cfs_quota_us', 'w') as f:
            f.write(str(int(quota_ms * 1000)))
        for cpu_ms in cpus:
            for spin in (False, True):
                spinner = subprocess.Popen([sys.executable, __file__, '--spin', cg, placement]) if spin else None
                try:
                    out = subprocess.run([sys.executable, __file__, '--serve', cg, placement, str(cpu_ms), str(rate),
                                          str(sec)],
                                         capture_output=True, text=True, check=True).stdout
                finally:
                    if spinner:
                        spinner.kill(); spinner.wait()
                lat = sorted(json.loads(out)); n = len(lat)
                print(placement + ' cpu %g ms %-6s n=%d p50 %.1f p99 %.1f >=50 %.3f >=100 %.3f >=200 %.3f' % (
                    cpu_ms, 'spin' if spin else 'alone', n, lat[n // 2], lat[min(n - 1, int(0.99 * n))],
                    sum(l >= 50 for l in lat) / n, sum(l >= 100 for l in lat) / n, sum(l >= 200 for l in lat) / n),
                    flush=True)
    finally:
        for _ in range(50):
            with open(cg + '/tasks') as f:
                pids = f.read().split()
            if not pids:
                break
            for p in pids:
                try:
                    os.kill(int(p), signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)
        os.rmdir(cg)

if __name__ == '__main__':
    main(sys.argv[1:])
