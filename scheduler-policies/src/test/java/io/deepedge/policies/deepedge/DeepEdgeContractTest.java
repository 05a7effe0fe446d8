package io.deepedge.policies.deepedge;

import io.deepedge.models.Assignment;
import io.deepedge.models.Device;
import io.deepedge.models.Link;
import io.deepedge.models.BatchPoint;
import io.deepedge.models.Plan;
import io.deepedge.models.SyncCost;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.forecast.Forecaster;
import io.deepedge.models.forecast.PeakRate;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.queueing.LatencyPredictor;
import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.MemoryFit;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.PolicyContract;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.policies.SchedulingPolicy;
import io.deepedge.policies.ServiceLoad;
import org.junit.jupiter.api.Nested;

import java.util.List;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy contract for Deep-Edge, its ablations and the optimum, plus their SLO guarantee over monitored histories. */
class DeepEdgeContractTest {
    /**
     * Every planned device keeps its services' predicted SLO at the planned local batch, at the rate the variant
     * plans with: the current rate, or the forecast peak over the plan's window. The policy checks over its own
     * predicted window, which is at least {@link #shortestWindowSec} of the plan, and a peak over a shorter window
     * is never higher, so the check below is implied by the guarantee and computed without the policy's search.
     */
    static void checkSlos(PlanningRequest request, Decision.Assign assign, Options options) {
        Forecaster forecaster = request.forecast().toForecaster();
        double windowSec = shortestWindowSec(request, assign.plan());
        for (Assignment a : assign.plan().assignments()) {
            DeviceProfile p = device(request, a.device()).profile();
            long batch = MemoryFit.maxLocalBatch(request, a.samples());
            double inflation = options.interferenceAware() ? p.serviceSlowdownAt(batch) : 1.0;
            for (ServiceLoad load : request.servicesOn(a.device())) {
                ServiceInstance s = load.instance();
                double rate = options.loadForecast() ? PeakRate.over(forecaster, load.history(), load.currentRatePerSec(),
                        windowSec, load.intervalSec()) : load.currentRatePerSec();
                double q = LatencyPredictor.quantileMs(s.serviceTime(), inflation, rate, s.sloQuantile());
                assertTrue(q <= s.deadlineMs() * (1 + 1e-6), a.device() + " " + s.id() + " at " + rate + "/s over "
                        + windowSec + " s: " + q + " > " + s.deadlineMs());
            }
        }
    }

    /**
     * A lower bound of a plan's predicted duration: every epoch, its slowest share at the device's throughput at
     * the share's batch, slowed only by the co-located load at the current rates (forecast peaks only slow it
     * more), plus one synchronisation of the plan's devices per iteration (shard transfers and checkpoints only
     * add).
     */
    static double shortestWindowSec(PlanningRequest request, Plan plan) {
        TrainingJob job = request.job();
        double epochSec = 0;
        List<Link> links = new java.util.ArrayList<>();
        for (Assignment a : plan.assignments()) {
            Device d = device(request, a.device());
            DeviceProfile p = d.profile();
            double batch = (double) a.samples() / job.iterationsPerEpoch();
            double idle = 1;
            for (ServiceLoad load : request.servicesOn(a.device())) {
                double utilisation = load.currentRatePerSec() * load.instance().serviceTime().meanMs() / 1000
                        * p.serviceSlowdownAt(batch);
                idle *= 1 - Math.min(1, utilisation);
            }
            double psi = 1 - (1 - idle) * (1 - 1 / p.interference().trainingSlowdown());
            epochSec = Math.max(epochSec, a.samples() / (p.trainSamplesPerSecAt(batch) * psi));
            links.add(d.link());
        }
        double syncSec = SyncCost.seconds(job.topology(), job.parameterBytes(), links, request.serverLink());
        return job.epochs() * (epochSec + job.iterationsPerEpoch() * syncSec);
    }

    private static Device device(PlanningRequest request, String name) {
        return request.devices().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().device();
    }

    /**
     * Deep-Edge may postpone only when no plan is feasible by its own rules: no eligible device, or the
     * eligible devices' batch caps together cannot hold an epoch's samples, at the current rates or (load-aware)
     * at the forecast peak over the shortest window any plan can have ({@link #shortestAnyPlanSec}).
     */
    static boolean infeasible(PlanningRequest request, Options options) {
        if (capsCannotHold(request, PlanningRates.current(), options)) {
            return true;
        }
        return options.loadForecast() && capsCannotHold(request,
                PlanningRates.forecastPeak(request, shortestAnyPlanSec(request, options)), options);
    }

    /**
     * A lower bound of any plan's duration. Forecast peaks are never below the current rates, so no device is
     * faster or takes a larger batch than at the current rates: over every device set, its epoch filled within
     * the caps at the current rates ({@link #filledSec}) plus one synchronisation per iteration, every epoch;
     * the least of these. Computed only when a policy postpones.
     */
    static double shortestAnyPlanSec(PlanningRequest request, Options options) {
        List<Candidate> c = Candidates.of(request, PlanningRates.current(), options).ranked();
        TrainingJob job = request.job();
        double shortest = Double.POSITIVE_INFINITY;
        for (long mask = 1; mask < (1L << c.size()); mask++) {
            double caps = 0;
            double minBytesPerSec = Double.POSITIVE_INFINITY;
            double maxLatencySec = 0;
            for (int i = 0; i < c.size(); i++) {
                if ((mask & (1L << i)) != 0) {
                    caps += c.get(i).capSamples();
                    minBytesPerSec = Math.min(minBytesPerSec, c.get(i).link().bytesPerSec());
                    maxLatencySec = Math.max(maxLatencySec, c.get(i).link().latencySec());
                }
            }
            if (caps >= job.samples()) {
                double syncSec = SyncCost.seconds(job.topology(), job.parameterBytes(), Long.bitCount(mask),
                        minBytesPerSec, maxLatencySec, request.serverLink());
                shortest = Math.min(shortest, job.epochs() * (filledSec(c, mask, job.samples())
                        + job.iterationsPerEpoch() * syncSec));
            }
        }
        return shortest;
    }

    /** Least time in which the set's devices, each at its rate and within its cap, compute the samples: bisection. */
    private static double filledSec(List<Candidate> c, long mask, long samples) {
        double lo = 0;
        double hi = 1;
        while (filled(c, mask, hi) < samples) {
            hi *= 2;
        }
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (filled(c, mask, mid) < samples) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double filled(List<Candidate> c, long mask, double sec) {
        double samples = 0;
        for (int i = 0; i < c.size(); i++) {
            if ((mask & (1L << i)) != 0) {
                samples += Math.min(c.get(i).rankRate() * sec, c.get(i).capSamples());
            }
        }
        return samples;
    }

    private static boolean capsCannotHold(PlanningRequest request, ToDoubleFunction<ServiceLoad> rates, Options options) {
        var ranked = Candidates.of(request, rates, options).ranked();
        return ranked.stream().mapToDouble(Candidate::capSamples).sum() < request.job().samples();
    }

    /** The contract for a policy of the Deep-Edge family, with its own feasibility and SLO rules. */
    abstract static class Family extends PolicyContract {
        private final String id;
        private final Options options;

        Family(String id, Options options) {
            this.id = id;
            this.options = options;
        }

        @Override
        protected SchedulingPolicy policy() {
            return PolicyRegistry.get(id);
        }

        @Override
        protected boolean mayPostpone(PlanningRequest request) {
            return infeasible(request, options);
        }

        @Override
        protected void checkEligible(PlanningRequest request, Decision.Assign assign) {
            checkSlos(request, assign, options);
        }
    }

    @Nested
    class DeepEdge extends Family {
        DeepEdge() {
            super("deep-edge", Options.FULL);
        }
    }

    @Nested
    class NoForecast extends Family {
        NoForecast() {
            super("deep-edge-no-forecast", new Options(true, false));
        }
    }

    @Nested
    class NoInterference extends Family {
        NoInterference() {
            super("deep-edge-no-interference", new Options(false, true));
        }
    }

    @Nested
    class Optimal extends Family {
        Optimal() {
            super("optimal", Options.FULL);
        }

        @Override
        protected int maxDevices() {
            return 10;
        }
    }
}
