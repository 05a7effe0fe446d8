package io.deepedge.hw.device;

import io.deepedge.hw.rpc.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service's replies go out on a thread of their own: whatever completing a reply runs (the gRPC send, in the
 * agent) does not hold up the next request in the worker's queue, and {@link HostedService#stop} still delivers the
 * reply of the request it let finish before failing the queued ones.
 */
class HostedServiceRepliesTest {
    /** Only a deadlock guard: every wait below ends as soon as the awaited event happens. */
    private static final long GUARD_SEC = 30;

    /** Request 0's model call waits until {@link #release0}; the others answer their id at once. */
    private static final class GatedModel implements ServedModel {
        final CountDownLatch inCall0 = new CountDownLatch(1);
        final CountDownLatch release0 = new CountDownLatch(1);
        final CountDownLatch served1 = new CountDownLatch(1);

        @Override
        public void check(byte[] input) {
        }

        @Override
        public byte[] answer(long requestId, byte[] input) {
            if (requestId == 0) {
                inCall0.countDown();
                await(release0);
            }
            if (requestId == 1) {
                served1.countDown();
            }
            return new byte[] {(byte) requestId};
        }

        @Override
        public String describe() {
            return "gated";
        }
    }

    @Test
    void aReplyThatBlocksDoesNotHoldUpTheNextRequest() throws Exception {
        GatedModel model = new GatedModel();
        HostedService service = new HostedService(new ServiceSpec("gated", "gated", 0), model).start();
        CountDownLatch inReply0 = new CountDownLatch(1);
        CountDownLatch releaseReply0 = new CountDownLatch(1);
        try {
            CompletableFuture<byte[]> first = service.submit(0, 0, new byte[0]);
            CompletableFuture<byte[]> second = service.submit(1, 0, new byte[0]);
            // attached while request 0 is still in its model call, so it runs where the reply is completed
            assertTrue(model.inCall0.await(GUARD_SEC, TimeUnit.SECONDS));
            first.whenComplete((out, failure) -> {
                inReply0.countDown();
                await(releaseReply0);
            });
            model.release0.countDown();
            assertTrue(inReply0.await(GUARD_SEC, TimeUnit.SECONDS), "request 0's reply was completed");
            // with the reply completed on the worker, request 1 would wait for releaseReply0 and this would time out
            assertTrue(model.served1.await(GUARD_SEC, TimeUnit.SECONDS), "request 1 served while reply 0 is held");
            releaseReply0.countDown();
            // the replies go out in completion order, one after the other
            assertArrayEquals(new byte[] {0}, first.get(GUARD_SEC, TimeUnit.SECONDS));
            assertArrayEquals(new byte[] {1}, second.get(GUARD_SEC, TimeUnit.SECONDS));
        } finally {
            releaseReply0.countDown();
            model.release0.countDown();
            service.stop();
        }
    }

    @Test
    void stopDeliversTheServedRequestsReplyAndFailsTheQueuedOnes() throws Exception {
        GatedModel model = new GatedModel();
        HostedService service = new HostedService(new ServiceSpec("gated", "gated", 0), model).start();
        CompletableFuture<byte[]> served = service.submit(0, 0, new byte[0]);
        CompletableFuture<byte[]> queued = service.submit(1, 0, new byte[0]);
        assertTrue(model.inCall0.await(GUARD_SEC, TimeUnit.SECONDS));
        Thread stopper = new Thread(() -> {
            try {
                service.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stopper");
        stopper.start();
        // stop() has put its sentinel ahead of request 1 once it waits for the worker to end
        while (stopper.getState() != Thread.State.WAITING && stopper.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        model.release0.countDown();
        stopper.join(TimeUnit.SECONDS.toMillis(GUARD_SEC));
        assertFalse(stopper.isAlive(), "stop() returned");
        // no waiting here: stop() returns only after the served request's reply went out
        assertTrue(served.isDone() && !served.isCompletedExceptionally(), "request 0's reply delivered by stop()");
        assertArrayEquals(new byte[] {0}, served.getNow(null));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> queued.get(GUARD_SEC, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("stopped before request 1"), failed.getCause().getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(GUARD_SEC, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within " + GUARD_SEC + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
