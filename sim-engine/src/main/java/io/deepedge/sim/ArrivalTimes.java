package io.deepedge.sim;

import io.deepedge.models.ServiceInstance;

import java.util.Arrays;

/**
 * The arrival times the simulator gives an LC instance in a run, for a testbed that must replay exactly them (the
 * digital twin: README "Profile files and the digital twin"). The same stream ({@code "arrivals:" + instance id}
 * of the run seed's {@link RandomStreams}), the same {@link ArrivalClock} and the same arithmetic as the
 * simulator's queue, whose event list schedules each arrival at the previous one plus the clock's delay (time 0
 * is the run's start).
 */
public final class ArrivalTimes {
    private ArrivalTimes() {
    }

    /** Every arrival of {@code instance} before {@code untilSec} in the run of seed {@code runSeed}. */
    public static double[] of(ServiceInstance instance, long runSeed, double untilSec) {
        ArrivalClock clock = ArrivalClock.of(instance.arrivals(), new RandomStreams(runSeed).stream("arrivals:"
                + instance.id()));
        double[] out = new double[64];
        int n = 0;
        double now = 0;
        while (true) {
            double delay = clock.nextDelaySec(now);
            if (!Double.isFinite(delay)) {
                break;
            }
            now = now + delay; // as the event list computes it: Event.schedule(delay) at sim.time() + delay
            if (!(now < untilSec)) {
                break;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = now;
        }
        return Arrays.copyOf(out, n);
    }
}
