package io.deepedge.sim;

import java.util.Arrays;

/**
 * Exact latency record of one service instance in a primitive growable array (8 bytes a request):
 * quantiles are exact order statistics, no sketch error.
 */
final class LatencyRecorder {
    private double[] latenciesMs = new double[1024];
    private int count;
    private long misses;
    private long lost;
    private double sumMs;
    private final double deadlineMs;

    LatencyRecorder(double deadlineMs) {
        this.deadlineMs = deadlineMs;
    }

    void record(double latencyMs) {
        if (count == latenciesMs.length) {
            latenciesMs = Arrays.copyOf(latenciesMs, count * 2);
        }
        latenciesMs[count++] = latencyMs;
        sumMs += latencyMs;
        if (latencyMs > deadlineMs) {
            misses++;
        }
    }

    void recordLost(long requests) {
        lost += requests;
    }

    int count() {
        return count;
    }

    long misses() {
        return misses;
    }

    long lost() {
        return lost;
    }

    double meanMs() {
        return count == 0 ? Double.NaN : sumMs / count;
    }

    /** The recorded latencies, sorted (a copy). */
    double[] sorted() {
        double[] copy = Arrays.copyOf(latenciesMs, count);
        Arrays.sort(copy);
        return copy;
    }

    /** All values of several sorted arrays, sorted. */
    static double[] merge(java.util.List<double[]> sortedArrays) {
        int total = 0;
        for (double[] a : sortedArrays) {
            total += a.length;
        }
        double[] out = new double[total];
        int at = 0;
        for (double[] a : sortedArrays) {
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        Arrays.sort(out);
        return out;
    }

    /** Nearest-rank quantile of sorted values: the ceil(q n)-th smallest; NaN when empty. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
