package io.deepedge.hw.coordinator;

import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.models.Assignment;
import io.deepedge.models.Plan;
import io.deepedge.models.timeline.RoundCall;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rows of rounds.csv the testbed's timeline keeps from its rounds, worked out by hand. */
class TestbedTimelineRoundCallsTest {
    @Test
    void everyCallOfARoundIsSplitIntoItsParts() {
        TestbedTimeline timeline = new TestbedTimeline(List.of("a", "b", "c"), 0);
        timeline.transferring(new Plan(List.of(new Assignment("a", 40), new Assignment("b", 24))), 0.5);
        Map<String, Rounds.AgentTiming> agents = new LinkedHashMap<>();
        // a: the call from 1.000 s to 1.130 s: 130 ms = 2 (encode) + 100 (handler: 3 decode, 90 compute, 4 encode,
        // 3 more) + 1.5 (decode) + 26.5 of transport; its thread spent 54 ms of CPU in the compute, its process 61
        agents.put("a", new Rounds.AgentTiming(1.130, 0.090, 20, new GradientResult.CallParts(2, 3, 4, 100, 1.5, 54,
                61)));
        // b: an agent before protocol 1.6 reports no parts of its own: its transport is unknown
        agents.put("b", new Rounds.AgentTiming(1.060, 0.050, 12, new GradientResult.CallParts(2, Double.NaN, Double.NaN,
                Double.NaN, 1.0)));
        timeline.round(new Rounds.RoundTiming(7, 1.0, agents, 1.130, 1.135));

        List<RoundCall> calls = timeline.calls();
        assertEquals(2, calls.size(), "one row per device with samples in the round; c is not in the plan");
        RoundCall a = calls.get(0);
        assertEquals(List.of(7L, "a", 20), List.of(a.round(), a.device(), a.samples()));
        assertEquals(130, a.callMs(), 1e-9);
        assertEquals(90, a.computeMs(), 1e-9);
        assertEquals(List.of(2.0, 3.0, 4.0, 100.0, 1.5), List.of(a.paramsEncodeMs(), a.paramsDecodeMs(),
                a.gradientEncodeMs(), a.agentHandlerMs(), a.gradientDecodeMs()));
        assertEquals(26.5, a.transportMs(), 1e-9);
        assertEquals(List.of(54.0, 61.0), List.of(a.computeCpuMs(), a.agentHandlerCpuMs()));
        RoundCall b = calls.get(1);
        assertEquals(60, b.callMs(), 1e-9);
        assertTrue(Double.isNaN(b.transportMs()) && Double.isNaN(b.agentHandlerMs()), b.toString());
        assertTrue(Double.isNaN(b.computeCpuMs()) && Double.isNaN(b.agentHandlerCpuMs()), "nor its CPU: " + b);
    }
}
