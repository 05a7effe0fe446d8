package io.deepedge.hw.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link HostSpeedProbe#stepSpeeds}: each wall-time step's chunks' work over their CPU, against the median chunk. */
class HostSpeedProbeTest {
    @Test
    void aStepsSpeedIsItsChunksCountOverTheirCpuTimesTheMedianChunk() {
        // chunks of 10 ms CPU, except three of 20 ms in the second step (the host at half speed there) and one of
        // 5 ms in the third; steps of 0.05 s; the chunk starting at 0.2 s opens a fourth step that is not complete
        double[] start = {0.00, 0.01, 0.02, 0.03, 0.04, 0.05, 0.07, 0.09, 0.10, 0.11, 0.115, 0.13, 0.14, 0.2};
        double[] cpu = {0.010, 0.010, 0.010, 0.010, 0.010, 0.020, 0.020, 0.020, 0.010, 0.005, 0.010, 0.010, 0.010,
            0.010};
        // median chunk 10 ms; step 0: 5 chunks / 50 ms; step 1 (0.05-0.10): 3 / 60 ms; step 2 (0.10-0.15):
        // 5 / 45 ms; step 3 (0.15-0.20): none, so step 2's speed
        double[] expected = {5 * 0.010 / 0.050, 3 * 0.010 / 0.060, 5 * 0.010 / 0.045, 5 * 0.010 / 0.045};
        assertArrayEquals(expected, HostSpeedProbe.stepSpeeds(start, cpu, 0.05), 1e-12);
    }

    @Test
    void chunksAndTheirTimesMustPair() {
        assertThrows(IllegalArgumentException.class, () -> HostSpeedProbe.stepSpeeds(new double[] {0}, new double[0], 1));
        assertThrows(IllegalArgumentException.class, () -> HostSpeedProbe.stepSpeeds(new double[0], new double[0], 1));
    }
}
