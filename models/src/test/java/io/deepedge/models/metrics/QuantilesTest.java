package io.deepedge.models.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quantiles over several sorted arrays equal the nearest-rank quantile of their merged values. */
class QuantilesTest {
    @Test
    void quantileOfTheUnionEqualsTheMergedNearestRank() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            List<double[]> arrays = new ArrayList<>();
            int k = 1 + r.nextInt(6);
            for (int i = 0; i < k; i++) {
                double[] a = new double[r.nextInt(50)];
                for (int j = 0; j < a.length; j++) {
                    // ties and zeros on purpose
                    a[j] = r.nextInt(4) == 0 ? Math.floor(r.nextDouble() * 5) : r.nextDouble() * 1e3;
                }
                Arrays.sort(a);
                arrays.add(a);
            }
            double[] merged = arrays.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
            for (double q : new double[] {0.01, 0.5, 0.95, 0.99, 1.0}) {
                assertEquals(Quantiles.of(merged, q), Quantiles.ofUnion(arrays, q), 0.0,
                        "trial " + trial + " q " + q);
            }
        }
    }

    @Test
    void nearestRankIsTheCeilingRankOrderStatistic() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, Quantiles.of(sorted, 0.5));
        assertEquals(10, Quantiles.of(sorted, 0.95));
        assertEquals(1, Quantiles.of(sorted, 0.01));
        assertTrue(Double.isNaN(Quantiles.of(new double[0], 0.5)));
    }
}
