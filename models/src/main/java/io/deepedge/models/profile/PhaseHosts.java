package io.deepedge.models.profile;

import io.deepedge.models.HostProbe;

import java.util.List;

/**
 * The host-speed probe's steps during each phase of one design point's measurement (training alone, the services
 * alone, both together): how much a CPU second of the host did while each figure was taken. The phases follow one
 * another, and this machine's CPUs change speed on their own every 10-60 s, so a point's ratios (the slowdowns) can
 * compare two phases measured on different hosts; {@link Measurement#atHost} takes each phase to one host.
 *
 * @param trainAlone the steps that ended during the training-alone phase
 * @param servicesAlone during the services-alone phase
 * @param together during the co-located phase
 */
public record PhaseHosts(HostProbe trainAlone, HostProbe servicesAlone, HostProbe together) {
    /** Not probed (remote agents, profiles written before 2026-12-06). */
    public static final PhaseHosts NONE = new PhaseHosts(HostProbe.NONE, HostProbe.NONE, HostProbe.NONE);

    public PhaseHosts {
        if (trainAlone == null || servicesAlone == null || together == null) {
            throw new IllegalArgumentException("every phase's probe must be given (HostProbe.NONE for none)");
        }
    }

    /** Whether every phase has probe steps: only then can the point be taken to another host. */
    public boolean measured() {
        return trainAlone.measured() && servicesAlone.measured() && together.measured();
    }

    /** All three phases' steps together ({@link HostProbe#pooled}). */
    public HostProbe pooled() {
        return HostProbe.pooled(List.of(trainAlone, servicesAlone, together));
    }

    /** Several measurements' phases as one, phase by phase ({@link HostProbe#pooled}: none if any lacks it). */
    public static PhaseHosts pooled(List<PhaseHosts> parts) {
        return new PhaseHosts(HostProbe.pooled(parts.stream().map(PhaseHosts::trainAlone).toList()),
                HostProbe.pooled(parts.stream().map(PhaseHosts::servicesAlone).toList()),
                HostProbe.pooled(parts.stream().map(PhaseHosts::together).toList()));
    }
}
