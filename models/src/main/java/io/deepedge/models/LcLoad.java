package io.deepedge.models;

/**
 * An LC service instance's load on a device as the cost model sees it: Poisson arrivals at
 * {@code ratePerSec} (the planning rate) with standalone service times {@code serviceTime}.
 */
public record LcLoad(double ratePerSec, ServiceTime serviceTime) {
    public LcLoad {
        Checks.nonNegative("ratePerSec", ratePerSec);
        if (serviceTime == null) {
            throw new IllegalArgumentException("serviceTime must be given");
        }
    }
}
