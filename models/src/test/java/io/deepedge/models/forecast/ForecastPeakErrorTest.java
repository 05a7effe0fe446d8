package io.deepedge.models.forecast;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forecast peak's error on Poisson loads as the monitor sees them (counts per 60 s interval / 60), with the
 * default forecaster: constant 5 req/s and ramps from 5 req/s, histories of 3, 10 and 30 intervals, a job window
 * of 60 intervals. The error is {@code peak / true peak - 1}, the true peak being the rate at the window's end
 * (the largest of a non-decreasing load). Prints the table the README quotes.
 */
class ForecastPeakErrorTest {
    private static final double INTERVAL_SEC = 60;
    private static final int HORIZON = 60;
    private static final int TRIALS = 1000;

    /** p10, p50, p90 of the relative peak error. */
    static double[] peakError(Forecaster f, int historyLength, double slopePerInterval, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] errors = new double[TRIALS];
        for (int trial = 0; trial < TRIALS; trial++) {
            double[] history = new double[historyLength];
            for (int t = 0; t < historyLength; t++) {
                history[t] = poisson(random, (5 + slopePerInterval * t) * INTERVAL_SEC) / INTERVAL_SEC;
            }
            double truePeak = 5 + slopePerInterval * (historyLength - 1 + HORIZON);
            errors[trial] = f.peak(history, HORIZON) / truePeak - 1;
        }
        Arrays.sort(errors);
        return new double[] {errors[TRIALS / 10], errors[TRIALS / 2], errors[TRIALS * 9 / 10]};
    }

    /** Inversion by sequential search: exact for the means used here (<= 1,300). */
    static long poisson(SplittableRandom random, double mean) {
        double u = random.nextDouble();
        double logP = -mean;
        double cumulative = Math.exp(logP);
        long k = 0;
        while (u > cumulative && k < 100 * mean + 100) {
            k++;
            logP += Math.log(mean / k);
            cumulative += Math.exp(logP);
        }
        return k;
    }

    @Test
    void peakOfAConstantLoadStaysNearTheLoadAndARampIsFollowed() {
        Forecaster f = ForecastSpec.DEFAULT.toForecaster();
        StringBuilder table = new StringBuilder("forecast peak error (peak / true peak - 1), 60-interval window\n");
        for (double slope : new double[] {0, 0.05, 0.2}) {
            for (int n : new int[] {3, 10, 30}) {
                double[] e = peakError(f, n, slope, 7);
                table.append(String.format(Locale.ROOT, "slope %.2f req/s per interval, %2d intervals: p10 %+.1f %%,"
                        + " p50 %+.1f %%, p90 %+.1f %%%n", slope, n, 100 * e[0], 100 * e[1], 100 * e[2]));
                if (slope == 0) {
                    // before the fix: p90 +593 %, +269 %, +36 % (a trend read from two noisy intervals, extrapolated)
                    assertTrue(e[2] < 0.25, "constant load, " + n + " intervals: p90 " + e[2]);
                }
            }
        }
        System.out.print(table);
        // a ramp well above the noise (+0.2 req/s a minute, 30 intervals seen) is extrapolated, not flattened
        double[] ramp = peakError(f, 30, 0.2, 7);
        assertTrue(Math.abs(ramp[1]) < 0.1, "ramp median error " + ramp[1]);
    }
}
