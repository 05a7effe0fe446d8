package io.deepedge.models.profile;

import io.deepedge.models.HostProbe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A device's design read at one host: every phase of every measurement taken to the mean probe step of all of them
 * ({@link Measurement#atHost}), so what the host's own speed moved between phases and between a point's repeats drops
 * out of the fit, its held-out errors and the repeats' spread. The relative errors do not depend on which host the
 * figures are taken to, only on each phase being taken by its own probe steps.
 */
public final class HostNormalised {
    private HostNormalised() {
    }

    /**
     * The mean probe step over every phase of every measurement of {@code design}, or empty when some phase of some
     * measurement has no step ({@link ProfiledDevice.MeasuredPoint#probed}).
     */
    public static Optional<HostProbe> reference(List<ProfiledDevice.MeasuredPoint> design) {
        if (design.isEmpty() || !design.stream().allMatch(ProfiledDevice.MeasuredPoint::probed)) {
            return Optional.empty();
        }
        List<HostProbe> phases = new ArrayList<>();
        for (ProfiledDevice.MeasuredPoint p : design) {
            phases.add(p.measurement().hosts().pooled());
            p.repeats().forEach(r -> phases.add(r.hosts().pooled()));
        }
        return Optional.of(HostProbe.pooled(phases));
    }

    /** The design with every measurement taken to its {@link #reference}, or empty without one. */
    public static Optional<List<ProfiledDevice.MeasuredPoint>> design(List<ProfiledDevice.MeasuredPoint> design) {
        return reference(design).map(ref -> design.stream().map(p -> p.atHost(ref.cpuMsMean())).toList());
    }

    /**
     * The interference model fitted again on {@code design} (a device's design taken to one host by {@link #design}),
     * with its held-out points; empty when the points so taken cannot be fitted.
     */
    public static Optional<HeldOutErrors.Fitted> fit(List<ProfiledDevice.MeasuredPoint> design) {
        List<Measurement> fitted = design.stream().filter(p -> !p.heldOut())
                .map(ProfiledDevice.MeasuredPoint::averaged).toList();
        try {
            return Optional.of(new HeldOutErrors.Fitted(InterferenceFit.fit(fitted),
                    HeldOutErrors.heldOutPoints(design)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();  // the raw design fitted (the profile exists), but these points cannot separate it
        }
    }
}
