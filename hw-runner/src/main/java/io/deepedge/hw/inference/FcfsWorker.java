package io.deepedge.hw.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One LC service instance: an unbounded first-come-first-served queue and ONE worker thread that serves requests
 * in arrival order. {@link #submit} never blocks, so the load generator stays open-loop however far the service
 * falls behind. Times are recorded against the time origin shared with the generator.
 *
 * <p>An idle worker blocks without a timeout: it used to poll every 5 ms, and those 200 wake-ups a second cost
 * a bare polling thread 0.009 cores on this 2-core VM, and the idle CPU the profile fits fell by 0.020 and 0.021
 * cores on two of the three agents (0.006 on the third) when the worker stopped polling: under a 0.15-core quota a
 * seventh of the budget spent on nothing (experiments/fidelity/STUDIES.md "The idle agent"). {@link #stop} wakes it with a sentinel at the
 * head of the queue, so the request in service completes and the queued ones stay unfinished.
 */
public final class FcfsWorker {
    private record Request(long index, long arrivalNanos) {
    }

    /** Put at the head of the queue by {@link #stop}: the worker takes it next and ends. */
    private static final Request STOP = new Request(-1, 0);

    /**
     * Told of each completed request, on the worker thread, right after its service returned. A worker with a
     * listener keeps no timings itself, so a long-running agent's memory does not grow with its requests.
     */
    @FunctionalInterface
    public interface Completion {
        void done(long index, long arrivalNanos, long startNanos, long endNanos);
    }

    private final RequestHandler handler;
    private final long originNanos;
    private final LinkedBlockingDeque<Request> queue = new LinkedBlockingDeque<>();
    /** Written by the worker thread only; read after it has been joined. */
    private final List<RequestTiming> done = new ArrayList<>();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final Thread thread;
    private final Completion onDone;

    /**
     * @param name thread name
     * @param originNanos the run's time origin ({@code System.nanoTime()}), shared with the generator
     */
    public FcfsWorker(String name, RequestHandler handler, long originNanos) {
        this(name, handler, originNanos, null);
    }

    /**
     * A worker that reports each completion to {@code onDone} instead of keeping it: {@link #stop} then returns
     * only the unfinished requests.
     */
    public FcfsWorker(String name, RequestHandler handler, long originNanos, Completion onDone) {
        this.handler = handler;
        this.originNanos = originNanos;
        this.onDone = onDone;
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
        queue.addFirst(STOP);
        thread.join();
        List<RequestTiming> all = new ArrayList<>(done);
        for (Request r : queue) {
            if (r != STOP) {
                all.add(new RequestTiming(r.index(), sec(r.arrivalNanos()), Double.NaN, Double.NaN));
            }
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
            for (Request r = queue.takeFirst(); r != STOP; r = queue.takeFirst()) {
                long start = System.nanoTime();
                handler.serve(r.index());
                long end = System.nanoTime();
                if (onDone != null) {
                    onDone.done(r.index(), r.arrivalNanos(), start, end);
                } else {
                    done.add(new RequestTiming(r.index(), sec(r.arrivalNanos()), sec(start), sec(end)));
                }
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
