package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The runs a side needs: each expected count is the least n with t(0.975, n - 1) cv sqrt(2 / n) <= tolerance, worked
 * out by hand from printed t tables (values in the comments), not from the code's quantile function.
 */
class RunsToResolveTest {
    @Test
    void theLeastRunsWhoseIntervalIsNarrowEnoughFromTheTables() {
        // cv 0.05, +/-5 %: n >= 2 t^2. n = 10: t(9) = 2.262157, 2 t^2 = 10.23 > 10;
        // n = 11: t(10) = 2.228139, 9.93 <= 11
        assertEquals(11, RunsToResolve.perSide(0.05, 0.05));
        // cv 0.25 (a testbed run's LC p99), +/-10 %: n >= 12.5 t^2. n = 50: t(49) = 2.009575, 50.48 > 50;
        // n = 51: t(50) = 2.008559, 50.43 <= 51
        assertEquals(51, RunsToResolve.perSide(0.25, 0.10));
        // cv 0.25, +/-50 %: n >= t^2 / 2. n = 4: t(3) = 3.182446, 5.06 > 4; n = 5: t(4) = 2.776445, 3.85 <= 5
        assertEquals(5, RunsToResolve.perSide(0.25, 0.50));
        // the sign of the spread does not matter (a negative mean's sd / mean)
        assertEquals(5, RunsToResolve.perSide(-0.25, 0.50));
    }

    @Test
    void twoRunsAtLeastNoneUnknownAndAnUpperEnd() {
        // no spread, or a tiny one: t(1) = 12.706205, 12.7 x 0.001 x 1 <= 0.1 at n = 2 already
        assertEquals(2, RunsToResolve.perSide(0, 0.10));
        assertEquals(2, RunsToResolve.perSide(0.001, 0.10));
        assertEquals(RunsToResolve.UNKNOWN, RunsToResolve.perSide(Double.NaN, 0.10));
        // 2 (1.96 x 10 / 0.01)^2 = 7.7 million > 100,000
        assertEquals(RunsToResolve.BEYOND, RunsToResolve.perSide(10, 0.01));
        assertEquals(new RunsToResolve(11, RunsToResolve.UNKNOWN), RunsToResolve.of(0.05, Double.NaN, 0.05));
        assertEquals("11/n/a", new RunsToResolve(11, RunsToResolve.UNKNOWN).text());
        assertEquals("2/>100000", new RunsToResolve(2, RunsToResolve.BEYOND).text());
        assertThrows(IllegalArgumentException.class, () -> RunsToResolve.perSide(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> RunsToResolve.perSide(0.1, Double.NaN));
    }
}
