package io.deepedge.hw.profile;

import io.deepedge.models.profile.PhaseHosts;

/**
 * When each phase of one design point's measurement ran, on this JVM's {@link System#nanoTime} clock: training
 * alone, the services alone, both together (in that order). The host-speed probe's steps are read over them
 * ({@link #hosts}).
 */
record PhaseSpans(long trainAloneFromNanos, long trainAloneToNanos, long servicesAloneFromNanos,
                  long servicesAloneToNanos, long togetherFromNanos, long togetherToNanos) {
    /** Not timed (timings made by hand in tests): no phase has a probe step. */
    static final PhaseSpans NONE = new PhaseSpans(0, 0, 0, 0, 0, 0);

    PhaseSpans {
        if (trainAloneToNanos < trainAloneFromNanos || servicesAloneToNanos < servicesAloneFromNanos
                || togetherToNanos < togetherFromNanos) {
            throw new IllegalArgumentException("a phase cannot end before it starts");
        }
    }

    boolean timed() {
        return !equals(NONE);
    }

    /** Each phase's steps in {@code probe} ({@link PhaseHosts#NONE} when the phases were not timed). */
    PhaseHosts hosts(HostWindow probe) {
        if (!timed()) {
            return PhaseHosts.NONE;
        }
        return new PhaseHosts(probe.window(trainAloneFromNanos, trainAloneToNanos),
                probe.window(servicesAloneFromNanos, servicesAloneToNanos), probe.window(togetherFromNanos,
                togetherToNanos));
    }
}
