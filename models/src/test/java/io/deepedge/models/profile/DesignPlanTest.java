package io.deepedge.models.profile;

import io.deepedge.models.ServiceTime;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DesignPlanTest {
    @Test
    void unitHypercubePutsOnePointInEachStratumOfEveryDimension() {
        for (long seed = 1; seed <= 20; seed++) {
            int n = 7 + (int) seed;
            double[][] u = DesignPlan.unitHypercube(n, 3, seed);
            for (int d = 0; d < 3; d++) {
                final int dim = d;
                int[] strata = Arrays.stream(u).mapToInt(p -> (int) Math.floor(p[dim] * n)).sorted().toArray();
                assertTrue(Arrays.equals(IntStream.range(0, n).toArray(), strata), "seed " + seed + " dim " + d);
            }
        }
    }

    @Test
    void latinHypercubeStratifiesRateLinearlyAndBatchOnALogScale() {
        int n = 8;
        DesignPlan plan = DesignPlan.latinHypercube(n, 4, 256, 2, 42, 2, 99);
        int[] rateStrata = plan.points().stream()
                .mapToInt(p -> (int) Math.floor((p.ratePerSec() - 2) / 40 * n)).sorted().toArray();
        assertTrue(Arrays.equals(IntStream.range(0, n).toArray(), rateStrata), Arrays.toString(rateStrata));
        // log2 batch spans 2 .. 8: stratum k is [2 + 6k/n, 2 + 6(k+1)/n); rounding to an integer batch moves a
        // point by at most half a batch, so the k-th smallest batch lies between the rounded stratum ends.
        int[] batches = plan.points().stream().mapToInt(DesignPoint::batch).sorted().toArray();
        for (int k = 0; k < n; k++) {
            long lo = Math.round(Math.pow(2, 2 + 6.0 * k / n));
            long hi = Math.round(Math.pow(2, 2 + 6.0 * (k + 1) / n));
            assertTrue(batches[k] >= lo && batches[k] <= hi, k + ": " + batches[k] + " not in [" + lo + ", " + hi + "]");
        }
    }

    @Test
    void holdsOutTheRequestedNumberReproduciblyBySeed() {
        DesignPlan a = DesignPlan.latinHypercube(10, 8, 128, 1, 30, 3, 5);
        assertEquals(3, a.held().size());
        assertEquals(7, a.fitted().size());
        assertEquals(a, DesignPlan.latinHypercube(10, 8, 128, 1, 30, 3, 5));
        assertNotEquals(a.points(), DesignPlan.latinHypercube(10, 8, 128, 1, 30, 3, 6).points());
    }

    @Test
    void factorialCrossesEveryBatchWithEveryRate() {
        DesignPlan plan = DesignPlan.factorial(List.of(8, 32), List.of(1.0, 5.0, 9.0), 1, 3);
        assertEquals(6, plan.points().size());
        Set<DesignPoint> distinct = new HashSet<>(plan.points());
        assertEquals(6, distinct.size());
        assertTrue(distinct.contains(new DesignPoint(32, 5.0)));
        assertEquals(1, plan.held().size());
    }

    @Test
    void aSecondStageIsMeasuredAfterTheFirstAndKeepsItsHeldOutChoices() {
        DesignPlan first = DesignPlan.factorial(List.of(8, 32), List.of(1.0, 5.0), 1, 3);
        DesignPlan second = DesignPlan.factorial(List.of(8, 32), List.of(9.0), 0, 4);
        DesignPlan both = first.followedBy(second);
        assertEquals(List.of(new DesignPoint(8, 1.0), new DesignPoint(8, 5.0), new DesignPoint(32, 1.0),
                new DesignPoint(32, 5.0), new DesignPoint(8, 9.0), new DesignPoint(32, 9.0)), both.points());
        assertEquals(first.held(), both.held());
        assertEquals(5, both.fitted().size());
        assertEquals(first.seed(), both.seed());
    }

    @Test
    void serviceTimeFamilyFollowsTheMeasuredVariability() {
        assertEquals(new ServiceTime.Constant(6), ServiceTimeRule.family(6, 0.05));
        assertEquals(new ServiceTime.Exponential(6), ServiceTimeRule.family(6, 1.02));
        assertEquals(new ServiceTime.Lognormal(6, 0.5), ServiceTimeRule.family(6, 0.5));
        assertEquals(new ServiceTime.Lognormal(6, 1.5), ServiceTimeRule.family(6, 1.5));
    }
}
