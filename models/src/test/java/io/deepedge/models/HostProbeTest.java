package io.deepedge.models;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostProbeTest {
    @Test
    void theMeanOfTheProbesCpu() {
        HostProbe p = HostProbe.of(new double[] {40, 44, 48.5});
        assertEquals(3, p.probes());
        assertEquals(44.1666666666666, p.cpuMsMean(), 1e-9); // 132.5 / 3
        assertTrue(p.measured());
    }

    @Test
    void noProbeIsNone() {
        assertEquals(HostProbe.NONE, HostProbe.of(new double[0]));
        assertFalse(HostProbe.NONE.measured());
        assertTrue(Double.isNaN(HostProbe.NONE.cpuMsMean()));
    }

    @Test
    void pooledWeighsEachPartByItsProbes() {
        // 2 steps of 40 ms and 6 of 48 ms: 8 steps, (80 + 288) / 8 = 46 ms
        HostProbe p = HostProbe.pooled(List.of(new HostProbe(2, 40), new HostProbe(6, 48)));
        assertEquals(8, p.probes());
        assertEquals(46.0, p.cpuMsMean(), 1e-12);
        assertEquals(new HostProbe(3, 41), HostProbe.pooled(List.of(new HostProbe(3, 41))));
    }

    @Test
    void aWholeMeasuredOnlyInPartIsNotMeasured() {
        assertEquals(HostProbe.NONE, HostProbe.pooled(List.of(new HostProbe(2, 40), HostProbe.NONE)));
        assertEquals(HostProbe.NONE, HostProbe.pooled(List.of()));
    }

    @Test
    void aFigureWithoutProbesOrProbesWithoutAFigureAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HostProbe(0, 40));
        assertThrows(IllegalArgumentException.class, () -> new HostProbe(2, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new HostProbe(2, 0));
        assertThrows(IllegalArgumentException.class, () -> new HostProbe(-1, Double.NaN));
    }
}
