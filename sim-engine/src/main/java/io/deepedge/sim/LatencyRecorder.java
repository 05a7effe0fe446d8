package io.deepedge.sim;

import java.util.Arrays;
import java.util.List;

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

    static long count(List<double[]> sortedArrays) {
        long n = 0;
        for (double[] a : sortedArrays) {
            n += a.length;
        }
        return n;
    }

    /**
     * Nearest-rank quantile over the union of several sorted arrays without merging them: the smallest
     * value v whose count of values <= v reaches ceil(q n), found by bisection on the bit patterns of
     * non-negative doubles (ordered like the values) with a binary search per array for each count.
     */
    static double quantile(List<double[]> sortedArrays, double q) {
        long n = count(sortedArrays);
        if (n == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, Math.min(n, (long) Math.ceil(q * n)));
        long lo = Double.doubleToLongBits(0.0);
        long hi = Double.doubleToLongBits(Double.MAX_VALUE);
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (countAtMost(sortedArrays, Double.longBitsToDouble(mid)) >= rank) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Double.longBitsToDouble(lo);
    }

    private static long countAtMost(List<double[]> sortedArrays, double value) {
        long count = 0;
        for (double[] a : sortedArrays) {
            int lo = 0;
            int hi = a.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] <= value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            count += lo;
        }
        return count;
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
