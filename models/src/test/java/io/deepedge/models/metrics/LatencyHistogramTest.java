package io.deepedge.models.metrics;

import io.deepedge.models.Arrivals;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceStats;
import io.deepedge.models.ServiceTime;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The latency histogram of histograms.csv: the documented bin rule, conservation of requests, quantiles to one bin. */
class LatencyHistogramTest {
    @Test
    void binEdgesAreTenPerDecadeFromATenthOfAMillisecondToAHundredSecondsRoundedToFourDigits() {
        assertEquals(62, LatencyHistogram.BIN_COUNT);
        assertEquals(0.0, LatencyHistogram.lowerMs(0));
        assertEquals(0.1, LatencyHistogram.upperMs(0));
        assertEquals(0.1259, LatencyHistogram.upperMs(1));
        assertEquals(1.0, LatencyHistogram.lowerMs(11));
        assertEquals(3.162, LatencyHistogram.upperMs(15));
        assertEquals(251.2, LatencyHistogram.upperMs(34));
        assertEquals(100_000.0, LatencyHistogram.lowerMs(61));
        assertEquals(Double.POSITIVE_INFINITY, LatencyHistogram.upperMs(61));
        for (int b = 1; b < 61; b++) {
            // each edge is 10^(1/10) times the one below, up to the rounding to 4 significant digits
            assertEquals(Math.pow(10, 0.1), LatencyHistogram.upperMs(b) / LatencyHistogram.lowerMs(b), 1e-3);
        }
    }

    @Test
    void aLatencyOnAnEdgeGoesToTheBinThatStartsThere() {
        assertEquals(0, LatencyHistogram.binOf(0));
        assertEquals(0, LatencyHistogram.binOf(0.0999));
        assertEquals(1, LatencyHistogram.binOf(0.1));
        assertEquals(11, LatencyHistogram.binOf(1.0));
        assertEquals(10, LatencyHistogram.binOf(Math.nextDown(1.0)));
        assertEquals(61, LatencyHistogram.binOf(100_000));
        assertEquals(61, LatencyHistogram.binOf(1e9));
    }

    @Test
    void countsConserveRequestsAndQuantilesLieInTheirBin() {
        Random random = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(5000);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = Math.exp(random.nextGaussian() * 2 + 3); // lognormal ms, median e^3 = 20 ms, wide
            }
            LatencyHistogram h = LatencyHistogram.of(List.of(values));
            assertEquals(n, h.total());
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            for (double q : new double[] {0.01, 0.5, 0.9, 0.95, 0.99, 1.0}) {
                // nearest rank, computed here from the sorted sample
                double exact = sorted[(int) Math.ceil(q * n) - 1];
                int bin = h.quantileBin(q);
                assertTrue(exact >= LatencyHistogram.lowerMs(bin) && exact < LatencyHistogram.upperMs(bin),
                        "q=" + q + ": " + exact + " not in bin " + bin);
            }
        }
    }

    @Test
    void theWindowsHistogramCountsEveryJudgedRequestCompletedOrUnfinished() {
        MetricsWindow window = new MetricsWindow(10, 20);
        WindowLatencies w = new WindowLatencies(window, 100);
        w.completed(9, 9.5, false);       // arrived before the window: not judged
        w.completed(10, 10.05, false);    // 50 ms
        w.completed(11, 11.2, true);      // 200 ms, co-located
        w.completed(12, 12.0004, false);  // 0.4 ms
        w.lost(13, 14);                   // lost: not a latency
        w.completed(19, 21, false);       // completed after the window's end: judged unfinished below
        w.unfinishedAtEnd(19, false);     // age 1000 ms at the end
        ServiceStats stats = w.stats(new ServiceInstance("s", "d", new Arrivals.Poisson(1),
                new ServiceTime.Constant(1), 100, 0.99), false);
        LatencyHistogram h = stats.histogram();
        assertEquals(stats.requests(), h.total());
        assertEquals(4, h.total());
        assertEquals(List.of(LatencyHistogram.binOf(0.4), LatencyHistogram.binOf(50), LatencyHistogram.binOf(200),
                LatencyHistogram.binOf(1000)), java.util.stream.IntStream.range(0, h.size()).map(h::bin).boxed().toList());
    }
}
