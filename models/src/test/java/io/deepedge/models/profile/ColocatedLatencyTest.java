package io.deepedge.models.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The co-located phase's latency figures: nearest rank on both sides, averaged over a point's measurements. */
class ColocatedLatencyTest {
    @Test
    void medianAndP99AreNearestRanksWhateverTheOrder() {
        // 1..200 ms shuffled: rank ceil(0.5 x 200) = 100 -> 100 ms, rank ceil(0.99 x 200) = 198 -> 198 ms
        double[] ms = new double[200];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = (i * 37) % 200 + 1;  // 37 is prime to 200: every value once
        }
        ColocatedLatency l = ColocatedLatency.of(15, ms);
        assertEquals(15, l.sec());
        assertEquals(100, l.medianMs());
        assertEquals(198, l.p99Ms());
        // three values: ranks 2 and 3
        ColocatedLatency three = ColocatedLatency.of(1, new double[] {9, 1, 4});
        assertEquals(4, three.medianMs());
        assertEquals(9, three.p99Ms());
        assertFalse(ColocatedLatency.of(1, new double[0]).measured());
    }

    @Test
    void aPointMeasuredAgainAveragesItsLatencyOnlyWhenEveryMeasurementHasOne() {
        DesignPoint p = new DesignPoint(16, 100);
        Measurement a = new Measurement(p, 100, 50, 2, 4, new ColocatedLatency(15, 10, 100));
        Measurement b = new Measurement(p, 110, 60, 2, 6, new ColocatedLatency(17, 20, 300));
        Measurement old = new Measurement(p, 110, 60, 2, 6);
        ColocatedLatency mean = Measurement.mean(List.of(a, b)).latencyColocated();
        assertEquals(16, mean.sec(), 1e-12);
        assertEquals(15, mean.medianMs(), 1e-12);
        assertEquals(200, mean.p99Ms(), 1e-12);
        assertFalse(Measurement.mean(List.of(a, old)).latencyColocated().measured());
        assertTrue(Measurement.mean(List.of(a)).latencyColocated().measured());
    }

    @Test
    void refusesFiguresThatCannotBeMeasured() {
        assertThrows(IllegalArgumentException.class, () -> new ColocatedLatency(0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new ColocatedLatency(10, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new ColocatedLatency(10, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> new ColocatedLatency(10, 5, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ColocatedLatency(10, 5, Double.POSITIVE_INFINITY));
    }
}
