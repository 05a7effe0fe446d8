package io.deepedge.models.metrics;

import io.deepedge.models.Arrivals;
import io.deepedge.models.LatencySummary;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceStats;
import io.deepedge.models.ServiceTime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which requests a metrics window judges, and how: counted once each, unfinished ones by their age. */
class WindowLatenciesTest {
    private static final ServiceInstance INSTANCE = new ServiceInstance("s", "d", new Arrivals.Poisson(1),
            new ServiceTime.Constant(10), 500, 0.9);

    @Test
    void handCountedRequestsGiveTheirExactSummary() {
        WindowLatencies w = new WindowLatencies(new MetricsWindow(10, 20), 500);
        w.completed(5, 11, false);          // arrived before the window: not judged
        w.completed(12, 12.125, true);      // 125 ms, during training
        w.completed(13, 13.75, false);      // 750 ms: a miss
        w.lost(15, 16);                     // lost inside the window
        w.lost(9, 16);                      // arrived before: not judged
        w.completed(18, 20.5, true);        // completes after the end: judged at the end instead, below
        w.unfinishedAtEnd(18, true);        // age 2,000 ms at 20 s: a miss
        w.unfinishedAtEnd(19.75, false);    // age 250 ms
        w.unfinishedAtEnd(20, false);       // arrives at the end: outside [10, 20)
        ServiceStats s = w.stats(INSTANCE, true);
        // sorted 125, 250, 750, 2000: nearest ranks ceil(0.5 x 4) = 2, ceil(0.95 x 4) = ceil(0.9 x 4) = 4
        assertEquals(new LatencySummary(4, 2, 2, (125 + 750 + 2000 + 250) / 4.0, 250, 2000, 2000, 2000), s.window());
        assertEquals(new LatencySummary(2, 1, 1, (125 + 2000) / 2.0, 125, 2000, 2000, 2000), s.colocation());
        assertEquals(1, s.lost());
        assertTrue(!s.sloMet() && !s.colocSloMet());
    }

    @Test
    void theJobViewHoldsTheRequestsThatArrivedWhileTrainingRanAnywhere() {
        WindowLatencies w = new WindowLatencies(new MetricsWindow(0, 10), 500);
        w.completed(1, 1.125, true, true);      // 125 ms, training here
        w.completed(2, 2.25, false, true);      // 250 ms, training on another device only
        w.completed(3, 3.375, false, false);    // 375 ms, no training anywhere
        w.completed(4, 4.5, true, false);       // 500 ms, training here implies the job ran: co-located
        w.unfinishedAtEnd(9, false, true);      // age 1,000 ms, training elsewhere: a miss
        ServiceStats s = w.stats(INSTANCE, true);
        // job: 125, 250, 500, 1000; nearest ranks ceil(0.5 x 4) = 2, ceil(0.9 x 4) = ceil(0.95 x 4) = 4
        assertEquals(new LatencySummary(4, 1, 1, 1875 / 4.0, 250, 1000, 1000, 1000), s.job());
        assertEquals(new LatencySummary(2, 0, 0, 625 / 2.0, 125, 500, 500, 500), s.colocation());
        // window: 125, 250, 375, 500, 1000; ranks ceil(0.5 x 5) = 3, ceil(0.9 x 5) = 5
        assertEquals(new LatencySummary(5, 1, 1, 2250 / 5.0, 375, 1000, 1000, 1000), s.window());
    }

    @Test
    void everyRequestArrivingInTheWindowIsJudgedOrLostExactlyOnce() {
        SplittableRandom r = new SplittableRandom(8);
        for (int trial = 0; trial < 50; trial++) {
            MetricsWindow window = new MetricsWindow(100 * r.nextDouble(), 100 + 100 * r.nextDouble());
            WindowLatencies w = new WindowLatencies(window, 500);
            List<Double> judgedMs = new ArrayList<>();
            long arrived = 0;
            long lost = 0;
            long misses = 0;
            for (int i = 0; i < 1000; i++) {
                double arrival = 250 * r.nextDouble();
                double outcome = arrival + 2 * r.nextDouble();
                boolean inWindow = window.admits(arrival);
                arrived += inWindow ? 1 : 0;
                if (r.nextInt(10) == 0) {
                    w.lost(arrival, outcome);
                    lost += inWindow && outcome < window.toSec() ? 1 : 0;
                    // a request lost after the end was still in the system at the end
                    if (inWindow && outcome >= window.toSec()) {
                        w.unfinishedAtEnd(arrival, false);
                        judgedMs.add((window.toSec() - arrival) * 1000);
                    }
                } else if (outcome <= window.toSec()) {
                    w.completed(arrival, outcome, r.nextBoolean());
                    if (inWindow) {
                        judgedMs.add((outcome - arrival) * 1000);
                    }
                } else {
                    w.unfinishedAtEnd(arrival, r.nextBoolean());
                    if (inWindow) {
                        judgedMs.add((window.toSec() - arrival) * 1000);
                    }
                }
            }
            for (double ms : judgedMs) {
                misses += ms > 500 ? 1 : 0;
            }
            ServiceStats s = w.stats(INSTANCE, false);
            assertEquals(arrived, s.requests() + s.lost(), "trial " + trial);
            assertEquals(lost, s.lost());
            assertEquals(misses, s.misses());
            assertEquals(s.window().requests(), judgedMs.size());
            double[] sorted = judgedMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            assertEquals(Quantiles.of(sorted, 0.99), s.p99Ms(), 0.0);
            assertTrue(s.colocation().requests() <= s.requests());
            assertEquals(s.colocation(), s.job(), "the 3-argument calls say the job ran only here");
        }
    }

    @Test
    void totalsAddEveryInstanceAndTakeQuantilesOverTheUnion() {
        WindowLatencies a = new WindowLatencies(new MetricsWindow(0, 10), 50);
        WindowLatencies b = new WindowLatencies(new MetricsWindow(0, 10), 500);
        a.completed(1, 1.125, false);   // 125 ms, a miss at a's 50 ms deadline
        b.completed(1, 1.25, true);     // 250 ms
        b.unfinishedAtEnd(9, false);    // 1,000 ms, a miss at b's 500 ms
        LcTotals t = WindowLatencies.totals(List.of(a, b));
        assertEquals(new LcTotals(3, 1, 2, 250, 1000, 1000), t);
    }

    @Test
    void windowMustEndAfterItStarts() {
        assertThrows(IllegalArgumentException.class, () -> new MetricsWindow(10, 10));
        assertThrows(IllegalArgumentException.class, () -> new MetricsWindow(-1, 10));
    }
}
