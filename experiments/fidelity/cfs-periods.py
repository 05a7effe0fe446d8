#!/usr/bin/env python3
"""Every CFS period of one cgroup: the CPU its processes used in it and whether the kernel throttled it.

Usage: experiments/fidelity/cfs-periods.py record CPU_CGROUP_DIR SECONDS OUT.tsv
       experiments/fidelity/cfs-periods.py report OUT.tsv [FROM_SEC TO_SEC]
       (record: root, cgroup v1 with the cpuacct controller mounted on its own, as on Debian's default)

record: every 1 ms for SECONDS, the time (CLOCK_MONOTONIC, ns, as Java's System.nanoTime() on Linux), the group's cpu.stat (nr_periods, nr_throttled, throttled_time) and the CPU time
its processes used on each CPU. The cpu controller of v1 has no usage counter, so the processes are moved into a
cpuacct group made for the purpose (that changes nothing for their quota) and moved back to their own cpuacct
group at the end; the group is removed on exit, interrupted or not. report: the periods (split where nr_periods
steps) between FROM_SEC and TO_SEC after the recording's first sample: their mean CPU and its spread, the share the kernel throttled,
a histogram of the CPU per period in 5 ms bins, and the throttled ones. A period's CPU is the CPU used between the
samples at its two boundaries (1 ms resolution). README "What a lone service's tail is made of".
"""
import os, signal, sys, time

CPUACCT = '/sys/fs/cgroup/cpuacct'


def fail(msg):
    print('cfs-periods.py: ' + msg + '\nusage: cfs-periods.py record CPU_CGROUP_DIR SECONDS OUT.tsv | report OUT.tsv'
          ' [FROM_SEC TO_SEC]', file=sys.stderr)
    sys.exit(2)


def read(path):
    with open(path) as f:
        return f.read()


def cpuacct_group(pid):
    for line in read(f'/proc/{pid}/cgroup').splitlines():
        _, controllers, path = line.split(':', 2)
        if 'cpuacct' in controllers.split(','):
            return CPUACCT + path
    return CPUACCT


def record(group, seconds, out):
    if not os.path.isfile(os.path.join(group, 'cpu.stat')):
        fail(f'{group}: not a cgroup of the cpu controller (no cpu.stat)')
    if not os.path.isfile(os.path.join(CPUACCT, 'cpuacct.usage_percpu')):
        fail(f'{CPUACCT}: no cpuacct controller mounted on its own (cgroup v1) to count the group\'s CPU')
    if os.path.exists(out):
        fail(f'{out}: exists; give a new file')
    pids = read(os.path.join(group, 'cgroup.procs')).split()
    if not pids:
        fail(f'{group}: holds no process')
    acct = os.path.join(CPUACCT, f'deepedge-periods-{os.getpid()}')
    home = {p: cpuacct_group(p) for p in pids}
    partial = out + '.partial'
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # before the group exists: the finally below removes it
    os.mkdir(acct)
    try:
        for p in pids:
            move(p, acct)
        stat_path, usage_path = os.path.join(group, 'cpu.stat'), os.path.join(acct, 'cpuacct.usage_percpu')
        with open(partial, 'w') as f:
            f.write('monotonic_ns\tusage_ns_per_cpu\tnr_periods\tnr_throttled\tthrottled_ns\n')
            start = time.monotonic_ns()
            nxt = start
            while True:
                nxt += 1_000_000
                time.sleep(max(0.0, (nxt - time.monotonic_ns()) / 1e9))
                now = time.monotonic_ns()
                if now - start > seconds * 1e9:
                    break
                try:
                    stat = dict(l.split() for l in read(stat_path).splitlines())
                    usage = read(usage_path).split()
                except OSError:
                    break  # the group went away (its processes ended)
                f.write(f"{now}\t{','.join(usage)}\t{stat['nr_periods']}\t{stat['nr_throttled']}\t"
                        f"{stat['throttled_time']}\n")
        os.rename(partial, out)
    finally:
        for p in read(os.path.join(acct, 'cgroup.procs')).split():
            move(p, home.get(p, CPUACCT))
        os.rmdir(acct)
        if os.path.exists(partial):
            os.remove(partial)


def move(pid, group):
    try:
        with open(os.path.join(group, 'cgroup.procs'), 'w') as f:
            f.write(pid)
    except OSError:
        pass  # the process has ended


def report(path, lo, hi):
    rows = []
    lines = open(path).readlines()[1:]
    t0 = int(lines[0].split('\t')[0]) if lines else 0
    for line in lines:
        t, usage, periods, throttled, throttled_ns = line.split('\t')
        rows.append(((int(t) - t0) / 1e9, sum(int(u) for u in usage.split(',')) / 1e6, int(periods), int(throttled),
                     int(throttled_ns) / 1e6))
    edges = [i for i in range(1, len(rows)) if rows[i][2] != rows[i - 1][2]]
    periods = []
    for a, b in zip(edges, edges[1:]):
        if lo <= rows[a][0] < hi and rows[b][2] - rows[a][2] == 1:
            periods.append((rows[a][0], rows[b][1] - rows[a][1], rows[b][3] > rows[a][3], rows[b][4] - rows[a][4]))
    if not periods:
        fail(f'{path}: no whole period between {lo} and {hi} s')
    used = [p[1] for p in periods]
    mean = sum(used) / len(used)
    sd = (sum((u - mean) ** 2 for u in used) / len(used)) ** 0.5
    thr = [p for p in periods if p[2]]
    print(f'{len(periods)} periods in [{lo:g}, {hi:g}) s: CPU per period mean {mean:.1f} ms, sd {sd:.1f} ms; '
          f'throttled {len(thr)} ({len(thr) / len(periods):.3f})')
    bins = {}
    for u in used:
        bins[int(u // 5) * 5] = bins.get(int(u // 5) * 5, 0) + 1
    print('CPU per period (ms bin: periods): ' + ', '.join(f'{k}: {v}' for k, v in sorted(bins.items())))
    for p in thr:
        print(f'  throttled at {p[0]:8.2f} s: {p[1]:5.1f} ms of CPU in the period, {p[3]:5.1f} ms throttled')


def main(argv):
    if len(argv) >= 5 and argv[1] == 'record':
        try:
            seconds = float(argv[3])
        except ValueError:
            fail(f'SECONDS: not a number ({argv[3]})')
        if not seconds > 0:
            fail(f'SECONDS: must be above 0 ({argv[3]})')
        record(argv[2], seconds, argv[4])
    elif len(argv) in (3, 5) and argv[1] == 'report':
        try:
            lo, hi = (float(argv[3]), float(argv[4])) if len(argv) == 5 else (0.0, float('inf'))
        except ValueError:
            fail(f'FROM_SEC / TO_SEC: not numbers ({argv[3]}, {argv[4]})')
        report(argv[2], lo, hi)
    else:
        fail('expected record or report and their arguments')


if __name__ == '__main__':
    main(sys.argv)
