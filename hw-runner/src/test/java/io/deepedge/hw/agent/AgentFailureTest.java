package io.deepedge.hw.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ShardSpec;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deadlines, a vanishing agent, oversize messages and failing workers: a status each, and the agent serves on. */
class AgentFailureTest {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private AgentFixture agent;

    @AfterEach
    void stopAgent() throws Exception {
        release.countDown();
        if (agent != null) {
            agent.close();
        }
    }

    /** A worker whose gradients wait until the test releases them. */
    private GradientWorker blockingWorker(ShardSpec spec, byte[] data) throws InvalidShardException {
        return LinearRegressionWorker.before(LinearRegressionWorker.load(spec, data), count -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void agentGoneMidCallIsUnavailable() throws Exception {
        agent = AgentFixture.withLoader(this::blockingWorker);
        AgentClient client = agent.readyClient();
        CompletableFuture<RemoteCallException> failure = CompletableFuture.supplyAsync(() -> {
            try {
                client.gradient(1, 1, new float[] {0, 0}, 0, 3);
                return null;
            } catch (RemoteCallException e) {
                return e;
            }
        });
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        agent.server.kill();
        RemoteCallException e = failure.get(30, TimeUnit.SECONDS);
        assertEquals(Status.Code.UNAVAILABLE, e.code(), e.getMessage());
        assertTrue(e.peerUnreachable());
    }

    @Test
    void agentStoppedBeforeTheCallIsUnavailable() throws Exception {
        agent = AgentFixture.linear();
        AgentClient client = agent.client();
        client.hello("test");
        agent.server.close();
        RemoteCallException e = assertThrows(RemoteCallException.class, () -> client.hello("test"));
        assertEquals(Status.Code.UNAVAILABLE, e.code(), e.getMessage());
        assertTrue(e.peerUnreachable());
    }

    @Test
    void deadlineExceededThenTheAgentServesTheNextCall() throws Exception {
        agent = AgentFixture.withLoader(this::blockingWorker);
        agent.readyClient();
        AgentClient impatient = agent.client(CallDeadlines.defaults().withGradient(Duration.ofMillis(200)));
        RemoteCallException e = assertThrows(RemoteCallException.class,
                () -> impatient.gradient(1, 1, new float[] {0, 0}, 0, 3));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.code(), e.getMessage());
        assertTrue(e.peerUnreachable());
        release.countDown();
        AgentClient patient = agent.client();
        assertEquals(2, patient.gradient(2, 2, new float[] {0, 0}, 0, 3).gradientSum().length);
    }

    @Test
    void oversizeMessageIsResourceExhaustedAndTheAgentServesOn() throws Exception {
        int limit = 2 << 20;
        agent = new AgentFixture(AgentServerConfig.loopback(AgentFixture.NAME, 0)
                .withLimits(limit, RpcLimits.DEFAULT_MAX_SHARD_BYTES), LinearRegressionWorker::load,
                InferenceHost.none());
        AgentClient client = agent.readyClient();
        float[] huge = new float[limit / Float.BYTES + 1];
        RemoteCallException e = assertThrows(RemoteCallException.class, () -> client.gradient(1, 1, huge, 0, 3));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.code(), e.getMessage());
        assertEquals(2, client.gradient(2, 2, new float[] {0, 0}, 0, 3).gradientSum().length);
    }

    @Test
    void failingWorkerIsInternalAndTheAgentServesOn() throws Exception {
        agent = AgentFixture.withLoader((spec, data) -> LinearRegressionWorker.before(
                LinearRegressionWorker.load(spec, data), count -> {
                    if (count == 1) {
                        throw new IllegalStateException("worker bug");
                    }
                }));
        AgentClient client = agent.readyClient();
        RemoteCallException e = assertThrows(RemoteCallException.class,
                () -> client.gradient(1, 1, new float[] {0, 0}, 0, 1));
        assertEquals(Status.Code.INTERNAL, e.code());
        assertTrue(e.getMessage().contains("worker bug"), e.getMessage());
        assertEquals(2, client.gradient(2, 1, new float[] {0, 0}, 0, 2).sampleCount());
    }

    @Test
    void shutdownCallStopsTheAgentAfterAnswering() throws Exception {
        agent = AgentFixture.linear();
        agent.client().shutdown("test over");
        assertTrue(awaitStopped(agent.server));
    }

    private static boolean awaitStopped(AgentServer server) throws InterruptedException {
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                server.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            stopped.get(30, TimeUnit.SECONDS);
            return server.isTerminated();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
