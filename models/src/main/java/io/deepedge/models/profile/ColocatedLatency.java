package io.deepedge.models.profile;

import io.deepedge.models.Checks;

import java.util.List;

/**
 * The LC latency a design point's phase measured at its clients: every request of the device's services, from its
 * scheduled arrival to its reply (queueing, the CPU budget's waits and the hop included, as the testbed's
 * {@code lc_p50_ms} and {@code lc_p99_ms}), while training computed beside them ({@link Measurement#latencyColocated})
 * or, since 2026-12-06 18:00, with the services alone on the device ({@link Measurement#latencyAlone}). The mean
 * service time by itself ({@link Measurement#serviceColocatedMeanMs}) cannot tell a queue that keeps up from one
 * that grows: requests served back to back behind a backlog take as long as any. The latency can, and the twin's is
 * compared with it over a phase of the same length ({@code sec}), since a backlog that grows is worse the longer it
 * grows.
 *
 * @param sec how long the phase sent requests, > 0
 * @param medianMs the median latency, > 0
 * @param p99Ms the 99th percentile, at least the median
 */
public record ColocatedLatency(double sec, double medianMs, double p99Ms) {
    /** Not measured (a file written before the profiler measured it). */
    public static final ColocatedLatency NONE = new ColocatedLatency(Double.NaN, Double.NaN, Double.NaN);

    public ColocatedLatency {
        boolean none = Double.isNaN(sec) && Double.isNaN(medianMs) && Double.isNaN(p99Ms);
        if (!none) {
            Checks.positive("sec", sec);
            Checks.positive("medianMs", medianMs);
            if (!(p99Ms >= medianMs) || Double.isInfinite(p99Ms)) {
                throw new IllegalArgumentException("p99Ms must be finite and at least medianMs (" + medianMs
                        + "), got " + p99Ms);
            }
        }
    }

    /**
     * The figures of {@code latencyMs} (any order) over a phase of {@code sec}: nearest-rank median and 99th
     * percentile, computed alike for the agents' requests and the twin's; {@link #NONE} without a request.
     */
    public static ColocatedLatency of(double sec, double[] latencyMs) {
        if (latencyMs.length == 0) {
            return NONE;
        }
        double[] sorted = latencyMs.clone();
        java.util.Arrays.sort(sorted);
        return new ColocatedLatency(sec, nearestRank(sorted, 0.5), nearestRank(sorted, 0.99));
    }

    /** The value of rank {@code ceil(q n)} among {@code sorted}'s n values (1-based). */
    static double nearestRank(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public boolean measured() {
        return !Double.isNaN(medianMs);
    }

    /**
     * Several measurements of one point as one: each figure the mean of theirs; {@link #NONE} when any of them was not
     * measured (a mean over part of them would not be the point's).
     */
    static ColocatedLatency mean(List<ColocatedLatency> latencies) {
        if (latencies.isEmpty() || latencies.stream().anyMatch(l -> !l.measured())) {
            return NONE;
        }
        int n = latencies.size();
        return new ColocatedLatency(latencies.stream().mapToDouble(ColocatedLatency::sec).sum() / n,
                latencies.stream().mapToDouble(ColocatedLatency::medianMs).sum() / n,
                latencies.stream().mapToDouble(ColocatedLatency::p99Ms).sum() / n);
    }
}
