package io.deepedge.models;

/**
 * The stop-the-world pauses of a device's managed runtime (the agents' JVM collector): allocation fills the young
 * generation as requests are served and samples trained, and each time it is full every application thread stops
 * while the collector's threads copy what survived. Measured on the testbed's agents (README "Collector pauses in
 * the twin"): a LeNet agent at 0.6 CPU serving 134 req/s paused once per ~170 requests for ~20 ms of the collector's
 * CPU, then spent ~14 ms more freeing what the pause found dead; under a CPU quota such a pause spends a good part of
 * a period's budget, so the requests behind it wait a period or more: the tail of a service running alone there.
 *
 * <p>What a pause costs follows the work done since the last one (it copies the objects that work left alive: ND4J's
 * deallocator references, one set per request), so the CPU is given per request and per sample too: a training
 * gradient allocates large arrays outside the young generation and leaves little to copy, a request leaves much.
 *
 * <p>The simulator models the pauses on devices whose CPU quota it models ({@link CpuQuota#limited}): every completed
 * request and trained sample adds its pauses owed and its CPU; when a whole pause is owed it starts, stops the
 * device's services and training while the collector's threads ({@link CpuQuota#collectorThreads}) do the CPU owed
 * since the last pause, and then one thread does the cleanup owed beside the device's work. Both spend the quota's
 * budget. {@link #NONE}: no pauses.
 *
 * @param perRequest pauses per completed LC request, non-negative
 * @param perTrainSample pauses per trained sample, non-negative
 * @param cpuMsPerRequest the collector threads' CPU per completed request, ms, non-negative
 * @param cpuMsPerTrainSample the collector threads' CPU per trained sample, ms, non-negative
 * @param cleanupCpuMsPerRequest the cleanup's CPU (after the pauses, beside the work) per completed request, ms
 * @param cleanupCpuMsPerTrainSample the cleanup's CPU per trained sample, ms
 */
public record GcPauses(double perRequest, double perTrainSample, double cpuMsPerRequest, double cpuMsPerTrainSample,
                       double cleanupCpuMsPerRequest, double cleanupCpuMsPerTrainSample) {
    public static final GcPauses NONE = new GcPauses(0, 0, 0, 0, 0, 0);

    public GcPauses {
        Checks.nonNegative("perRequest", perRequest);
        Checks.nonNegative("perTrainSample", perTrainSample);
        Checks.nonNegative("cpuMsPerRequest", cpuMsPerRequest);
        Checks.nonNegative("cpuMsPerTrainSample", cpuMsPerTrainSample);
        Checks.nonNegative("cleanupCpuMsPerRequest", cleanupCpuMsPerRequest);
        Checks.nonNegative("cleanupCpuMsPerTrainSample", cleanupCpuMsPerTrainSample);
    }

    /** Whether any pause would be simulated. */
    public boolean any() {
        return (perRequest > 0 || perTrainSample > 0) && (cpuMsPerRequest > 0 || cpuMsPerTrainSample > 0
                || cleanupCpuMsPerRequest > 0 || cleanupCpuMsPerTrainSample > 0);
    }

    /** The CPU, ms, that the collector and its cleanup spend per request (what the agent's CPU per request holds). */
    public double allCpuMsPerRequest() {
        return cpuMsPerRequest + cleanupCpuMsPerRequest;
    }

    /** The same per trained sample. */
    public double allCpuMsPerTrainSample() {
        return cpuMsPerTrainSample + cleanupCpuMsPerTrainSample;
    }
}
