package io.deepedge.models.metrics;

import io.deepedge.models.Checks;

/**
 * The period over which a run's LC metrics are taken, the same for every policy of an experiment: requests
 * that arrive in {@code [fromSec, toSec)} count; the run goes on until {@code toSec} even when its job
 * finished earlier.
 *
 * @param fromSec start of the window, simulated (or testbed) seconds since the run began
 * @param toSec end of the window, after {@code fromSec}
 */
public record MetricsWindow(double fromSec, double toSec) {
    public MetricsWindow {
        Checks.nonNegative("metrics.fromSec", fromSec);
        Checks.positive("metrics.toSec", toSec);
        if (!(toSec > fromSec)) {
            throw new IllegalArgumentException("metrics.toSec (" + toSec + ") must be after metrics.fromSec ("
                    + fromSec + ")");
        }
    }

    /** Whether a request arriving at {@code arrivalSec} is judged in this window. */
    public boolean admits(double arrivalSec) {
        return arrivalSec >= fromSec && arrivalSec < toSec;
    }

    public double lengthSec() {
        return toSec - fromSec;
    }
}
