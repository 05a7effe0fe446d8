package io.deepedge.sim.bench;

import io.deepedge.sim.HeapEventList;
import org.junit.jupiter.api.Test;
import umontreal.ssj.simevents.eventlist.SplayTree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmark's bare SSJ baseline is a correct M/M/1 model and runs identically on both event lists. */
class BareMm1ModelTest {
    @Test
    void sameLatenciesUnderSplayTreeAndHeapEventList() {
        BareMm1Model splay = new BareMm1Model(new SplayTree(), 7, 20, 20, 0.010, 600);
        BareMm1Model heap = new BareMm1Model(new HeapEventList(), 7, 20, 20, 0.010, 600);
        assertEquals(splay.run(), heap.run());
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(splay.latencies(i), heap.latencies(i));
        }
    }

    @Test
    void meanSojournMatchesMm1Theory() {
        BareMm1Model model = new BareMm1Model(new HeapEventList(), 3, 100, 20, 0.010, 3600);
        long n = model.run();
        // Poisson count: 7.2 M expected
        assertEquals(7_200_000, n, 5 * Math.sqrt(7_200_000));
        double sum = 0;
        for (int i = 0; i < 100; i++) {
            for (double x : model.latencies(i)) {
                sum += x;
            }
        }
        // M/M/1 sojourn: exponential with rate mu - lambda = 80 /s, mean 12.5 ms
        assertEquals(0.0125, sum / n, 0.0125 * 0.01);
    }
}
