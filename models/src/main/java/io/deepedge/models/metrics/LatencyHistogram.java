package io.deepedge.models.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * A compact latency histogram of one service instance over the metrics window, for latency CDFs: fixed
 * log-spaced bins, only the non-empty ones kept (a few dozen bytes an instance, so 10,000 instances stay small).
 *
 * <p>Bin rule: 10 bins per decade from 0.1 ms to 100 s. The edges are {@code E_k = 10^(k/10 - 1)} ms rounded to
 * 4 significant digits, {@code k = 0 .. 60} ({@code 0.1, 0.1259, 0.1585, ..., 1, 1.259, ..., 100000}); bin 0 is
 * {@code [0, 0.1)}, bin {@code k} (1..60) is {@code [E_(k-1), E_k)}, and bin 61 is {@code [100000, infinity)}.
 * A latency equal to an edge goes to the bin that starts there.
 */
public final class LatencyHistogram {
    public static final int BINS_PER_DECADE = 10;
    public static final double LOWEST_EDGE_MS = 0.1;
    public static final double HIGHEST_EDGE_MS = 100_000;
    /** The finite edges {@code E_0 .. E_60}. */
    private static final double[] EDGES = edges();
    /** Bins 0 .. 61: underflow, the 60 log-spaced bins, overflow. */
    public static final int BIN_COUNT = EDGES.length + 1;
    public static final LatencyHistogram EMPTY = new LatencyHistogram(new int[0], new long[0]);

    private final int[] bins;
    private final long[] counts;

    private LatencyHistogram(int[] bins, long[] counts) {
        this.bins = bins;
        this.counts = counts;
    }

    private static double[] edges() {
        int decades = (int) Math.round(Math.log10(HIGHEST_EDGE_MS / LOWEST_EDGE_MS));
        double[] e = new double[decades * BINS_PER_DECADE + 1];
        MathContext four = new MathContext(4, RoundingMode.HALF_EVEN);
        for (int k = 0; k < e.length; k++) {
            // StrictMath and a decimal rounding: the same edges on every JVM and platform
            double exact = StrictMath.pow(10, (double) k / BINS_PER_DECADE - 1);
            e[k] = new BigDecimal(exact).round(four).doubleValue();
        }
        return e;
    }

    /** The bin a latency falls in (negative latencies cannot occur; they would count in bin 0). */
    public static int binOf(double latencyMs) {
        int i = Arrays.binarySearch(EDGES, latencyMs);
        // found: the bin starting at edge i; not found: -(insertion point) - 1, the bin below that edge
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Lower edge of {@code bin}, ms (0 for bin 0). */
    public static double lowerMs(int bin) {
        return bin == 0 ? 0 : EDGES[bin - 1];
    }

    /** Upper edge of {@code bin}, ms (infinite for the last bin). */
    public static double upperMs(int bin) {
        return bin == BIN_COUNT - 1 ? Double.POSITIVE_INFINITY : EDGES[bin];
    }

    /** The histogram of the values of several arrays (sorted or not). */
    public static LatencyHistogram of(List<double[]> latenciesMs) {
        long[] dense = new long[BIN_COUNT];
        for (double[] values : latenciesMs) {
            for (double v : values) {
                dense[binOf(v)]++;
            }
        }
        return fromDense(dense);
    }

    /** A histogram from counts per bin ({@code BIN_COUNT} of them); empty bins are dropped. */
    public static LatencyHistogram fromDense(long[] dense) {
        if (dense.length != BIN_COUNT) {
            throw new IllegalArgumentException("expected " + BIN_COUNT + " bins, got " + dense.length);
        }
        int used = 0;
        for (long c : dense) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count " + c);
            }
            used += c > 0 ? 1 : 0;
        }
        if (used == 0) {
            return EMPTY;
        }
        int[] bins = new int[used];
        long[] counts = new long[used];
        int j = 0;
        for (int b = 0; b < dense.length; b++) {
            if (dense[b] > 0) {
                bins[j] = b;
                counts[j++] = dense[b];
            }
        }
        return new LatencyHistogram(bins, counts);
    }

    /** Non-empty bins kept. */
    public int size() {
        return bins.length;
    }

    /** The {@code i}-th non-empty bin's number (ascending in {@code i}). */
    public int bin(int i) {
        return bins[i];
    }

    /** The {@code i}-th non-empty bin's count. */
    public long count(int i) {
        return counts[i];
    }

    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyHistogram h && Arrays.equals(bins, h.bins) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bins) + Arrays.hashCode(counts);
    }

    /** {@code bin:count} pairs of the non-empty bins. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("LatencyHistogram[");
        for (int i = 0; i < bins.length; i++) {
            text.append(i == 0 ? "" : " ").append(bins[i]).append(':').append(counts[i]);
        }
        return text.append(']').toString();
    }

    /**
     * The bin holding the nearest-rank {@code q} quantile (the {@code ceil(q n)}-th smallest latency); -1 when empty.
     * The exact quantile lies in {@code [lowerMs(bin), upperMs(bin))}.
     */
    public int quantileBin(double q) {
        long n = total();
        if (n == 0) {
            return -1;
        }
        long rank = Math.max(1, Math.min(n, (long) Math.ceil(q * n)));
        long seen = 0;
        for (int i = 0; i < bins.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return bins[i];
            }
        }
        throw new IllegalStateException("unreachable: counts sum to " + n);
    }
}
