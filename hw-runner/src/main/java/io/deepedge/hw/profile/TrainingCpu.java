package io.deepedge.hw.profile;

/**
 * The agent's CPU over a design point's training-alone phase, from the agent's own metrics window of it: its gradient
 * calls (parameters in, compute, gradient out) back to back at one batch. CPU time, unlike wall time under a quota,
 * does not depend on where a call falls in the CFS periods.
 *
 * @param batch the samples of each call
 * @param calls the calls made in the window
 * @param cpuCores the agent process's CPU over the window (cores), idle threads included
 * @param windowSec the window's length
 */
record TrainingCpu(int batch, long calls, double cpuCores, double windowSec) {
    /** Not measured. */
    static final TrainingCpu NONE = new TrainingCpu(0, 0, 0, 0);

    boolean measured() {
        return calls > 0 && windowSec > 0;
    }

    /** The CPU one call took beyond what the idle agent uses over as long, ms (NaN when not measured). */
    double cpuMsPerCall(double idleCores) {
        return measured() ? Math.max(0, cpuCores - idleCores) * windowSec * 1000 / calls : Double.NaN;
    }
}
