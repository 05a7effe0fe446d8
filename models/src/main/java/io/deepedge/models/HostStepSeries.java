package io.deepedge.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's host-speed probe steps ({@link HostProbeStep}) turned into the host's speed second by second
 * ({@link HostSpeedTrace}, relative to a reference probe figure): each probe is pinned to one CPU, and a CPU of a
 * virtual machine changes speed on its own, so every step of the series takes, on each probed CPU, the step that
 * ended nearest its middle (the earlier on a tie), and averages the CPUs' speeds ({@code reference / cpuMs}): an
 * agent's threads run on either CPU. Before a CPU's first step and after its last, its nearest step holds.
 */
public final class HostStepSeries {
    private HostStepSeries() {
    }

    /**
     * The series from 0 to at least {@code untilSec} in steps of {@code stepSec} (one step more than covers it, so a
     * replay that wraps around does not wrap inside the run), relative to {@code referenceCpuMs}.
     *
     * @throws IllegalArgumentException without any step, with a non-positive reference, step or length, or when a
     *         step's speed lies outside {@link HostSpeedTrace}'s range
     */
    public static HostSpeedTrace of(List<HostProbeStep> steps, double referenceCpuMs, double untilSec, double stepSec) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("no probe step to make a series of");
        }
        if (!(referenceCpuMs > 0 && Double.isFinite(referenceCpuMs))) {
            throw new IllegalArgumentException("referenceCpuMs must be a positive number, got " + referenceCpuMs);
        }
        if (!(untilSec > 0 && stepSec > 0 && Double.isFinite(untilSec) && Double.isFinite(stepSec))) {
            throw new IllegalArgumentException("untilSec and stepSec must be positive, got " + untilSec + ", "
                    + stepSec);
        }
        Map<Integer, List<HostProbeStep>> byCpu = new TreeMap<>();
        for (HostProbeStep s : steps) {
            byCpu.computeIfAbsent(s.cpu(), c -> new ArrayList<>()).add(s);
        }
        byCpu.values().forEach(l -> l.sort(java.util.Comparator.comparingDouble(HostProbeStep::atSec)));
        int n = (int) Math.ceil(untilSec / stepSec) + 1;
        List<Double> speeds = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            double midSec = (k + 0.5) * stepSec;
            double sum = 0;
            for (List<HostProbeStep> cpu : byCpu.values()) {
                sum += referenceCpuMs / nearest(cpu, midSec).cpuMs();
            }
            speeds.add(sum / byCpu.size());
        }
        return new HostSpeedTrace(stepSec, speeds);
    }

    /** The step of {@code sorted} (by time) that ended nearest {@code sec}, the earlier on a tie. */
    static HostProbeStep nearest(List<HostProbeStep> sorted, double sec) {
        HostProbeStep best = sorted.get(0);
        for (HostProbeStep s : sorted) {
            if (Math.abs(s.atSec() - sec) < Math.abs(best.atSec() - sec)) {
                best = s;
            }
        }
        return best;
    }
}
