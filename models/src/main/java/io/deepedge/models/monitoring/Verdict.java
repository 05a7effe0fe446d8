package io.deepedge.models.monitoring;

import java.util.List;

/**
 * What one monitoring interval found, by instance id ({@code service@device}).
 *
 * @param shifted instances whose arrival rate shifted beyond noise and the band
 * @param atRisk instances on a training device whose SLO the forecast over the rest of the job newly breaks
 */
public record Verdict(List<String> shifted, List<String> atRisk) {
    public static final Verdict NONE = new Verdict(List.of(), List.of());

    public Verdict {
        shifted = List.copyOf(shifted);
        atRisk = List.copyOf(atRisk);
    }

    /** Whether the policy should be asked again (trigger {@code load-changed}). */
    public boolean replan() {
        return !shifted.isEmpty() || !atRisk.isEmpty();
    }
}
