package io.deepedge.experiments.cli;

import io.deepedge.models.Arrivals;
import io.deepedge.models.CfsCounts;
import io.deepedge.models.Device;
import io.deepedge.models.Link;
import io.deepedge.models.RunResult;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.ServiceProfile;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.sim.RunSpec;
import io.deepedge.sim.SimulationRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fits the share of a device's CFS budget the twin lets its threads spend ({@code CpuQuota.usableShare}) to the
 * throttled periods the kernel counted in the design's services-alone phases (README "Throttled periods, twin
 * against kernel"): the smallest share at which the twin, simulating each fitted point's services alone at its
 * rate, throttles at most as many of its periods as the kernel did, pooled over the points; found by bisection, the
 * twin's throttled share falling as the share grows. Fitted on the points not held out; the held-out points report
 * the fit's error. A share never exceeds the whole budget (1: the twin already throttles as often), nor goes below
 * {@link #MIN_SHARE}.
 */
final class CfsFit {
    /** Simulated seconds per point and share: 3,000 periods. */
    static final double SECONDS = 300;
    static final double MIN_SHARE = 0.5;
    /** Bisection steps: the share to within (1 - MIN_SHARE) / 2^10, about 0.0005. */
    static final int STEPS = 10;

    /**
     * The fit of one device.
     *
     * @param usableShare the fitted share
     * @param measured the kernel's counts pooled over the fitted points
     * @param twinWhole the twin's counts over the same points with the whole budget usable
     * @param twinFitted the same at the fitted share
     * @param heldOutErrors per held-out point counted, |twin share - kernel share| at the fitted share (shares of
     *                      periods, not relative: a kernel share of 0 is common at light load)
     */
    record Result(double usableShare, CfsCounts measured, CfsCounts twinWhole, CfsCounts twinFitted,
                  List<Double> heldOutErrors) {
    }

    private CfsFit() {
    }

    /**
     * Empty when the device's quota is not modelled or no fitted point has the kernel's counts (remote agents).
     *
     * @param shares each profiled service's share of a point's rate
     */
    static Optional<Result> fit(ProfiledDevice d, Map<String, Double> shares, TrainingMemory memory, Link link,
                                long seed) {
        if (!d.cpuQuota().limited()) {
            return Optional.empty();
        }
        List<ProfiledDevice.MeasuredPoint> fitted = new ArrayList<>();
        List<ProfiledDevice.MeasuredPoint> heldOut = new ArrayList<>();
        for (ProfiledDevice.MeasuredPoint p : d.design()) {
            if (p.aloneCfs().periods() > 0) {
                (p.heldOut() ? heldOut : fitted).add(p);
            }
        }
        if (fitted.isEmpty()) {
            return Optional.empty();
        }
        CfsCounts measured = pooled(fitted.stream().map(ProfiledDevice.MeasuredPoint::aloneCfs).toList());
        CfsCounts whole = twin(d, 1.0, fitted, shares, memory, link, seed);
        double share = 1.0;
        if (whole.throttledShare() < measured.throttledShare()) {
            double low = MIN_SHARE;
            double high = 1.0;
            if (twin(d, low, fitted, shares, memory, link, seed).throttledShare() < measured.throttledShare()) {
                high = low;  // even half the budget throttles less: the bound
            } else {
                for (int i = 0; i < STEPS; i++) {
                    double mid = (low + high) / 2;
                    if (twin(d, mid, fitted, shares, memory, link, seed).throttledShare() > measured.throttledShare()) {
                        low = mid;
                    } else {
                        high = mid;
                    }
                }
            }
            share = high;
        }
        List<Double> errors = new ArrayList<>();
        for (ProfiledDevice.MeasuredPoint p : heldOut) {
            CfsCounts t = twin(d, share, List.of(p), shares, memory, link, seed);
            errors.add(Math.abs(t.throttledShare() - p.aloneCfs().throttledShare()));
        }
        return Optional.of(new Result(share, measured, whole, twin(d, share, fitted, shares, memory, link, seed),
                errors));
    }

    /** The twin's counts over {@code points}' services-alone phases with {@code share} of the budget usable. */
    static CfsCounts twin(ProfiledDevice d, double share, List<ProfiledDevice.MeasuredPoint> points,
                          Map<String, Double> shares, TrainingMemory memory, Link link, long seed) {
        ProfiledDevice at = d.withCfsUsableShare(share);
        Device device = new Device(d.name(), "", at.deviceProfile(0, memory), link);
        List<CfsCounts> counts = new ArrayList<>();
        for (ProfiledDevice.MeasuredPoint p : points) {
            double rate = p.measurement().point().ratePerSec();
            List<ServiceInstance> services = new ArrayList<>();
            for (Map.Entry<String, Double> e : shares.entrySet()) {
                ServiceProfile s = at.service(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                        "device " + d.name() + " has no profiled service " + e.getKey()));
                services.add(new ServiceInstance(s.name(), d.name(), new Arrivals.Poisson(rate * e.getValue()),
                        at.twinServiceTime(s), 1e9, 0.99, 0, 0, at.twinCoresWhileServing(s)));
            }
            Scenario alone = new Scenario("cfs-fit", SECONDS, List.of(device), services, Optional.empty(), List.of(),
                    link);
            // each point's own arrivals, the same at every share (common random numbers): the bisection compares
            // shares, not draws
            RunResult r = SimulationRun.simulate(alone, PolicyRegistry.get("fastest-single"),
                    new RunSpec(0, seed + d.design().indexOf(p)));
            counts.add(r.cfs().getOrDefault(d.name(), new CfsCounts(0, 0)));
        }
        return pooled(counts);
    }

    private static CfsCounts pooled(List<CfsCounts> counts) {
        return new CfsCounts(counts.stream().mapToLong(CfsCounts::periods).sum(),
                counts.stream().mapToLong(CfsCounts::throttled).sum());
    }
}
