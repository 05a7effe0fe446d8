package io.deepedge.sim;

import io.deepedge.models.forecast.ForecastSpec;
import io.deepedge.models.forecast.Forecaster;
import io.deepedge.policies.ServiceLoad;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Monitors every LC instance's arrival rate per interval, as a device agent would, and reports when an
 * observed rate leaves the band around its one-step-ahead forecast. A departure counts only when it also
 * exceeds three Poisson standard deviations, so sampling noise at low rates does not trigger re-planning.
 */
final class LoadMonitor {
    private final Simulator sim;
    private final List<LcQueue> queues;
    private final ForecastSpec spec;
    private final Forecaster forecaster;
    private final List<List<Double>> history = new ArrayList<>();
    private final Runnable onLoadChanged;

    LoadMonitor(Simulator sim, List<LcQueue> queues, ForecastSpec spec, Runnable onLoadChanged) {
        this.sim = sim;
        this.queues = queues;
        this.spec = spec;
        this.forecaster = spec.toForecaster();
        this.onLoadChanged = onLoadChanged;
        for (int i = 0; i < queues.size(); i++) {
            history.add(new ArrayList<>());
        }
    }

    void start() {
        if (!queues.isEmpty()) {
            new IntervalEnded(sim).schedule(spec.intervalSec());
        }
    }

    /** What the policy sees of instance {@code i}: the last interval's rate and the history. */
    ServiceLoad load(int i) {
        List<Double> h = history.get(i);
        double current = h.isEmpty() ? queues.get(i).instance().arrivals().meanRatePerSec() : h.get(h.size() - 1);
        return new ServiceLoad(queues.get(i).instance(), current, h, spec.intervalSec());
    }

    private void intervalEnded() {
        boolean changed = false;
        for (int i = 0; i < queues.size(); i++) {
            double observed = queues.get(i).takeArrivalCount() / spec.intervalSec();
            List<Double> h = history.get(i);
            double expected = h.isEmpty() ? queues.get(i).instance().arrivals().meanRatePerSec()
                    : Math.max(0, forecaster.forecast(toArray(h), 1)[0]);
            double deviation = Math.abs(observed - expected);
            double noise = 3 * Math.sqrt(Math.max(expected, 1.0 / spec.intervalSec()) / spec.intervalSec());
            changed |= deviation > spec.bandFraction() * expected && deviation > noise;
            h.add(observed);
        }
        new IntervalEnded(sim).schedule(spec.intervalSec());
        if (changed) {
            onLoadChanged.run();
        }
    }

    private static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
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
