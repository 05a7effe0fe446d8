package io.deepedge.hw.profile;

import io.deepedge.models.profile.ComputeCpu;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training's compute CPU a sample of a design point's phases, from the gradient calls the agent reported. */
class ComputeCpuTest {
    private static GradientCalls.Call call(int samples, double cpuMs) {
        return new GradientCalls.Call(0, 1, samples, cpuMs, cpuMs);
    }

    @Test
    void cpuASampleIsTheCallsCpuOverTheirSamplesAndNoneWhenACallCameWithoutIt() {
        // (64 x 2 + 32 x 3) / (64 + 32) = 224 / 96 ms alone; beside, one call without its CPU (an older agent): a
        // share of the calls is not their CPU a sample, so the phase is not measured (as the testbed's tally)
        List<GradientCalls.Call> alone = List.of(call(64, 128), call(32, 96));
        ComputeCpu partial = GradientCalls.computeCpuOfPhases(alone, List.of(call(64, 160), call(16, Double.NaN)));
        assertEquals(224.0 / 96, partial.aloneMsPerSample(), 1e-12);
        assertTrue(Double.isNaN(partial.colocatedMsPerSample()));
        assertFalse(partial.measured());
        assertTrue(GradientCalls.computeCpu(List.of()).isEmpty());
        assertEquals(new io.deepedge.models.TrainingCpu(224, 96), GradientCalls.computeCpu(alone).orElseThrow());

        ComputeCpu c = GradientCalls.computeCpuOfPhases(List.of(call(10, 20)), List.of(call(10, 25)));
        assertEquals(2.0, c.aloneMsPerSample(), 1e-12);
        assertEquals(1.25, c.colocatedOverAlone(), 1e-12);
        assertEquals("; training's compute CPU a sample 2.000 ms alone, 2.500 beside (+25.0 %)", c.text());
        assertFalse(ComputeCpu.NONE.measured());
        assertEquals("", ComputeCpu.NONE.text());
        assertEquals("", GradientCalls.computeCpuOfPhases(List.of(call(10, 20)), List.of()).text());
    }
}
