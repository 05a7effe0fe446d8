package io.deepedge.models.monitoring;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShiftDetectorTest {
    @Test
    void sidakLevelMakesTheFamilyErrAtTheGivenProbability() {
        double level = ShiftDetector.perInstanceLevel(10_000, 0.001);
        // 1 - (1 - level)^N = p, computed independently
        assertEquals(0.001, 1 - Math.pow(1 - level, 10_000), 1e-12);
        assertEquals(0.001, ShiftDetector.perInstanceLevel(1, 0.001), 1e-15);
    }

    @Test
    void exactTailIsTheBinomialTailOfTheCountGivenTheTotal() {
        // one reference interval: the new count given a total of 4 is Binomial(4, 1/2); P(X >= 4) = 1/16
        assertEquals(1.0 / 16, ShiftDetector.exactTail(4, 0, 1), 1e-12);
        // P(X <= 0) for Binomial(4, 1/2), two reference intervals totalling 4 and a count of 0: (2/3)^4
        assertEquals(Math.pow(2.0 / 3, 4), ShiftDetector.exactTail(0, 4, 2), 1e-12);
    }

    /** The cheap screen never hides a shift the exact test would report, over the counts and levels in use. */
    @Test
    void squareRootScreenNeverHidesAnExactShift() {
        SplittableRandom r = new SplittableRandom(5);
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        int exactShifts = 0;
        for (int trial = 0; trial < 200_000; trial++) {
            int intervals = 1 + r.nextInt(ShiftDetector.MAX_REFERENCE_INTERVALS);
            double mean = Math.exp(r.nextDouble(Math.log(0.5), Math.log(5_000)));
            long referenceSum = Math.round(mean * intervals * r.nextDouble(0.8, 1.2));
            long count = Math.round(mean * Math.exp(r.nextDouble(-1.5, 1.5)));
            double level = ShiftDetector.perInstanceLevel(new int[] {1, 10, 1_000, 10_000, 100_000}[r.nextInt(5)],
                    new double[] {0.05, 0.001, 1e-4}[r.nextInt(3)]);
            if (ShiftDetector.exactTail(count, referenceSum, intervals) <= level / 2) {
                exactShifts++;
                double threshold = normal.inverseCumulativeProbability(1 - level / 2);
                double z = ShiftDetector.squareRootScore(count, referenceSum, intervals);
                assertTrue(Math.abs(z) > threshold - ShiftDetector.SCREEN_MARGIN, "count " + count + " reference "
                        + referenceSum + "/" + intervals + " level " + level + ": z " + z + ", threshold " + threshold);
            }
        }
        assertTrue(exactShifts > 10_000, "exact shifts " + exactShifts);
    }

    @Test
    void aStepDownTriggersOnceAndTheNewLevelBecomesTheReference() {
        ShiftDetector d = new ShiftDetector(1, 0.25, 0.001);
        int shifts = 0;
        for (int t = 0; t < 30; t++) {
            shifts += d.observe(0, 1200) ? 1 : 0;
        }
        assertEquals(0, shifts);
        assertTrue(d.observe(0, 300), "20 -> 5 req/s over 60 s");
        for (int t = 0; t < 30; t++) {
            assertFalse(d.observe(0, 300), "steady at the new level, t " + t);
        }
    }

    @Test
    void aChangeInTheMiddleOfAnIntervalShiftsTwiceThenSettles() {
        ShiftDetector d = new ShiftDetector(1, 0.25, 0.001);
        for (int t = 0; t < 10; t++) {
            d.observe(0, 1200);
        }
        assertTrue(d.observe(0, 750), "half the interval at 20 req/s, half at 5");
        assertTrue(d.observe(0, 300), "the first whole interval at 5 req/s corrects the partial one");
        for (int t = 0; t < 30; t++) {
            assertFalse(d.observe(0, 300), "t " + t);
        }
    }

    @Test
    void changesWithinTheBandNeverTrigger() {
        // 20 % more of a large count is far beyond Poisson noise but within a 25 % band
        ShiftDetector d = new ShiftDetector(1, 0.25, 0.001);
        for (int t = 0; t < 10; t++) {
            d.observe(0, 10_000);
        }
        assertFalse(d.observe(0, 12_000));
    }

    @Test
    void theFirstIntervalHasNoReferenceAndNeverTriggers() {
        assertFalse(new ShiftDetector(1, 0, 0.5).observe(0, 1_000_000));
    }
}
