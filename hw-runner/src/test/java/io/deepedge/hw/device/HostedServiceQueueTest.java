package io.deepedge.hw.device;

import io.deepedge.hw.agent.ServiceWindowStats;
import io.deepedge.hw.rpc.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service's metrics window records each request's wait in its FCFS queue ({@code queue_ms}, protocol 1.8): from the
 * hand-over to the service to its worker taking the request up. Checked on a service whose first request holds the
 * worker until the test lets it go, so the requests handed over meanwhile must have waited at least until then.
 */
class HostedServiceQueueTest {
    private static final int QUEUED = 3;
    /** How long the first request holds the worker after the others were handed over. */
    private static final long HOLD_MS = 60;
    /** A float holds a few milliseconds to about a microsecond. */
    private static final double FLOAT_MS = 0.01;

    @Test
    void requestsHandedOverWhileTheWorkerIsBusyWaitUntilItIsFree() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstInService = new CountDownLatch(1);
        ServedModel held = new ServedModel() {
            @Override
            public void check(byte[] input) {
            }

            @Override
            public byte[] answer(long requestId, byte[] input) {
                if (requestId == 0) {
                    firstInService.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new byte[0];
            }

            @Override
            public String describe() {
                return "held";
            }
        };
        HostedService service = new HostedService(new ServiceSpec("held", "held", 0), held).start();
        try {
            List<CompletableFuture<byte[]>> replies = new ArrayList<>();
            long firstHandedOverNanos = System.nanoTime();
            replies.add(service.submit(0, 0, new byte[0]));
            assertTrue(firstInService.await(30, TimeUnit.SECONDS), "the worker took the first request up");
            long firstTakenUpByNanos = System.nanoTime();
            long[] handedOverByNanos = new long[QUEUED + 1];
            for (int i = 1; i <= QUEUED; i++) {
                replies.add(service.submit(i, 0, new byte[0]));
                handedOverByNanos[i] = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(HOLD_MS);
            long releasedNanos = System.nanoTime();
            release.countDown();
            for (CompletableFuture<byte[]> r : replies) {
                r.get(30, TimeUnit.SECONDS);
            }
            ServiceWindowStats w = service.drain();
            assertEquals(QUEUED + 1, w.completed());
            float[] latency = w.latencyMs();
            float[] queue = w.queueMs();
            float[] serviceMs = w.serviceMs();
            assertEquals(QUEUED + 1, queue.length);
            for (int i = 0; i <= QUEUED; i++) {
                // no scheduled arrival (0): the request's time starts at its hand-over, so it is queue + service
                assertEquals(latency[i], queue[i] + serviceMs[i], FLOAT_MS, "request " + i);
                assertTrue(queue[i] >= 0, "request " + i + " queued " + queue[i] + " ms");
            }
            // the first found the worker idle: it waited at most until the test saw it in service
            double atMostMs = (firstTakenUpByNanos - firstHandedOverNanos) / 1e6;
            assertTrue(queue[0] <= atMostMs + FLOAT_MS, "the first request queued " + queue[0] + " ms, at most "
                    + atMostMs + " ms");
            for (int i = 1; i <= QUEUED; i++) {
                // handed over before handedOverByNanos[i], taken up after the first ended, which was after the release
                double atLeastMs = (releasedNanos - handedOverByNanos[i]) / 1e6;
                assertTrue(queue[i] >= atLeastMs - FLOAT_MS, "request " + i + " queued " + queue[i]
                        + " ms, at least " + atLeastMs + " ms");
            }
        } finally {
            service.stop();
        }
    }
}
