package io.deepedge.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Quantiles over several sorted arrays equal the nearest-rank quantile of their merged values. */
class LatencyRecorderTest {
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
                assertEquals(LatencyRecorder.quantile(merged, q), LatencyRecorder.quantile(arrays, q), 0.0,
                        "trial " + trial + " q " + q);
            }
        }
    }
}
