package io.deepedge.traces;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticTraceTest {
    /** Flat load with noise only: its mean rate is the base rate. */
    private static SyntheticTrace flat(long seed, double rate, double noiseCv) {
        return new SyntheticTrace(new SyntheticTrace.Params(seed, rate, 0, 86_400, 0, noiseCv, 0, 1, 1));
    }

    private static double meanRate(FunctionRow row) {
        return row.meanRatePerSec();
    }

    @Test
    void isDeterministicForASeed() {
        SyntheticTrace a = new SyntheticTrace(SyntheticTrace.Params.defaults());
        SyntheticTrace b = new SyntheticTrace(SyntheticTrace.Params.defaults());
        assertEquals(a.functions(120, 3), b.functions(120, 3));
        assertArrayEquals(a.requestTimes(30), b.requestTimes(30));
        SyntheticTrace other = new SyntheticTrace(new SyntheticTrace.Params(2, 5, 0.5, 86_400, 0, 0.1, 2, 3, 60));
        assertNotEquals(a.functions(120, 1), other.functions(120, 1));
        // Functions of one file differ from each other.
        List<FunctionRow> rows = a.functions(120, 2);
        assertFalse(Arrays.equals(rows.get(0).counts(), rows.get(1).counts()));
    }

    @Test
    void meanRateMatchesTheBaseWithinNoise() {
        // 600 minutes of 5/s with 30 % per-minute noise: the mean's relative error is about 0.3 / sqrt(600) = 1.2 %.
        for (long seed = 1; seed <= 3; seed++) {
            assertEquals(5, meanRate(flat(seed, 5, 0.3).functions(600, 1).get(0)), 5 * 0.05);
            double[] times = flat(seed, 5, 0.3).requestTimes(600);
            assertEquals(5, times.length / 36_000.0, 5 * 0.05);
        }
        assertEquals(0.2, meanRate(flat(4, 0.2, 0).functions(1440, 1).get(0)), 0.2 * 0.05);
    }

    @Test
    void requestTimesAreSortedAndInsideTheMinutes() {
        double[] times = new SyntheticTrace(SyntheticTrace.Params.defaults()).requestTimes(20);
        for (int i = 1; i < times.length; i++) {
            assertTrue(times[i] >= times[i - 1]);
        }
        assertTrue(times[0] >= 0 && times[times.length - 1] < 20 * 60);
    }

    @Test
    void burstsRaiseTheMeanByTheirShareOfTime() {
        // 6 bursts an hour of 60 s at x3: about 10 % of the time at 3x, so the mean is about 1.2x the base.
        SyntheticTrace bursty = new SyntheticTrace(new SyntheticTrace.Params(9, 10, 0, 86_400, 0, 0, 6, 3, 60));
        assertEquals(12, meanRate(bursty.functions(1200, 1).get(0)), 12 * 0.05);
    }

    @Test
    void diurnalCycleAndTrendShapeTheRate() {
        // One period per hour: the first quarter-hour rises to the peak, the third falls to the trough.
        SyntheticTrace cycle = new SyntheticTrace(new SyntheticTrace.Params(3, 10, 0.8, 3600, 0, 0, 0, 1, 1));
        int[] counts = cycle.functions(60, 1).get(0).counts();
        int rising = Arrays.stream(counts, 0, 30).sum();
        int falling = Arrays.stream(counts, 30, 60).sum();
        assertTrue(rising > 2 * falling, rising + " vs " + falling);
        assertEquals(10, cycle.functions(600, 1).get(0).meanRatePerSec(), 10 * 0.03);
        SyntheticTrace growing = new SyntheticTrace(new SyntheticTrace.Params(3, 10, 0, 3600, 1, 0, 0, 1, 1));
        assertEquals(20, growing.shapeAt(3600), 1e-9);
        int[] g = growing.functions(120, 1).get(0).counts();
        // Mean trend factor 1 + 1.75 over minutes 90-120 against 1 + 0.25 over minutes 0-30.
        assertEquals(2.75 / 1.25, Arrays.stream(g, 90, 120).sum() / (double) Arrays.stream(g, 0, 30).sum(), 0.1);
    }

    @Test
    void rejectsOutOfRangeParameters() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticTrace.Params(1, 0, 0, 1, 0, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticTrace.Params(1, 1, 1.5, 1, 0, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticTrace.Params(1, 1, 0, 1, Double.NaN, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticTrace(SyntheticTrace.Params.defaults()).functions(0, 1));
    }

    @Test
    void poissonDrawsHaveTheRightMeanAndVariance() {
        for (double mean : new double[] {0.5, 3, 9.9, 10, 50, 10_000}) {
            SplittableRandom random = new SplittableRandom(11);
            int n = 40_000;
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                long k = RandomDraws.poisson(random, mean);
                sum += k;
                sumSq += (double) k * k;
            }
            double m = sum / n;
            double variance = sumSq / n - m * m;
            assertEquals(mean, m, 4 * Math.sqrt(mean / n), "mean " + mean);
            assertEquals(mean, variance, mean * 0.05, "variance " + mean);
        }
        assertEquals(Math.log(3628800.0 * 11 * 12), RandomDraws.logFactorial(12), 1e-10);
    }
}
