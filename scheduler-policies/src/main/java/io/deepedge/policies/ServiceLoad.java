package io.deepedge.policies;

import io.deepedge.models.Checks;
import io.deepedge.models.ServiceInstance;

import java.util.List;

/**
 * An LC service instance and its monitored load.
 *
 * @param instance the service instance
 * @param currentRatePerSec the monitored arrival rate now (the configured rate before anything is monitored)
 * @param historyPerSec monitored rates of past intervals, oldest first (may be empty)
 * @param intervalSec length of one monitoring interval
 */
public record ServiceLoad(ServiceInstance instance, double currentRatePerSec, List<Double> historyPerSec,
                          double intervalSec) {
    public ServiceLoad {
        if (instance == null) {
            throw new IllegalArgumentException("instance must be given");
        }
        Checks.nonNegative("currentRatePerSec", currentRatePerSec);
        historyPerSec = List.copyOf(historyPerSec);
        Checks.positive("intervalSec", intervalSec);
    }

    /** A load known only by its current rate. */
    public ServiceLoad(ServiceInstance instance, double currentRatePerSec) {
        this(instance, currentRatePerSec, List.of(), 60);
    }

    public double[] history() {
        double[] out = new double[historyPerSec.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = historyPerSec.get(i);
        }
        return out;
    }
}
