package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import umontreal.ssj.rng.RandomStream;

import java.util.List;

/**
 * When the next request of an LC instance arrives: drawn from its random stream (Poisson, steps), or
 * replayed from a recorded trace, which needs no randomness.
 */
abstract class ArrivalClock {
    /** Delay from {@code nowSec} to the next arrival; infinite when no arrival ever comes. */
    abstract double nextDelaySec(double nowSec);

    static ArrivalClock of(Arrivals arrivals, RandomStream stream) {
        if (arrivals instanceof Arrivals.Recorded recorded) {
            return new Replayed(recorded.timesSec(), recorded.periodSec());
        }
        return new ArrivalClock() {
            @Override
            double nextDelaySec(double nowSec) {
                return Sampling.interarrivalSec(arrivals, stream, nowSec);
            }
        };
    }

    /** Replays recorded arrival times in order, shifted by whole periods when the trace repeats. */
    private static final class Replayed extends ArrivalClock {
        private final double[] timesSec;
        private final double periodSec;
        private int next;
        private long round;

        Replayed(List<Double> times, double periodSec) {
            this.timesSec = times.stream().mapToDouble(Double::doubleValue).toArray();
            this.periodSec = periodSec;
        }

        @Override
        double nextDelaySec(double nowSec) {
            if (next == timesSec.length) {
                if (periodSec <= 0) {
                    return Double.POSITIVE_INFINITY;
                }
                next = 0;
                round++;
            }
            double at = timesSec[next++] + round * periodSec;
            return Math.max(0, at - nowSec);
        }
    }
}
