package io.deepedge.hw.profile;

import io.deepedge.models.HostProbe;

/**
 * The host-speed probe's steps that ended inside a stretch of this JVM's {@link System#nanoTime} clock (the local
 * testbed's {@code HostProbeProcess#window}); {@link #NONE} where no probe runs (remote agents). A design point's
 * phases are read through it ({@link PhaseSpans#hosts}).
 */
@FunctionalInterface
public interface HostWindow {
    /** No probe: every window is empty. */
    HostWindow NONE = (fromNanos, toNanos) -> HostProbe.NONE;

    HostProbe window(long fromNanos, long toNanos);
}
