package io.deepedge.hw.rpc;

import io.deepedge.hw.rpc.v1.GradientReply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the coordinator reads the parts of a gradient call from agents of every protocol, and from a wrong one. */
class GradientReplyPartsTest {
    private static GradientReply.Builder current() {
        return GradientReply.newBuilder().setParamsDecodeMs(3).setGradientEncodeMs(4).setHandlerMs(100)
                .setComputeCpuMs(54).setHandlerCpuMs(60);
    }

    @Test
    void aCurrentAgentsPartsAreTakenAsSent() {
        GradientResult.CallParts p = AgentClient.callParts(current().build(), 2, 1.5);
        assertEquals(List.of(2.0, 3.0, 4.0, 100.0, 1.5, 54.0, 60.0), List.of(p.paramsEncodeMs(),
                p.agentParamsDecodeMs(), p.agentGradientEncodeMs(), p.agentHandlerMs(), p.gradientDecodeMs(),
                p.agentComputeCpuMs(), p.agentHandlerCpuMs()));
        // a call that spent under the process clock's tick: 0 ms of process CPU is a reading, not a missing one
        assertEquals(0.0, AgentClient.callParts(current().setHandlerCpuMs(0).build(), 2, 1.5).agentHandlerCpuMs());
    }

    @Test
    void olderAgentsLeaveWhatTheyDoNotSendUnknown() {
        // protocol 1.6: its own parts, no CPU
        GradientResult.CallParts p16 = AgentClient.callParts(current().clearComputeCpuMs().clearHandlerCpuMs().build(),
                2, 1.5);
        assertEquals(100.0, p16.agentHandlerMs());
        assertTrue(Double.isNaN(p16.agentComputeCpuMs()) && Double.isNaN(p16.agentHandlerCpuMs()), p16.toString());
        // before 1.6: nothing of its own
        GradientResult.CallParts p15 = AgentClient.callParts(GradientReply.newBuilder().build(), 2, 1.5);
        assertTrue(Double.isNaN(p15.agentHandlerMs()) && Double.isNaN(p15.agentComputeCpuMs()), p15.toString());
        assertEquals(2.0, p15.paramsEncodeMs());
    }

    @Test
    void cpuFiguresThatAreNotFiniteNumbersAreNotTaken() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -5}) {
            GradientResult.CallParts p = AgentClient.callParts(current().setComputeCpuMs(bad).build(), 2, 1.5);
            assertTrue(Double.isNaN(p.agentComputeCpuMs()) && Double.isNaN(p.agentHandlerCpuMs()), bad + ": " + p);
            GradientResult.CallParts q = AgentClient.callParts(current().setHandlerCpuMs(bad).build(), 2, 1.5);
            assertEquals(54.0, q.agentComputeCpuMs(), bad + ": " + q);
            assertTrue(Double.isNaN(q.agentHandlerCpuMs()), "the process's figure alone: " + bad + ": " + q);
        }
    }
}
