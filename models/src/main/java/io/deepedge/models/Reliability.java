package io.deepedge.models;

/**
 * Stochastic failures of a device: exponential times between failures and to repair.
 *
 * @param mtbfSec mean time between failures ({@code +inf}: never fails stochastically)
 * @param mttrSec mean time to repair
 */
public record Reliability(double mtbfSec, double mttrSec) {
    public static final Reliability NEVER_FAILS = new Reliability(Double.POSITIVE_INFINITY, 1);

    public Reliability {
        if (!(mtbfSec > 0)) {
            throw new IllegalArgumentException("mtbfSec must be positive (" + mtbfSec + ")");
        }
        Checks.positive("mttrSec", mttrSec);
    }

    public boolean fails() {
        return Double.isFinite(mtbfSec);
    }
}
