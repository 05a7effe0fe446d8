package io.deepedge.hw.profile;

import io.deepedge.models.HostProbe;
import io.deepedge.models.profile.PhaseHosts;

/**
 * The host-speed probe's steps that ended inside a stretch of this JVM's {@link System#nanoTime} clock (the local
 * testbed's {@code HostProbeProcess#window}); {@link #NONE} where no probe runs (remote agents).
 */
@FunctionalInterface
public interface HostWindow {
    /** No probe: every window is empty. */
    HostWindow NONE = (fromNanos, toNanos) -> HostProbe.NONE;

    HostProbe window(long fromNanos, long toNanos);

    /** Each phase's steps ({@link PhaseHosts#NONE} for phases that were not timed). */
    default PhaseHosts phases(PhaseSpans spans) {
        if (!spans.timed()) {
            return PhaseHosts.NONE;
        }
        return new PhaseHosts(window(spans.trainAloneFromNanos(), spans.trainAloneToNanos()),
                window(spans.servicesAloneFromNanos(), spans.servicesAloneToNanos()),
                window(spans.togetherFromNanos(), spans.togetherToNanos()));
    }
}
