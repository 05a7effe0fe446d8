#!/usr/bin/env python3
"""The twin of a fidelity study given each real run's own CPU cost: how much of the twin's error is its model.

    experiments/fidelity/conditioned.py STUDY_DIR DEVICE OUT_DIR

STUDY_DIR is a finished study of experiments/fidelity/run.sh (its twin.yaml, profile.yaml, sim/ and real/). For every
real run in which DEVICE serves but does not train (DEVICE is not in the run's plan), the ratio of the real to the
twin's CPU per request of DEVICE (runs.csv cpu_cores_used over the requests of DEVICE's instances in services.csv,
both over the same metrics window, same replication: the same arrivals) sets how much more (or less) a request of
DEVICE costs: the profile's figures of what a request costs DEVICE are scaled so that the twin's CPU above the idle
agent moves to the real run's, g = (real cores - idle) / (twin cores - idle), idle = DEVICE's idleCpuCores: its
services' capacityMs and cpuMeanMs, and the cores of every point of its serviceCpu curve above the idle agent (the
twin charges a request the curve's CPU at its rate where the profile has one, capacityMs only where not; scaling
every point's excess by g scales the refitted curve's CPU per request by about g at every rate: the fit weighs each
point by its whole CPU, which the idle agent's part keeps from scaling exactly). The twin is simulated again with
that profile and its run of the same policy, load level and replication is set beside the real one: DEVICE's CPU
per request as re-simulated (the check that the conditioning took), throttled share and each instance's p99. With
the CPU as the real run used it, what is left of the p99 error is the model's, not the machine's drift. Where the
policy, planning with the changed figures, plans otherwise than in the real run, the row says so and compares
nothing.

OUT_DIR must not exist; it is written as OUT_DIR.partial and renamed at the end; an interrupted run (Ctrl-C,
SIGTERM) or a failed simulation removes the .partial directory it made. Bad arguments exit 2 with the value named.
"""
import collections
import csv
import os
import re
import shutil
import signal
import subprocess
import sys

RATE_PREFIX = "services."
# One run of DEVICE: its cores over its requests (its CPU per request up to the window's length, the same on both
# sides), its throttled share, {service: p99 ms}, the run's plan, and its cores.
Run = collections.namedtuple("Run", "cpu_per_request throttled p99 plan cores")


def fail(message):
    print("conditioned.py: " + message, file=sys.stderr)
    sys.exit(2)


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def sweep_column(header):
    cols = [c for c in header if c.startswith(RATE_PREFIX)]
    if len(cols) != 1:
        fail("expected one swept column in runs.csv, got %s" % (cols or "none"))
    return cols[0]


def cells(cell):
    out = {}
    for pair in filter(None, cell.split(";")):
        device, value = pair.rsplit(":", 1)
        out[device] = float(value)
    return out


def key(row, sweep):
    return row["policy"], row[sweep], row["replication"]


def per_run(side_dir, device, sweep):
    """(policy, level, replication) -> Run of DEVICE."""
    services = rows(os.path.join(side_dir, "services.csv"))
    out = {}
    for r in rows(os.path.join(side_dir, "runs.csv")):
        k = key(r, sweep)
        mine = [s for s in services if key(s, sweep) == k and s["device"] == device]
        requests = sum(int(s["requests"]) for s in mine)
        cores = cells(r.get("cpu_cores_used", "")).get(device)
        if not mine or requests == 0 or cores is None:
            continue
        out[k] = Run(cores / requests, cells(r["cfs_throttled_share"]).get(device, float("nan")),
                     {s["service"]: float(s["p99_ms"]) for s in mine}, r["plan"], cores)
    return out


def device_block(text, device):
    """(start, end) of DEVICE's entry in the profile's device list."""
    start = text.find("\n- name: %s\n" % device)
    if start < 0:
        fail("profile.yaml has no device %s" % device)
    end = text.find("\n- name: ", start + 1)
    return start, len(text) if end < 0 else end


def devices(text):
    """The names of the profile's devices, in its order."""
    return re.findall(r"\n- name: (\S+)\n", text)


def field(block, indent, name):
    """The number of field NAME at INDENT spaces in a device's entry, or None when it has none."""
    found = re.search(r"\n%s%s: ([0-9.eE+-]+)" % (" " * indent, name), block)
    return float(found.group(1)) if found else None


def idle_cores(text, device):
    """DEVICE's idleCpuCores in the profile (0 when the profile has none)."""
    start, end = device_block(text, device)
    return field(text[start:end], 2, "idleCpuCores") or 0.0


def device_key(line):
    """The key of a device's own field or list on this line (two spaces in, not a list entry), else None."""
    if line.startswith("  ") and not line.startswith("   ") and not line.startswith("  - "):
        return line.strip().rstrip(":").split(":")[0]
    return None


def request_cpu_scaled(block, factor, idle, new_idle):
    """A device's entry with what a request costs multiplied by factor: its services' capacityMs and cpuMeanMs, and
    the cores above the idle agent (idle) of each point of its serviceCpu curve, which then sits on new_idle."""
    for field in ("capacityMs", "cpuMeanMs"):
        block = re.sub(r"(\n    %s: )([0-9.eE+-]+)" % field,
                       lambda m: m.group(1) + repr(float(m.group(2)) * factor), block)
    lines = block.split("\n")
    in_curve = False
    for i, line in enumerate(lines):
        key = device_key(line)
        if key is not None:
            in_curve = key == "serviceCpu"
        elif in_curve:
            found = re.fullmatch(r"(    cores: )([0-9.eE+-]+)", line)
            if found:
                lines[i] = found.group(1) + repr(new_idle + (float(found.group(2)) - idle) * factor)
    return "\n".join(lines)


def scaled_profile(text, device, factor):
    """The profile with what a request costs DEVICE multiplied by factor (request_cpu_scaled, the idle agent kept)."""
    start, end = device_block(text, device)
    idle = idle_cores(text, device)
    return text[:start] + request_cpu_scaled(text[start:end], factor, idle, idle) + text[end:]


def main(argv):
    if len(argv) != 4:
        fail("usage: conditioned.py STUDY_DIR DEVICE OUT_DIR (got %d arguments)" % (len(argv) - 1))
    study, device, out = argv[1], argv[2], argv[3]
    for name in ("twin.yaml", "profile.yaml", "sim/runs.csv", "sim/services.csv", "real/runs.csv",
                 "real/services.csv"):
        if not os.path.isfile(os.path.join(study, name)):
            fail("STUDY_DIR %s has no %s (a finished experiments/fidelity/run.sh study)" % (study, name))
    if os.path.lexists(out) or os.path.lexists(out + ".partial"):
        fail("OUT_DIR %s (or %s.partial) exists; give a new directory" % (out, out))
    with open(os.path.join(study, "real/runs.csv"), newline="") as f:
        sweep = sweep_column(next(csv.reader(f)))
    real = per_run(os.path.join(study, "real"), device, sweep)
    sim = per_run(os.path.join(study, "sim"), device, sweep)
    cases = sorted(k for k in real if k in sim and device not in cells(real[k].plan))  # plan: device:samples pairs
    if not cases:
        fail("no real run in which %s serves without training and has cpu_cores_used (device %s)" % (device, device))
    profile = open(os.path.join(study, "profile.yaml")).read()
    twin = open(os.path.join(study, "twin.yaml")).read()
    replications = max(int(k[2]) for k in cases) + 1
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    work = out + ".partial"
    os.makedirs(work)
    try:
        lines = run_cases(cases, real, sim, device, sweep, profile, twin, replications, root, work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    os.rename(work, out)
    print("\n".join(lines))


def run_cases(cases, real, sim, device, sweep, profile, twin, replications, root, work):
    lines = ["| policy | level | replication | CPU per request, real / twin | conditioned twin / real | "
             "throttled twin / real | p99 twin / real (ms) | p99 error |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    idle = idle_cores(profile, device)
    for k in cases:
        factor = real[k].cpu_per_request / sim[k].cpu_per_request
        # the twin's cores above the idle agent moved to the real run's (the same requests, give or take the few
        # the windows cut differently): the idle agent costs what it costs whatever the requests do
        twin_cores = sim[k].cores
        if twin_cores <= idle:
            lines.append("| %s | %s | %s | %.4f | n/a | n/a | n/a: the twin's %s used no more than its idle agent "
                         "(%.4f cores) | n/a |" % (k[0], k[1], k[2], factor, device, twin_cores))
            continue
        scale = (factor * twin_cores - idle) / (twin_cores - idle)
        case = os.path.join(work, "%s-%s-%s" % k)
        os.makedirs(case)
        with open(os.path.join(case, "profile.yaml"), "w") as f:
            f.write(scaled_profile(profile, device, scale))
        with open(os.path.join(case, "twin.yaml"), "w") as f:
            f.write(twin)
        # only the case's policy: its runs do not depend on which others are simulated beside it
        subprocess.run([os.path.join(root, "deepedge"), "simulate", os.path.join(case, "twin.yaml"),
                        "--policies", k[0], "--replications", str(replications), "--out", os.path.join(case, "sim"),
                        "--quiet"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        again = per_run(os.path.join(case, "sim"), device, sweep)[k]
        if again.plan != real[k].plan:
            # the policy plans with the profile's figures: with DEVICE's cost changed it may plan otherwise, and then
            # the runs are not the same experiment
            lines.append("| %s | %s | %s | %.4f | n/a | n/a | n/a: the twin planned %s, the real run %s | n/a |" % (
                k[0], k[1], k[2], factor, again.plan, real[k].plan))
            continue
        for service, real_p99 in sorted(real[k].p99.items()):
            twin_p99 = again.p99[service]
            lines.append("| %s | %s | %s | %.4f | %.4f | %.3f / %.3f | %.1f / %.1f (%s) | %+.1f %% |" % (
                k[0], k[1], k[2], factor, again.cpu_per_request / real[k].cpu_per_request, again.throttled,
                real[k].throttled, twin_p99, real_p99, service,
                100 * (twin_p99 - real_p99) / real_p99))
    with open(os.path.join(work, "conditioned.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return lines


def interrupted(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, interrupted)
    try:
        main(sys.argv)
    except KeyboardInterrupt:
        print("conditioned.py: interrupted; nothing written", file=sys.stderr)
        sys.exit(130)
    except subprocess.CalledProcessError as e:
        print("conditioned.py: a simulation failed (%s); nothing written" % " ".join(e.cmd), file=sys.stderr)
        sys.exit(1)
