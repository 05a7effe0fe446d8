package io.deepedge.sim;

import io.deepedge.models.Device;
import io.deepedge.models.forecast.ForecastSpec;
import io.deepedge.models.monitoring.LoadWatch;
import io.deepedge.models.monitoring.TrainingProgress;
import io.deepedge.models.monitoring.Verdict;
import io.deepedge.policies.MonitoredRequests;
import io.deepedge.policies.ServiceLoad;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Feeds the simulated arrival counts of every LC instance to a {@link LoadWatch} at the end of each monitoring
 * interval, as a device agent would report them, and re-plans when it says so. The decision itself lives in
 * {@code models} ({@link LoadWatch}), shared with the hardware runner.
 */
final class LoadMonitor {
    private final Simulator sim;
    private final List<LcQueue> queues;
    private final ForecastSpec spec;
    private final LoadWatch watch;
    private final Supplier<Optional<TrainingProgress>> training;
    private final Runnable onLoadChanged;
    private IntervalEnded next;

    LoadMonitor(Simulator sim, List<LcQueue> queues, List<Device> devices, ForecastSpec spec,
                Supplier<Optional<TrainingProgress>> training, Runnable onLoadChanged) {
        this.sim = sim;
        this.queues = queues;
        this.spec = spec;
        this.watch = new LoadWatch(queues.stream().map(LcQueue::instance).toList(), devices, spec);
        this.training = training;
        this.onLoadChanged = onLoadChanged;
    }

    void start() {
        if (!queues.isEmpty()) {
            scheduleNext();
        }
    }

    /**
     * No more re-planning (the job finished): the run may go on to the end of its metrics window, but nothing
     * reads the monitor any more.
     */
    void stop() {
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    private void scheduleNext() {
        next = new IntervalEnded(sim);
        next.schedule(spec.intervalSec());
    }

    LoadWatch watch() {
        return watch;
    }

    /** What the policy sees of instance {@code i}: the last interval's rate and the history. */
    ServiceLoad load(int i) {
        return MonitoredRequests.load(queues.get(i).instance(), watch, i, spec.intervalSec());
    }

    private void intervalEnded() {
        long[] counts = new long[queues.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = queues.get(i).takeArrivalCount();
        }
        Verdict verdict = watch.intervalEnded(counts, training.get());
        scheduleNext();
        if (verdict.replan()) {
            onLoadChanged.run();
        }
    }

    private final class IntervalEnded extends Event {
        IntervalEnded(Simulator sim) {
            super(sim);
            setPriority(EventPriority.COMPLETION);
        }

        @Override
        public void actions() {
            intervalEnded();
        }
    }
}
