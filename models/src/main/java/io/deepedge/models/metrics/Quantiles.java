package io.deepedge.models.metrics;

import java.util.List;

/** Exact nearest-rank quantiles (the {@code ceil(q n)}-th smallest value), of one sorted array or a union. */
public final class Quantiles {
    private Quantiles() {
    }

    /** Nearest-rank quantile of sorted values; NaN when empty. */
    public static double of(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    public static long count(List<double[]> sortedArrays) {
        long n = 0;
        for (double[] a : sortedArrays) {
            n += a.length;
        }
        return n;
    }

    /**
     * Nearest-rank quantile over the union of several sorted arrays of non-negative values without merging
     * them: the smallest value v whose count of values <= v reaches ceil(q n), found by bisection on the bit
     * patterns of non-negative doubles (ordered like the values) with a binary search per array for each count.
     */
    public static double ofUnion(List<double[]> sortedArrays, double q) {
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
}
