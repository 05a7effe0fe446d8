package io.deepedge.hw.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One LC service instance: an unbounded first-come-first-served queue and ONE worker thread that serves requests
 * in arrival order. {@link #submit} never blocks, so the load generator stays open-loop however far the service
 * falls behind. Times are recorded against the time origin shared with the generator.
 */
public final class FcfsWorker {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private record Request(long index, long arrivalNanos) {
    }

    private final RequestHandler handler;
    private final long originNanos;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    /** Written by the worker thread only; read after it has been joined. */
    private final List<RequestTiming> done = new ArrayList<>();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param name thread name
     * @param originNanos the run's time origin ({@code System.nanoTime()}), shared with the generator
     */
    public FcfsWorker(String name, RequestHandler handler, long originNanos) {
        this.handler = handler;
        this.originNanos = originNanos;
        this.thread = new Thread(this::serveLoop, name);
        thread.setDaemon(true);
    }

    public FcfsWorker start() {
        thread.start();
        return this;
    }

    /** Queues a request that arrived (was scheduled) at {@code arrivalNanos}. */
    public void submit(long index, long arrivalNanos) {
        // counted before it is visible to the worker, so awaitIdle never sees it completed before submitted
        submitted.incrementAndGet();
        queue.add(new Request(index, arrivalNanos));
    }

    /** Requests waiting, not counting the one in service. */
    public int queued() {
        return queue.size();
    }

    /**
     * Stops taking requests: the one in service completes, queued ones stay unfinished. Returns every request
     * submitted, in arrival order; unstarted ones have NaN start and end.
     */
    public List<RequestTiming> stop() throws InterruptedException {
        stopping = true;
        thread.join();
        List<RequestTiming> all = new ArrayList<>(done);
        for (Request r : queue) {
            all.add(new RequestTiming(r.index(), sec(r.arrivalNanos()), Double.NaN, Double.NaN));
        }
        queue.clear();
        return all;
    }

    /** Waits until every submitted request has completed, or the timeout passes; true when idle. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (completed.get() != submitted.get()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    private void serveLoop() {
        try {
            while (!stopping) {
                Request r = queue.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
                if (r == null) {
                    continue;
                }
                long start = System.nanoTime();
                handler.serve(r.index());
                long end = System.nanoTime();
                done.add(new RequestTiming(r.index(), sec(r.arrivalNanos()), sec(start), sec(end)));
                completed.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private double sec(long nanos) {
        return (nanos - originNanos) / 1e9;
    }
}
