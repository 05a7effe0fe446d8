package io.deepedge.sim;

import io.deepedge.models.GcPauses;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/**
 * A quota-limited device's stop-the-world collector pauses ({@link GcPauses}): every request as its service starts
 * and every trained sample adds to the pauses owed (allocation filling the young generation) and to the collector's
 * CPU owed (what that work leaves to copy); when a whole pause is owed one starts, during which the device's services
 * and training make no progress while the collector's threads do the CPU owed at the device's thread speed (so a
 * spent budget stretches the pause, and the pause spends the budget).
 * One pause at a time: what is owed meanwhile starts the next one when this one ends. After a pause, one more thread
 * does the pause's cleanup beside training while the services wait for it ({@code DeviceSim}; stopped, like every
 * thread, by the next pause; cleanups left add up).
 */
final class CollectorPauses {
    private final GcPauses pauses;
    private final int threads;
    private final Simulator sim;
    private final Runnable onPausingChanged;
    private final PauseEnd end;
    private final CleanupEnd cleanupEnd;
    /** Pauses owed, below 1 between pauses. */
    private double owed;
    /** The collector's CPU owed for the work since the last pause, and its cleanup's, seconds. */
    private double cpuOwedSec;
    private double cleanupOwedSec;
    /** The cleanup the pause in progress leaves, seconds of one thread. */
    private double cleanupOfPauseSec;
    /** The pause in progress, in seconds of the collector's threads at full speed; null when none. */
    private Work pause;
    /** The cleanup left by pauses, in seconds of one thread at full speed; null when none. */
    private Work cleanup;
    private long pausesStarted;

    /**
     * @param initialOwed pauses owed at the start, in [0, 1): how far the young generation is filled then (the CPU
     *                    owed starts at 0: the first pause copies only what the simulated work left)
     * @param onPausingChanged runs when a pause starts or ends (the device's demand and speeds change)
     */
    CollectorPauses(GcPauses pauses, int threads, Simulator sim, double initialOwed, Runnable onPausingChanged) {
        if (!pauses.any() || threads < 1 || !(initialOwed >= 0 && initialOwed < 1)) {
            throw new IllegalArgumentException("no pauses to model, or threads " + threads + " / initial owed "
                    + initialOwed + " out of range");
        }
        this.pauses = pauses;
        this.threads = threads;
        this.sim = sim;
        this.owed = initialOwed;
        this.onPausingChanged = onPausingChanged;
        this.end = new PauseEnd(sim);
        this.cleanupEnd = new CleanupEnd(sim);
    }

    boolean pausing() {
        return pause != null;
    }

    /** The cores a pause demands: one per collector thread. */
    int threads() {
        return threads;
    }

    /** Whether a pause's cleanup runs now (one more thread; the services wait for it, training goes on beside). */
    boolean cleaning() {
        return cleanup != null && pause == null;
    }

    long pausesStarted() {
        return pausesStarted;
    }

    /**
     * A request's service starts: its allocation is owed now, so the request that fills the young generation is in
     * service through the pause it starts (and its cleanup), as on the agents, where the worker's own allocation
     * fails and the collection runs inside its model call (README "Collector pauses in the twin").
     */
    void requestStarted() {
        cpuOwedSec += pauses.cpuMsPerRequest() / 1000;
        cleanupOwedSec += pauses.cleanupCpuMsPerRequest() / 1000;
        owe(pauses.perRequest());
    }

    void samplesTrained(long samples) {
        cpuOwedSec += samples * pauses.cpuMsPerTrainSample() / 1000;
        cleanupOwedSec += samples * pauses.cleanupCpuMsPerTrainSample() / 1000;
        owe(samples * pauses.perTrainSample());
    }

    /** The device's thread speed is now {@code newSpeed} (0 while its budget is spent): the pause continues at it. */
    void speedChanged(double newSpeed) {
        if (pause != null) {
            retime(pause, newSpeed, end);
        }
        if (cleanup != null) {
            retime(cleanup, pause != null ? 0.0 : newSpeed, cleanupEnd);
        }
    }

    private void retime(Work work, double rate, Event workEnd) {
        work.changeRate(sim.time(), rate);
        workEnd.cancel();
        if (!work.stalled()) {
            workEnd.schedule(work.delaySec());
        }
    }

    /** The device failed: its runtime restarts empty, with no pause in progress or owed. */
    void reset() {
        end.cancel();
        cleanupEnd.cancel();
        pause = null;
        cleanup = null;
        owed = 0;
        cpuOwedSec = 0;
        cleanupOwedSec = 0;
    }

    private void owe(double more) {
        owed += more;
        if (pause == null && owed >= 1) {
            start();
        }
    }

    private void start() {
        owed -= 1;
        pausesStarted++;
        pause = new Work(cpuOwedSec / threads, sim.time(), 0.0);  // its rate comes with the device's re-timing
        cleanupOfPauseSec = cleanupOwedSec;
        cpuOwedSec = 0;
        cleanupOwedSec = 0;
        onPausingChanged.run();  // the device re-times everything, this pause included (speedChanged)
    }

    private void finish() {
        pause = null;
        double cleanupSec = cleanupOfPauseSec;
        if (cleanupSec > 0) {
            cleanup = cleanup == null ? new Work(cleanupSec, sim.time(), 0.0) : cleanup.add(sim.time(), cleanupSec);
        }
        onPausingChanged.run();  // re-times the cleanup, too
        if (owed >= 1) {
            start();
        }
    }

    private void cleaned() {
        cleanup = null;
        onPausingChanged.run();
    }

    private final class CleanupEnd extends Event {
        CleanupEnd(Simulator sim) {
            super(sim);
            setPriority(EventPriority.COLLECTOR_PAUSE);
        }

        @Override
        public void actions() {
            cleaned();
        }
    }

    private final class PauseEnd extends Event {
        PauseEnd(Simulator sim) {
            super(sim);
            setPriority(EventPriority.COLLECTOR_PAUSE);
        }

        @Override
        public void actions() {
            finish();
        }
    }
}
