package io.deepedge.hw.coordinator;

import io.deepedge.hw.load.RunClock;
import io.deepedge.models.monitoring.LoadWatch;
import io.deepedge.models.monitoring.TrainingProgress;
import io.deepedge.models.monitoring.Verdict;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The testbed's load monitor, the twin of the simulator's {@code LoadMonitor}: at the end of every monitoring
 * interval ({@code monitoring.intervalSec} on the run's clock) it feeds the arrival counts the load generators
 * produced in that interval, instance by instance, and the running job's progress to the shared {@link LoadWatch},
 * and calls {@code onReplan} when the watch says to re-plan. The decision is the watch's, not this class's.
 */
final class LoadMonitorLoop implements AutoCloseable {
    /** Where the interval counts come from (the load generators; a test feeds its own). */
    interface Counts {
        long[] arrivalsBefore(double sec) throws InterruptedException;
    }

    private final LoadWatch watch;
    private final Counts counts;
    private final RunClock clock;
    private final double intervalSec;
    private final Supplier<Optional<TrainingProgress>> training;
    private final Runnable onReplan;
    private final Thread thread;
    private final double fromSec;
    private volatile boolean stopped;
    private int replanVerdicts;

    LoadMonitorLoop(LoadWatch watch, Counts counts, RunClock clock, double intervalSec, double fromSec,
                    Supplier<Optional<TrainingProgress>> training, Runnable onReplan) {
        this.watch = watch;
        this.counts = counts;
        this.clock = clock;
        this.intervalSec = intervalSec;
        this.fromSec = fromSec;
        this.training = training;
        this.onReplan = onReplan;
        this.thread = new Thread(this::loop, "load-monitor");
        thread.setDaemon(true);
    }

    LoadMonitorLoop start() {
        thread.start();
        return this;
    }

    /** Monitoring interval {@code k} (1, 2, ...) ended: one observation, and the re-plan if the watch says so. */
    Verdict intervalEnded(double endSec) throws InterruptedException {
        long[] c = counts.arrivalsBefore(endSec);
        Verdict v;
        synchronized (watch) {
            v = watch.intervalEnded(c, training.get());
        }
        if (v.replan()) {
            replanVerdicts++;
            onReplan.run();
        }
        return v;
    }

    int replanVerdicts() {
        return replanVerdicts;
    }

    private void loop() {
        try {
            // a resumed run monitors from its first whole interval after the resume point: the partial one is
            // counted (so the next counts start at its end) but not fed to the watch
            long first = (long) Math.ceil(fromSec / intervalSec);
            for (long k = Math.max(1, first); !stopped; k++) {
                double end = k * intervalSec;
                if (!sleepUntil(end)) {
                    return;
                }
                if ((k - 1) * intervalSec < fromSec) {
                    counts.arrivalsBefore(end);
                } else {
                    intervalEnded(end);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean sleepUntil(double sec) throws InterruptedException {
        synchronized (this) {
            for (long left = clock.nanosAt(sec) - System.nanoTime(); left > 0 && !stopped;
                 left = clock.nanosAt(sec) - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
            return !stopped;
        }
    }

    /** No more monitoring (the job finished, or the run ends). */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        if (thread.isAlive()) {
            thread.join();
        }
    }
}
