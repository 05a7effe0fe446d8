package io.deepedge.plots;

import it.unimi.dsi.fastutil.doubles.DoubleList;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;

/**
 * Sample size, mean, 95 % Student-t confidence half-width and median of one metric over replications.
 *
 * @param n number of values (missing values excluded)
 * @param mean arithmetic mean; NaN when {@code n == 0}
 * @param standardError {@code s / sqrt(n)} with {@code s} the sample standard deviation; NaN when {@code n < 2}
 * @param ci95 {@code t(0.975, n-1) * standardError}; NaN when {@code n < 2}
 * @param median the middle value, or the mean of the two middle ones; NaN when {@code n == 0}. A run's tail
 *        latency is heavy-tailed across runs (one stalled run of three can hold a p99 25 times the others'), and the
 *        mean follows that one run; the median does not
 */
record MeanCi(int n, double mean, double standardError, double ci95, double median) {
    private static final double CONFIDENCE_QUANTILE = 0.975;

    /** Statistics of the non-NaN {@code values}, summed in list order (so the result is reproducible). */
    static MeanCi of(DoubleList values) {
        int n = 0;
        double sum = 0;
        for (int i = 0; i < values.size(); i++) {
            double v = values.getDouble(i);
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new MeanCi(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        if (n < 2) {
            return new MeanCi(n, mean, Double.NaN, Double.NaN, median(values, n));
        }
        double sd = sd(values, mean, n);
        // t * sd / sqrt(n) in this order: the summaries' digits (and their golden files) stay what they were
        return new MeanCi(n, mean, sd / Math.sqrt(n), tQuantile(n - 1) * sd / Math.sqrt(n), median(values, n));
    }

    /**
     * The runs' spread: the sample standard deviation over {@code |mean|} (from {@code standardError x sqrt(n)});
     * NaN with fewer than two values or a zero mean.
     */
    double cv() {
        return n < 2 || mean == 0 ? Double.NaN : standardError * Math.sqrt(n) / Math.abs(mean);
    }

    private static double median(DoubleList values, int n) {
        double[] sorted = new double[n];
        int k = 0;
        for (int i = 0; i < values.size(); i++) {
            double v = values.getDouble(i);
            if (!Double.isNaN(v)) {
                sorted[k++] = v;
            }
        }
        Arrays.sort(sorted);
        return ValidationTable.median(sorted);
    }

    /** The sample standard deviation (n - 1 in the denominator) of the non-NaN values. */
    private static double sd(DoubleList values, double mean, int n) {
        double squares = 0;
        for (int i = 0; i < values.size(); i++) {
            double v = values.getDouble(i);
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return Math.sqrt(squares / (n - 1));
    }

    /** t(0.975, df); {@code df} need not be whole (Welch-Satterthwaite). */
    static double tQuantile(double degreesOfFreedom) {
        return tQuantile(degreesOfFreedom, CONFIDENCE_QUANTILE);
    }

    /** t(probability, df); {@code df} need not be whole. */
    static double tQuantile(double degreesOfFreedom, double probability) {
        // No random generator: only the quantile function is used, and the default one is seeded from the clock.
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(probability);
    }
}
