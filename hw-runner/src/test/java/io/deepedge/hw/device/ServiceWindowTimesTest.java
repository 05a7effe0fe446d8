package io.deepedge.hw.device;

import io.deepedge.hw.agent.AgentServer;
import io.deepedge.hw.agent.AgentServerConfig;
import io.deepedge.hw.agent.InvalidShardException;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.hw.rpc.v1.InferReply;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ServiceWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's metrics window reports each completed request's FCFS service time ({@code service_ms}, protocol
 * 1.3) beside its latency, and the worker's CPU time for it ({@code service_cpu_ms}, 1.4): checked on an
 * in-process agent with a busy-spin service of known duration.
 */
class ServiceWindowTimesTest {
    private static final Token TOKEN = Token.of("service-window-times-test-token-0123456789");
    private static final double SPIN_MS = 2;
    private static final int REQUESTS = 20;
    /** The scheduled arrival crosses to the agent's monotonic clock by two wall-clock readings (µs apart). */
    private static final double CLOCK_MS = 1;
    /** The thread CPU clock and the monotonic clock are read separately, microseconds apart. */
    private static final double TIMER_MS = 0.1;

    @TempDir
    Path modelDir;

    @Test
    void serviceTimesAreTheWorkersStartToEndWithoutTheQueueing() throws Exception {
        // spin services classify nothing: no images to serve
        Dl4jInferenceHost host = new Dl4jInferenceHost(new ServiceModels(28, 28, 10, modelDir), () -> null);
        AgentServer server = AgentServer.start(AgentServerConfig.loopback("times", 0), TOKEN,
                DeviceInfo.newBuilder().setName("times").setCores(2).build(), (spec, data) -> {
                    throw new InvalidShardException("no training here");
                }, host);
        try (AgentClient agent = AgentClient.connect("127.0.0.1", server.port(), TOKEN, CallDeadlines.defaults(),
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
             InferClient lc = InferClient.connect("127.0.0.1", server.port(), TOKEN)) {
            agent.hello("test");
            agent.startServices(List.of(new ServiceSpec("spin", ServiceModels.SPIN_PREFIX + SPIN_MS, 0)));
            agent.metrics(); // a fresh window
            // a burst, all scheduled at one instant: the k-th request waits for the k - 1 before it
            Instant at = Instant.now();
            long scheduled = at.getEpochSecond() * 1_000_000_000L + at.getNano();
            List<CompletableFuture<InferReply>> replies = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                replies.add(lc.infer("spin", i, scheduled, new byte[0], Duration.ofSeconds(30)));
            }
            for (CompletableFuture<InferReply> r : replies) {
                r.get(30, TimeUnit.SECONDS);
            }
            MetricsSnapshot m = agent.metrics();
            ServiceWindow w = m.getServices(0);
            assertEquals(REQUESTS, w.getCompleted());
            float[] serviceMs = FloatCodec.decode(w.getServiceMs(), "service_ms", (int) w.getCompleted());
            float[] latencyMs = FloatCodec.decode(w.getLatencyMs(), "latency_ms", (int) w.getCompleted());
            double sum = 0;
            double maxLatency = 0;
            for (int i = 0; i < REQUESTS; i++) {
                assertTrue(serviceMs[i] >= SPIN_MS, "a busy-spin never ends early: " + serviceMs[i] + " ms");
                assertTrue(serviceMs[i] <= latencyMs[i] + CLOCK_MS, "request " + i + ": service " + serviceMs[i]
                        + " ms within its latency " + latencyMs[i] + " ms");
                sum += serviceMs[i];
                maxLatency = Math.max(maxLatency, latencyMs[i]);
            }
            // one worker's service intervals are disjoint and all after the burst's scheduled instant, so they add
            // up to at most the last completion's latency; latencies themselves add up to about n/2 times that
            assertTrue(sum <= maxLatency + CLOCK_MS, "sum of service times " + sum + " ms, last latency "
                    + maxLatency + " ms: no queueing in a service time");
            // protocol 1.4: the worker thread's CPU time per request, in the same order. A thread uses at most its
            // own elapsed time; a busy-spin uses CPU all along (some of it: the machine may preempt the thread)
            float[] cpuMs = FloatCodec.decode(w.getServiceCpuMs(), "service_cpu_ms", (int) w.getCompleted());
            double cpuSum = 0;
            for (int i = 0; i < REQUESTS; i++) {
                assertTrue(cpuMs[i] > 0 && cpuMs[i] <= serviceMs[i] + TIMER_MS, "request " + i + ": CPU " + cpuMs[i]
                        + " ms within its service time " + serviceMs[i] + " ms");
                cpuSum += cpuMs[i];
            }
            assertTrue(cpuSum > 0.1 * REQUESTS * SPIN_MS, "a busy-spin burns CPU: " + cpuSum + " ms over "
                    + REQUESTS + " spins of " + SPIN_MS + " ms");
            agent.stopServices();
        } finally {
            host.stop();
            server.kill();
            server.awaitTermination();
        }
    }
}
