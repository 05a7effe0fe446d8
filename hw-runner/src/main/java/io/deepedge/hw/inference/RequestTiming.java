package io.deepedge.hw.inference;

import java.util.List;

/**
 * When one LC request arrived, started and ended, in seconds since the run's time origin (one
 * {@code System.nanoTime()} reading shared by the load generator and the worker). The arrival is the request's
 * SCHEDULED arrival, not when the generator got round to sending it: latency therefore includes queueing and any
 * lag of the generator, and is free of coordinated omission.
 *
 * @param index the request's number in its arrival schedule (0, 1, ...)
 * @param arrivalSec scheduled arrival
 * @param startSec when the worker began serving it (NaN if it never started)
 * @param endSec when the service call returned (NaN if it did not finish)
 */
public record RequestTiming(long index, double arrivalSec, double startSec, double endSec) {
    public boolean finished() {
        return !Double.isNaN(endSec);
    }

    /** Arrival to completion (NaN when unfinished). */
    public double latencySec() {
        return endSec - arrivalSec;
    }

    /** Arrival to start of service (NaN when never started). */
    public double waitSec() {
        return startSec - arrivalSec;
    }

    /** Latencies in milliseconds of the finished requests, in arrival order. */
    public static double[] latenciesMs(List<RequestTiming> timings) {
        return timings.stream().filter(RequestTiming::finished).mapToDouble(t -> t.latencySec() * 1000).toArray();
    }
}
