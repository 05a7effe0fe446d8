package io.deepedge.models;

import org.junit.jupiter.api.Test;

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
    void aFigureWithoutProbesOrProbesWithoutAFigureAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HostProbe(0, 40));
        assertThrows(IllegalArgumentException.class, () -> new HostProbe(2, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new HostProbe(2, 0));
        assertThrows(IllegalArgumentException.class, () -> new HostProbe(-1, Double.NaN));
    }
}
