package io.deepedge.models;

/**
 * Latency outcome of one LC service instance over a run's metrics window (one row of services.csv), with the
 * co-location view beside it.
 *
 * @param service service name
 * @param device device name
 * @param colocated whether training computed on this device at any time during the run
 * @param lost requests arriving in the window that were dropped because the device failed
 * @param deadlineMs the service's deadline
 * @param sloQuantile the service's SLO quantile
 * @param window every request that arrived in the metrics window and was not lost
 * @param colocation those of them that arrived while the job's training ran on this device (the device was
 *                   part of the running plan: computing, waiting at the barrier or synchronising)
 * @param job those of them that arrived while the job's training ran on any device (this one or others: what
 *            the re-training job costs the service through everything the devices share, e.g. a host or a link)
 * @param histogram the latencies of {@code window}'s requests in log-spaced bins (histograms.csv, latency CDFs)
 */
public record ServiceStats(String service, String device, boolean colocated, long lost, double deadlineMs,
                           double sloQuantile, LatencySummary window, LatencySummary colocation,
                           LatencySummary job, io.deepedge.models.metrics.LatencyHistogram histogram) {
    public ServiceStats {
        Checks.name("service", service);
        Checks.name("device", device);
        if (window == null || colocation == null || job == null || histogram == null) {
            throw new IllegalArgumentException("window, colocation and job summaries and the histogram must be given");
        }
    }

    /**
     * Statistics without a histogram (an empty one) whose job view is the co-location view (the job ran on this
     * device only, or nowhere).
     */
    public ServiceStats(String service, String device, boolean colocated, long lost, double deadlineMs,
                        double sloQuantile, LatencySummary window, LatencySummary colocation) {
        this(service, device, colocated, lost, deadlineMs, sloQuantile, window, colocation, colocation,
                io.deepedge.models.metrics.LatencyHistogram.EMPTY);
    }

    public long requests() {
        return window.requests();
    }

    public long unfinished() {
        return window.unfinished();
    }

    public long misses() {
        return window.misses();
    }

    public double meanMs() {
        return window.meanMs();
    }

    public double p50Ms() {
        return window.p50Ms();
    }

    public double p95Ms() {
        return window.p95Ms();
    }

    public double p99Ms() {
        return window.p99Ms();
    }

    public double sloLatencyMs() {
        return window.sloLatencyMs();
    }

    /** The SLO held over the window: the SLO-quantile latency is within the deadline (vacuously without requests). */
    public boolean sloMet() {
        return !(window.sloLatencyMs() > deadlineMs);
    }

    /** The SLO held under co-location: judged on the co-location view alone (vacuously without such requests). */
    public boolean colocSloMet() {
        return !(colocation.sloLatencyMs() > deadlineMs);
    }
}
