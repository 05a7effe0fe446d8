package io.deepedge.models;

/**
 * The stop-the-world pauses of a device's managed runtime (the agents' JVM collector): allocation fills the young
 * generation as requests are served and samples trained, and each time it is full every application thread stops
 * while the collector's threads copy what survived. Measured on the testbed's agents (README "Collector pauses in
 * the twin"): a LeNet agent at 0.6 CPU paused every ~540 requests for ~45 ms of CPU, and under a CPU quota such a
 * pause spends most of a period's budget, so the requests behind it wait a period or two: the p95 / p99 of a
 * service running alone there (85 / 200 ms against a 3.5 ms median).
 *
 * <p>The simulator models them on devices whose CPU quota it models ({@link CpuQuota#limited}): a pause starts when
 * the pauses owed ({@code perRequest} per completed request plus {@code perTrainSample} per trained sample) reach
 * one, stops the device's services and training while the collector's threads ({@link CpuQuota#collectorThreads})
 * do {@code cpuMsPerPause} of CPU work; then one thread does {@code cleanupCpuMsPerPause} beside the device's work
 * (what each collection leaves to do after the pause: the references it found dead are processed and the native
 * memory behind them freed, ~40 ms per collection on the testbed's agents). Both spend the quota's budget like any
 * other work. {@link #NONE}: no pauses.
 *
 * @param perRequest pauses per completed LC request, non-negative
 * @param perTrainSample pauses per trained sample, non-negative
 * @param cpuMsPerPause the collector's CPU time per pause (all its threads), non-negative
 * @param cleanupCpuMsPerPause CPU time per pause of the work it leaves for after it, non-negative
 */
public record GcPauses(double perRequest, double perTrainSample, double cpuMsPerPause, double cleanupCpuMsPerPause) {
    public static final GcPauses NONE = new GcPauses(0, 0, 0, 0);

    public GcPauses {
        Checks.nonNegative("perRequest", perRequest);
        Checks.nonNegative("perTrainSample", perTrainSample);
        Checks.nonNegative("cpuMsPerPause", cpuMsPerPause);
        Checks.nonNegative("cleanupCpuMsPerPause", cleanupCpuMsPerPause);
    }

    /** Pauses that leave nothing to do after them. */
    public GcPauses(double perRequest, double perTrainSample, double cpuMsPerPause) {
        this(perRequest, perTrainSample, cpuMsPerPause, 0);
    }

    /** Whether any pause would be simulated. */
    public boolean any() {
        return (cpuMsPerPause > 0 || cleanupCpuMsPerPause > 0) && (perRequest > 0 || perTrainSample > 0);
    }

    public double cpuSecPerPause() {
        return cpuMsPerPause / 1000;
    }

    public double cleanupCpuSecPerPause() {
        return cleanupCpuMsPerPause / 1000;
    }
}
