package io.deepedge.hw.inference;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FcfsWorkerTest {
    /** A handler whose request 0 holds the worker until {@link #release}; the others return at once. */
    private static final class Gate implements RequestHandler {
        final CountDownLatch inService = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Long> served = new ArrayList<>();

        @Override
        public void serve(long index) {
            served.add(index);
            if (index == 0) {
                inService.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public String describe() {
            return "gate";
        }
    }

    @Test
    void anIdleWorkerWaitsWithoutATimeout() throws Exception {
        // A timed wait (the old 5 ms poll) wakes the thread 200 times a second, which a CPU quota pays for; an
        // untimed one is WAITING, not TIMED_WAITING, until a request or stop() wakes it.
        FcfsWorker worker = new FcfsWorker("fcfs-idle-probe", new Gate(), System.nanoTime()).start();
        Thread t = thread("fcfs-idle-probe");
        for (int i = 0; i < 2000 && t.getState() != Thread.State.WAITING
                && t.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, t.getState());
        assertTrue(worker.stop().isEmpty());
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(t.isAlive(), "stop() ends the worker thread");
    }

    @Test
    void stopLetsTheRequestInServiceFinishAndLeavesTheQueuedOnesUnfinished() throws Exception {
        Gate gate = new Gate();
        FcfsWorker worker = new FcfsWorker("fcfs-stop-probe", gate, System.nanoTime()).start();
        long now = System.nanoTime();
        worker.submit(0, now);
        assertTrue(gate.inService.await(10, TimeUnit.SECONDS));
        worker.submit(1, now);
        worker.submit(2, now);
        assertEquals(2, worker.queued());
        List<RequestTiming> result = new ArrayList<>();
        Thread stopper = new Thread(() -> {
            try {
                result.addAll(worker.stop());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        // stop() must not return while request 0 is in service (the gate holds it: no timing decides this), and
        // returns once the request completes
        stopper.join(200);
        assertTrue(stopper.isAlive(), "stop() returned with a request in service");
        gate.release.countDown();
        stopper.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(stopper.isAlive());
        assertEquals(List.of(0L), gate.served, "the queued requests are not served after stop()");
        assertEquals(List.of(0L, 1L, 2L), result.stream().map(RequestTiming::index).toList());
        assertTrue(Double.isFinite(result.get(0).endSec()));
        assertTrue(Double.isNaN(result.get(1).startSec()) && Double.isNaN(result.get(2).endSec()));
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow();
    }
}
