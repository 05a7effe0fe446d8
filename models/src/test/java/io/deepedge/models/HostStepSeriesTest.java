package io.deepedge.models;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's probe steps on two CPUs made the host's speed second by second, worked out by hand. */
class HostStepSeriesTest {
    /**
     * CPU 0 steps at 0.4 s (40 ms), 1.4 s (80 ms) and 2.4 s (40 ms); CPU 1 at 0.9 s (40), 1.9 s (40) and 2.9 s
     * (20); the reference 40 ms. Second 0 (middle 0.5 s): CPU 0's 0.4 s step, speed 1; CPU 1's 0.9 s (0.4 s away), 1: mean 1.
     * Second 1 (1.5 s): 1.4 s, 40 / 80 = 0.5; 1.9 s (0.4 away, 0.9 s lies 0.6 away), 1: mean 0.75. Second 2 (2.5 s):
     * 2.4 s, 1; 2.9 s, 40 / 20 = 2: mean 1.5. Second 3 (3.5 s), after both CPUs' last steps: the same, 1.5. Up to 3 s
     * in steps of 1 s: ceil(3 / 1) + 1 = 4 steps.
     */
    @Test
    void eachSecondAveragesTheCpusNearestSteps() {
        List<HostProbeStep> steps = List.of(new HostProbeStep(0.4, 0, 40), new HostProbeStep(0.9, 1, 40),
                new HostProbeStep(1.4, 0, 80), new HostProbeStep(1.9, 1, 40), new HostProbeStep(2.4, 0, 40),
                new HostProbeStep(2.9, 1, 20));
        HostSpeedTrace trace = HostStepSeries.of(steps, 40, 3, 1);
        assertEquals(1.0, trace.stepSec());
        assertEquals(List.of(1.0, 0.75, 1.5, 1.5), trace.speeds());
        // the steps' order in the list does not matter (each CPU's are sorted by time)
        assertEquals(trace, HostStepSeries.of(List.of(steps.get(5), steps.get(2), steps.get(0), steps.get(3),
                steps.get(1), steps.get(4)), 40, 3, 1));
    }

    @Test
    void aStepAsFarBeforeAsAnotherIsAfterWinsTheTieAndOneUnpinnedProbeIsItsOwnCpu() {
        // the middle of second 0 lies 0.5 s from both steps: the earlier one (44 ms against a reference of 44) holds
        HostSpeedTrace trace = HostStepSeries.of(List.of(new HostProbeStep(0, -1, 44), new HostProbeStep(1, -1, 88)),
                44, 0.5, 1);
        assertEquals(List.of(1.0, 0.5), trace.speeds());
    }

    @Test
    void nothingToMakeASeriesOfOrASpeedOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HostStepSeries.of(List.of(), 40, 10, 1));
        List<HostProbeStep> one = List.of(new HostProbeStep(1, 0, 40));
        assertThrows(IllegalArgumentException.class, () -> HostStepSeries.of(one, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> HostStepSeries.of(one, 40, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> HostStepSeries.of(one, 40, 10, Double.NaN));
        // 40 / 2 = 20 times the reference's speed: beyond what a host may do
        IllegalArgumentException fast = assertThrows(IllegalArgumentException.class,
                () -> HostStepSeries.of(List.of(new HostProbeStep(1, 0, 2)), 40, 10, 1));
        assertTrue(fast.getMessage().contains("speeds["), fast.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HostProbeStep(1, -2, 40));
        assertThrows(IllegalArgumentException.class, () -> new HostProbeStep(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new HostProbeStep(Double.NaN, 0, 40));
    }
}
