package io.deepedge.models.profile;

import io.deepedge.models.HostProbe;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training's compute CPU a sample of a design point: its ratio, its host, its mean over repeats, worked by hand. */
class ComputeCpuTest {
    private static final DesignPoint A = new DesignPoint(16, 40);

    @Test
    void eachPhasesCpuASampleIsTakenToTheReferenceHostByItsOwnProbe() {
        // training alone on a host whose step took 50 ms: at the 40 ms reference a CPU second does 50/40 as much, so
        // 2.0 ms a sample become 2.0 x 40/50 = 1.6; together at 40 ms: 2.5 unchanged. Ratio 2.5 / 1.6 = 1.5625
        // (1.25 as measured, the alone phase's slower host hiding part of the cost)
        Measurement m = new Measurement(A, 100, 60, 4, 10, ColocatedLatency.NONE, new PhaseHosts(new HostProbe(10, 50),
                new HostProbe(10, 32), new HostProbe(10, 40)), ColocatedLatency.NONE, new ComputeCpu(2.0, 2.5));
        assertEquals(1.25, m.computeCpu().colocatedOverAlone(), 1e-12);
        ComputeCpu at = m.atHost(40).computeCpu();
        assertEquals(1.6, at.aloneMsPerSample(), 1e-12);
        assertEquals(2.5, at.colocatedMsPerSample(), 1e-12);
        assertEquals(1.5625, at.colocatedOverAlone(), 1e-12);
        // kept through the other copies
        assertEquals(m.computeCpu(), m.withLatencyAlone(new ColocatedLatency(10, 1, 2)).computeCpu());
        assertEquals(ComputeCpu.NONE, new Measurement(A, 100, 60, 4, 10).computeCpu());
    }

    @Test
    void repeatsAverageOverThoseThatMeasuredBothPhases() {
        // (2 + 3) / 2 = 2.5 alone, (2.5 + 3.3) / 2 = 2.9 beside; the repeat without the figure is left out
        Measurement mean = Measurement.mean(List.of(cpu(new ComputeCpu(2, 2.5)), cpu(ComputeCpu.NONE),
                cpu(new ComputeCpu(3, 3.3))));
        assertEquals(2.5, mean.computeCpu().aloneMsPerSample(), 1e-12);
        assertEquals(2.9, mean.computeCpu().colocatedMsPerSample(), 1e-12);
        assertEquals(ComputeCpu.NONE, Measurement.mean(List.of(cpu(ComputeCpu.NONE), cpu(new ComputeCpu(Double.NaN,
                2)))).computeCpu());
    }

    private static Measurement cpu(ComputeCpu c) {
        return new Measurement(A, 100, 60, 4, 10, ColocatedLatency.NONE, PhaseHosts.NONE, ColocatedLatency.NONE, c);
    }

    @Test
    void aFigureIsAPositiveNumberOrNotMeasured() {
        assertThrows(IllegalArgumentException.class, () -> new ComputeCpu(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new ComputeCpu(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new ComputeCpu(2, Double.POSITIVE_INFINITY));
        ComputeCpu half = new ComputeCpu(Double.NaN, 2);
        assertFalse(half.measured());
        assertTrue(Double.isNaN(half.colocatedOverAlone()));
        assertEquals("", half.text());
        assertEquals("; training's compute CPU a sample 2.000 ms alone, 2.500 beside (+25.0 %)",
                new ComputeCpu(2, 2.5).text());
    }

    @Test
    void theRatiosAreThoseOfThePointsThatMeasuredBothSorted() {
        List<ComputeCpu> points = List.of(new ComputeCpu(2, 3), new ComputeCpu(2, 2.2), new ComputeCpu(4, 5),
                new ComputeCpu(Double.NaN, 3), new ComputeCpu(2, 2.6), ComputeCpu.NONE);
        // measured: 1.5, 1.1, 1.25, 1.3 -> sorted 1.1, 1.25, 1.3, 1.5
        assertArrayEquals(new double[] {1.1, 1.25, 1.3, 1.5}, ComputeCpu.ratios(points), 1e-12);
        assertEquals(0, ComputeCpu.ratios(List.of(ComputeCpu.NONE)).length);
    }
}
