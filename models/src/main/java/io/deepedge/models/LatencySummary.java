package io.deepedge.models;

/**
 * Latency outcome of one set of requests of a service instance (all requests of the metrics window, or its
 * co-location view). Requests still unfinished at the window's end count with their age as latency, a lower
 * bound: with {@code unfinished > 0} the mean and quantiles are lower bounds too.
 *
 * @param requests requests judged: completed within the window, or unfinished at its end
 * @param unfinished those of them still queued or in service at the window's end
 * @param misses requests whose latency (or age, when unfinished) exceeded the deadline
 * @param meanMs mean latency (NaN without requests)
 * @param p50Ms median latency (NaN without requests)
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param sloLatencyMs the latency at the service's SLO quantile (NaN without requests)
 */
public record LatencySummary(long requests, long unfinished, long misses, double meanMs, double p50Ms,
                             double p95Ms, double p99Ms, double sloLatencyMs) {
    /** No requests: every latency statistic is missing. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);

    public LatencySummary {
        if (requests < 0 || unfinished < 0 || misses < 0 || unfinished > requests || misses > requests) {
            throw new IllegalArgumentException("inconsistent counts: requests " + requests + ", unfinished "
                    + unfinished + ", misses " + misses);
        }
    }
}
