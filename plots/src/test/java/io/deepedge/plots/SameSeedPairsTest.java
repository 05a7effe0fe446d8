package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** The sign test against exact binomial sums in integers, computed here without the code under test's logs. */
class SameSeedPairsTest {
    /** min(1, 2 sum_{k <= min} C(n, k) / 2^n), in exact integers then one division. */
    private static double exactP(int above, int below) {
        int n = above + below;
        BigInteger sum = BigInteger.ZERO;
        BigInteger binomial = BigInteger.ONE;
        for (int k = 0; k <= Math.min(above, below); k++) {
            sum = sum.add(binomial);
            binomial = binomial.multiply(BigInteger.valueOf(n - k)).divide(BigInteger.valueOf(k + 1));
        }
        double p = new BigDecimal(sum.shiftLeft(1)).divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)),
                MathContext.DECIMAL64).doubleValue();
        return Math.min(1, p);
    }

    @Test
    void smallCountsGiveTheHandComputedTails() {
        assertEquals(22.0 / 1024, new SameSeedPairs(10, 9, 1).signTestP(), 1e-15);  // 2 (1 + 10) / 2^10
        assertEquals(1.0 / 16, new SameSeedPairs(7, 0, 5).signTestP(), 1e-15);     // 2 / 2^5, ties left out
        assertEquals(1.0, new SameSeedPairs(6, 3, 3).signTestP(), 0);              // 2 x 42/64 > 1
        assertEquals(1.0, new SameSeedPairs(1, 1, 0).signTestP(), 0);             // 2 x 1/2: one pair tells nothing
        assertEquals(0.5, new SameSeedPairs(2, 0, 2).signTestP(), 0);             // 2 x 1/4
        assertTrue(Double.isNaN(new SameSeedPairs(3, 0, 0).signTestP()));
        assertTrue(Double.isNaN(SameSeedPairs.NONE.signTestP()));
    }

    @Test
    void everySplitUpToSixtyPairsAndLongPooledRunsMatchTheExactSum() {
        for (int n = 1; n <= 60; n++) {
            for (int above = 0; above <= n; above++) {
                assertEquals(exactP(above, n - above), new SameSeedPairs(n, above, n - above).signTestP(), 1e-12,
                        above + " of " + n);
            }
        }
        for (int[] c : new int[][] {{600, 400}, {1500, 1400}, {20, 980}, {2000, 2000}}) {
            double exact = exactP(c[0], c[1]);
            assertEquals(exact, new SameSeedPairs(c[0] + c[1], c[0], c[1]).signTestP(), 1e-9 * Math.max(exact, 1e-300),
                    c[0] + " / " + c[1]);
        }
    }

    @Test
    void pairsAddUpAndEachRunFallsOnOneSide() {
        SameSeedPairs sum = SameSeedPairs.of(2, 1).plus(SameSeedPairs.of(1, 2)).plus(SameSeedPairs.of(3, 3));
        assertEquals(new SameSeedPairs(3, 1, 1), sum);
        assertThrows(IllegalArgumentException.class, () -> new SameSeedPairs(1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SameSeedPairs(-1, 0, 0));
    }
}
