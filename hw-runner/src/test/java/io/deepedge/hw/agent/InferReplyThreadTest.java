package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.hw.rpc.v1.InferReply;
import io.deepedge.hw.rpc.v1.InferRequest;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent sends an {@code Infer} reply from a thread of its own, not from the thread that completes the request
 * (the service's FCFS worker): however long the send takes, the worker goes on to its next request.
 */
class InferReplyThreadTest {
    /** Only a deadlock guard: every wait below ends as soon as the awaited event happens. */
    private static final long GUARD_SEC = 30;

    /** A host whose one pending request is completed by the test, standing in for the service's worker. */
    private static final class OneRequestHost implements InferenceHost {
        final CompletableFuture<byte[]> pending = new CompletableFuture<>();

        @Override
        public List<String> start(List<ServiceSpec> services) {
            return List.of();
        }

        @Override
        public void stop() {
        }

        @Override
        public CompletionStage<byte[]> infer(String serviceId, long requestId, long scheduledArrivalUnixNanos,
                                             byte[] input) {
            return pending;
        }

        @Override
        public List<ServiceWindowStats> drainWindow() {
            return List.of();
        }
    }

    /** A caller's stream whose first {@code onNext} blocks until released, like a send that takes its time. */
    private static final class SlowStream implements StreamObserver<InferReply> {
        final CountDownLatch inSend = new CountDownLatch(1);
        final CountDownLatch releaseSend = new CountDownLatch(1);
        final CountDownLatch completed = new CountDownLatch(1);
        final AtomicReference<Thread> sender = new AtomicReference<>();
        final AtomicReference<InferReply> sent = new AtomicReference<>();

        @Override
        public void onNext(InferReply value) {
            sender.set(Thread.currentThread());
            sent.set(value);
            inSend.countDown();
            try {
                releaseSend.await(GUARD_SEC, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onError(Throwable t) {
            throw new AssertionError("no error expected", t);
        }

        @Override
        public void onCompleted() {
            completed.countDown();
        }
    }

    @Test
    void aSlowSendDoesNotHoldTheThreadThatServedTheRequest() throws Exception {
        OneRequestHost host = new OneRequestHost();
        AgentService agent = new AgentService(DeviceInfo.newBuilder().setName("reply").setCores(1).build(), 1 << 20,
                (spec, data) -> {
                    throw new InvalidShardException("no training here");
                }, host, () -> { });
        SlowStream stream = new SlowStream();
        agent.infer(InferRequest.newBuilder().setServiceId("svc").setRequestId(42).build(), stream);

        CountDownLatch workerFree = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            host.pending.complete(new byte[] {7});
            workerFree.countDown();
        }, "lc-svc");
        try {
            worker.start();
            assertTrue(stream.inSend.await(GUARD_SEC, TimeUnit.SECONDS), "the reply is being sent");
            // with the send on the completing thread, the worker would be inside onNext until releaseSend
            assertTrue(workerFree.await(GUARD_SEC, TimeUnit.SECONDS), "the worker returned while the send is held");
            assertNotEquals(worker, stream.sender.get());
            assertEquals("lc-reply", stream.sender.get().getName());
        } finally {
            stream.releaseSend.countDown();
        }
        assertTrue(stream.completed.await(GUARD_SEC, TimeUnit.SECONDS), "the call completed after its reply");
        assertEquals(42, stream.sent.get().getRequestId());
        assertEquals(1, stream.sent.get().getOutput().size());
        worker.join();
    }
}
