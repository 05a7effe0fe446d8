package io.deepedge.hw.agent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The open-loop calibration's arithmetic: service times from one FCFS server's hand-overs and ends. */
class OpenLoopCalibratorTest {
    private static final long MS = 1_000_000;

    @Test
    void serviceTimesStartAtTheLaterOfHandOverAndThePreviousEnd() {
        // due 0, 1, 9 ms; handed over 0, 1, 10 ms; ended 5, 8, 12 ms: the second waited for the first (start 5),
        // the third found the server idle (start 10)
        OpenLoopCalibrator.Timings t = OpenLoopCalibrator.Timings.fcfs(new long[] {0, MS, 9 * MS},
                new long[] {0, MS, 10 * MS}, new long[] {5 * MS, 8 * MS, 12 * MS});
        assertArrayEquals(new double[] {5, 3, 2}, t.serviceMs(), 1e-12);
        assertArrayEquals(new double[] {5, 7, 3}, t.sojournMs(), 1e-12);
        assertEquals(10, t.busyMs(), 1e-12);
    }

    @Test
    void quantilesAreNearestRank() {
        double[] v = {5, 1, 4, 2, 3};
        assertEquals(3, OpenLoopCalibrator.quantile(v, 0.5));
        assertEquals(5, OpenLoopCalibrator.quantile(v, 0.99));
        assertEquals(1, OpenLoopCalibrator.quantile(v, 0.2));
        assertEquals(0, OpenLoopCalibrator.quantile(new double[0], 0.5));
    }
}
