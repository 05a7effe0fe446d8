package io.deepedge.models;

/**
 * A scheduled device failure.
 *
 * @param device device name
 * @param atSec simulated time the device fails
 * @param downSec how long it stays down; {@code Double.POSITIVE_INFINITY} when it never returns
 */
public record Failure(String device, double atSec, double downSec) {
    public Failure {
        Checks.name("device", device);
        Checks.nonNegative("atSec", atSec);
        if (!(downSec > 0)) {
            throw new IllegalArgumentException("downSec must be positive (" + downSec + ")");
        }
    }

    public boolean recovers() {
        return Double.isFinite(downSec);
    }
}
