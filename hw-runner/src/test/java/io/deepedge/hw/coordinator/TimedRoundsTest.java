package io.deepedge.hw.coordinator;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The means TimedRounds takes of the testbed's round timings, worked out by hand. */
class TimedRoundsTest {
    /** TimedRounds reads only the calls' ends and computes. */
    private static final io.deepedge.hw.rpc.GradientResult.CallParts NO_PARTS =
            new io.deepedge.hw.rpc.GradientResult.CallParts(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    private static Rounds.RoundTiming round(double startSec, double aEndSec, double aComputeSec, double bEndSec,
                                            double bComputeSec, double serverFromSec, double serverToSec) {
        Map<String, Rounds.AgentTiming> agents = new LinkedHashMap<>();
        agents.put("a", new Rounds.AgentTiming(aEndSec, aComputeSec, 1, NO_PARTS));
        agents.put("b", new Rounds.AgentTiming(bEndSec, bComputeSec, 1, NO_PARTS));
        return new Rounds.RoundTiming(0, startSec, agents, serverFromSec, serverToSec);
    }

    @Test
    void eachCallsTimeBeyondItsComputeAndTheServersStepAreAveraged() {
        // round 1: a's call 0.030 s for 0.020 s of compute (10 ms beyond), b's 0.050 for 0.045 (5 ms), step 4 ms;
        // round 2 from 1.0 s: a 0.036 for 0.020 (16 ms), b 0.040 for 0.042 (compute reads longer: 0), step 6 ms
        TimedRounds.Timing t = TimedRounds.timing(List.of(
                round(0, 0.030, 0.020, 0.050, 0.045, 0.050, 0.054),
                round(1.0, 1.036, 0.020, 1.040, 0.042, 1.040, 1.046)));
        assertEquals(13.0, t.callBeyondComputeMs().get("a"), 1e-9);
        assertEquals(2.5, t.callBeyondComputeMs().get("b"), 1e-9);
        assertEquals(5.0, t.serverStepMs(), 1e-9);
    }
}
