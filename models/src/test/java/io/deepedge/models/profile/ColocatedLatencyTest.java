package io.deepedge.models.profile;

import io.deepedge.models.HostProbe;
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
    void theServicesAloneLatencyFollowsAPointThroughItsHostsItsHostAndItsMean() {
        DesignPoint p = new DesignPoint(16, 100);
        ColocatedLatency alone = new ColocatedLatency(15, 3, 30);
        Measurement a = new Measurement(p, 100, 50, 2, 4, new ColocatedLatency(15, 10, 100)).withLatencyAlone(alone);
        Measurement b = new Measurement(p, 110, 60, 2, 6).withLatencyAlone(new ColocatedLatency(17, 5, 50));
        assertEquals(alone, a.latencyAlone());
        assertEquals(ColocatedLatency.NONE, new Measurement(p, 100, 50, 2, 4).latencyAlone());
        PhaseHosts hosts = new PhaseHosts(new HostProbe(10, 40), new HostProbe(10, 44), new HostProbe(10, 48));
        // the probe steps and the host taken to a reference leave every latency as measured
        assertEquals(alone, a.withHosts(hosts).latencyAlone());
        assertEquals(alone, a.withHosts(hosts).atHost(40).latencyAlone());
        ColocatedLatency mean = Measurement.mean(List.of(a, b)).latencyAlone();
        assertEquals(new ColocatedLatency(16, 4, 40), mean);
        // the co-located one of b is missing: its mean is none, the alone one's is still there
        assertFalse(Measurement.mean(List.of(a, b)).latencyColocated().measured());
        assertFalse(Measurement.mean(List.of(a, new Measurement(p, 100, 50, 2, 4))).latencyAlone().measured());
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
