package io.deepedge.hw.inference;

import java.util.concurrent.locks.LockSupport;

/**
 * Sends the requests of an {@link ArrivalSchedule} to an {@link FcfsWorker} at their scheduled times, on its own
 * thread, until a time limit. Open loop: it never waits for a response, and each request carries its scheduled
 * time, computed from the schedule rather than from when the previous send happened, so a late wake-up delays
 * one send but never shifts the schedule (no drift). In the testbed it runs outside the agent's CPU quota, as
 * real clients do.
 */
public final class OpenLoopGenerator {
    private final ArrivalSchedule schedule;
    private final double untilSec;
    private final FcfsWorker worker;
    private final long originNanos;
    private final Thread thread;
    private volatile long sent;
    private volatile long maxLagNanos;
    private volatile boolean cancelled;

    /**
     * @param untilSec requests scheduled at or after this time are not sent
     * @param originNanos the run's time origin, shared with the worker
     */
    public OpenLoopGenerator(String name, ArrivalSchedule schedule, double untilSec, FcfsWorker worker, long originNanos) {
        this.schedule = schedule;
        this.untilSec = untilSec;
        this.worker = worker;
        this.originNanos = originNanos;
        this.thread = new Thread(this::sendLoop, name);
        thread.setDaemon(true);
    }

    public OpenLoopGenerator start() {
        thread.start();
        return this;
    }

    /** Waits until every request before the time limit was sent. */
    public void join() throws InterruptedException {
        thread.join();
    }

    /** Stops sending early. */
    public void cancel() throws InterruptedException {
        cancelled = true;
        LockSupport.unpark(thread);
        thread.join();
    }

    public long sent() {
        return sent;
    }

    /** The largest delay between a request's scheduled time and its send (the generator's own lag). */
    public double maxLagSec() {
        return maxLagNanos / 1e9;
    }

    private void sendLoop() {
        long index = 0;
        for (double at = schedule.nextSec(); at < untilSec && !cancelled; at = schedule.nextSec()) {
            long due = originNanos + Math.round(at * 1e9);
            for (long wait = due - System.nanoTime(); wait > 0 && !cancelled; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (cancelled) {
                break;
            }
            maxLagNanos = Math.max(maxLagNanos, System.nanoTime() - due);
            worker.submit(index++, due);
            sent = index;
        }
    }
}
