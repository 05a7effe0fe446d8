package io.deepedge.hw.profile;

import io.deepedge.hw.coordinator.TimedRounds;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The round probe's arithmetic: the global batch's split and the coordination it derives from its timings. */
class RoundProbeTest {
    @Test
    void theGlobalBatchIsSplitInProportionToTheDevicesThroughputs() {
        Map<String, Double> speeds = new LinkedHashMap<>();
        speeds.put("big", 160.0);
        speeds.put("mid", 80.0);
        speeds.put("small", 40.0);
        // 64 x 160 / 280 = 36.57, 64 x 80 / 280 = 18.29, 64 x 40 / 280 = 9.14: floors 36 + 18 + 9 = 63, the one
        // left goes to the largest remainder (big's 0.57)
        assertEquals(Map.of("big", 37, "mid", 18, "small", 9), RoundProbe.batches(speeds, 64));
        // every device computes at least one sample, even with a global batch smaller than the devices
        Map<String, Double> skewed = new LinkedHashMap<>();
        skewed.put("fast", 1000.0);
        skewed.put("slow", 1.0);
        assertEquals(Map.of("fast", 1, "slow", 1), RoundProbe.batches(skewed, 1));
    }

    @Test
    void aDevicesCoordinationIsItsCallsExcessOverItsOwnWorkPlusTheServersStep() {
        TimedRounds.Timing t = new TimedRounds.Timing(Map.of("big", 31.0, "small", 50.0), 4.0);
        // big: 31 - 16 = 15 ms beyond its own work, + 4 ms of server step
        assertEquals(19.0, RoundProbe.coordinationMs(t, "big", 16.0), 1e-12);
        // small's calls were faster than alone (clock grain, a quicker moment): no negative wait, the step stays
        assertEquals(4.0, RoundProbe.coordinationMs(t, "small", 61.0), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RoundProbe.coordinationMs(t, "mid", 10.0));
    }
}
