package io.deepedge.hw.coordinator;

import io.deepedge.hw.rpc.GradientResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** runs.csv's train_cpu_ms_per_sample from the agents' reports, worked out by hand. */
class TrainingCpuTallyTest {
    private static Rounds.AgentTiming call(int samples, double computeCpuMs) {
        return new Rounds.AgentTiming(1.0, 0.1, samples, new GradientResult.CallParts(1, 1, 1, 100, 1, computeCpuMs,
                computeCpuMs + 10));
    }

    @Test
    void sumsEachDevicesCpuOverItsCallsAndLeavesOutADeviceWithAnUnreportedCall() {
        TrainingCpuTally tally = new TrainingCpuTally();
        tally.round(new Rounds.RoundTiming(0, 0.9, Map.of("a", call(40, 121), "b", call(24, Double.NaN),
                "c", call(8, 30)), 1.0, 1.01));
        tally.round(new Rounds.RoundTiming(1, 1.1, Map.of("a", call(39, 95), "b", call(25, 60)), 1.2, 1.21));
        // a: (121 + 95) / (40 + 39) = 216 / 79; c: 30 / 8; b's first call came from an agent that did not report it
        assertEquals(Map.of("a", 216.0 / 79, "c", 30.0 / 8), Map.of(
                "a", tally.byDevice().get("a").msPerSample(), "c", tally.byDevice().get("c").msPerSample()));
        assertEquals(java.util.Set.of("a", "c"), tally.byDevice().keySet());
        assertEquals(79, tally.byDevice().get("a").samples());
    }
}
