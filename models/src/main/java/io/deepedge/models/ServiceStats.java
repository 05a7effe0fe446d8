package io.deepedge.models;

/**
 * Latency outcome of one LC service instance over a run (one row of services.csv).
 *
 * @param service service name
 * @param device device name
 * @param colocated whether training ran on this device at any time during the run
 * @param requests requests completed within the run's window
 * @param misses completed requests whose latency exceeded the deadline
 * @param lost requests dropped because the device failed
 * @param meanMs mean latency (NaN without requests)
 * @param p50Ms median latency
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param deadlineMs the service's deadline
 * @param sloQuantile the service's SLO quantile
 * @param sloLatencyMs the latency at the SLO quantile (NaN without requests)
 */
public record ServiceStats(String service, String device, boolean colocated, long requests, long misses, long lost,
                           double meanMs, double p50Ms, double p95Ms, double p99Ms, double deadlineMs,
                           double sloQuantile, double sloLatencyMs) {
    /** The SLO held: the SLO-quantile latency is within the deadline (vacuously true without requests). */
    public boolean sloMet() {
        return !(sloLatencyMs > deadlineMs);
    }
}
