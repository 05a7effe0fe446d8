package io.deepedge.models;

/**
 * One step of the testbed's host-speed probe during a run: when it ended, on which CPU the probe that timed it is
 * pinned, and the CPU time the fixed piece of training work took there. A run's steps, in order, show how the host's
 * speed moved within the run (host-steps.csv), which {@code simulate --host-trace} replays second by second.
 *
 * @param atSec when the step ended, seconds from the run's time 0 (negative: before it)
 * @param cpu the CPU its probe is pinned to, or -1 for a probe left to the scheduler
 * @param cpuMs the step's CPU time, milliseconds, positive (the lower, the faster that CPU was)
 */
public record HostProbeStep(double atSec, int cpu, double cpuMs) {
    public HostProbeStep {
        if (!Double.isFinite(atSec)) {
            throw new IllegalArgumentException("atSec must be finite, got " + atSec);
        }
        if (cpu < -1) {
            throw new IllegalArgumentException("cpu must be -1 (unpinned) or a CPU number, got " + cpu);
        }
        if (!(cpuMs > 0 && Double.isFinite(cpuMs))) {
            throw new IllegalArgumentException("cpuMs must be a positive number, got " + cpuMs);
        }
    }
}
