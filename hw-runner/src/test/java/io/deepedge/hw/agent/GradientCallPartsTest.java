package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.GradientResult;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parts of a gradient call the agent reports (protocol 1.6) and the client adds, on a real agent whose worker
 * sleeps a known time in every gradient: each part lies inside the one around it (the compute inside the handler,
 * the handler inside the call), whatever this machine's speed.
 */
class GradientCallPartsTest {
    private static final long SLEEP_MS = 25;
    private static final float[] PARAMS = {1f, 0.5f};
    /** Each part is a difference of nanosecond readings divided by 1e6 on its own: sums may differ in the last bits. */
    private static final double ROUNDING_MS = 1e-9;
    private static final long SPIN_CPU_MS = 40;
    /**
     * The process's CPU comes in the kernel's clock ticks (10 ms on Linux, {@code times()}) as two counters, user and
     * system time, each rounded down: their sum's difference over the handler lies within two ticks of the exact
     * one, which holds the compute thread's (0.01 ms for the rounding). A clean clone's CI read 30.0 ms over a 40.04
     * ms spin (2026-12-06), one tick was not enough.
     */
    private static final double CLOCKS_MS = 20.01;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The linear-regression worker, {@link #SLEEP_MS} slower per gradient. */
    private static GradientWorker slow(GradientWorker worker) {
        return LinearRegressionWorker.before(worker, count -> {
            try {
                Thread.sleep(SLEEP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The linear-regression worker, spinning before every gradient until its thread has run {@link #SPIN_CPU_MS}. */
    private static GradientWorker spinning(GradientWorker worker) {
        return LinearRegressionWorker.before(worker, count -> {
            long until = THREADS.getCurrentThreadCpuTime() + SPIN_CPU_MS * 1_000_000;
            while (THREADS.getCurrentThreadCpuTime() < until) {
                Thread.onSpinWait();
            }
        });
    }

    /**
     * The CPU the agent reports (protocol 1.7), against workers whose CPU is known whatever this machine's speed or
     * load: one that sleeps spends (next to) none in its compute, one that spins until its thread has run 40 ms
     * spends at least that; either way the compute's CPU lies within its wall time (one thread cannot run longer than
     * the time passing), and the process's CPU over the handler holds it, to within the tick the process's clock
     * counts in.
     */
    @Test
    void theAgentReportsTheComputesCpuAndItsProcesssOverTheHandler() throws Exception {
        try (AgentFixture agent = AgentFixture.withLoader((spec, data) -> slow(LinearRegressionWorker.load(spec, data)))) {
            GradientResult g = agent.readyClient().gradient(1, 1, PARAMS, 0, 3);
            GradientResult.CallParts p = g.parts();
            assertTrue(p.agentComputeCpuMs() > 0 && p.agentComputeCpuMs() < SLEEP_MS / 2.0,
                    "a sleep is no CPU: " + p + ", compute " + g.computeMs());
            assertTrue(p.agentHandlerCpuMs() + CLOCKS_MS >= p.agentComputeCpuMs(), p.toString());
        }
        try (AgentFixture agent = AgentFixture.withLoader(
                (spec, data) -> spinning(LinearRegressionWorker.load(spec, data)))) {
            AgentClient client = agent.readyClient();
            for (int i = 1; i <= 2; i++) {
                GradientResult g = client.gradient(i, i, PARAMS, 0, 3);
                GradientResult.CallParts p = g.parts();
                assertTrue(p.agentComputeCpuMs() >= SPIN_CPU_MS && p.agentComputeCpuMs() <= g.computeMs() + ROUNDING_MS,
                        "the spin is the compute thread's CPU, within the compute's wall time: " + p + ", compute "
                                + g.computeMs());
                assertTrue(p.agentHandlerCpuMs() + CLOCKS_MS >= p.agentComputeCpuMs(),
                        "the process's CPU over the handler holds the compute thread's: " + p);
            }
        }
    }

    @Test
    void theAgentsPartsLieInsideItsHandlerAndTheHandlerInsideTheCall() throws Exception {
        try (AgentFixture agent = AgentFixture.withLoader((spec, data) -> slow(LinearRegressionWorker.load(spec, data)))) {
            AgentClient client = agent.readyClient();
            for (int i = 1; i <= 3; i++) {
                long from = System.nanoTime();
                GradientResult g = client.gradient(i, i, PARAMS, 0, 3);
                double wallMs = (System.nanoTime() - from) / 1e6;
                GradientResult.CallParts p = g.parts();
                assertTrue(g.computeMs() >= SLEEP_MS, "the compute holds the worker's sleep: " + g.computeMs());
                assertTrue(p.agentParamsDecodeMs() >= 0 && p.agentGradientEncodeMs() >= 0, p.toString());
                assertTrue(p.agentHandlerMs() + ROUNDING_MS >= p.agentParamsDecodeMs() + g.computeMs() + p.agentGradientEncodeMs(),
                        "the handler holds decode, compute and encode: " + p + ", compute " + g.computeMs());
                assertTrue(p.paramsEncodeMs() >= 0 && p.gradientDecodeMs() >= 0, p.toString());
                assertTrue(wallMs + ROUNDING_MS >= p.paramsEncodeMs() + p.agentHandlerMs() + p.gradientDecodeMs(),
                        "the call holds the client's parts and the handler: " + p + ", wall " + wallMs);
            }
            GradientResult retried = client.gradientWithHeldParams(3, 3, 0, 3, PARAMS.length);
            assertEquals(0.0, retried.parts().paramsEncodeMs(), "a retry sends no parameters to encode");
            assertTrue(retried.parts().agentHandlerMs() >= retried.computeMs());
        }
    }
}
