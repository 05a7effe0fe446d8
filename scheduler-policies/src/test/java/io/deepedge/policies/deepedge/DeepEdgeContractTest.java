package io.deepedge.policies.deepedge;

import io.deepedge.models.Assignment;
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

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy contract for Deep-Edge, its ablations and the optimum, plus their SLO guarantee. */
class DeepEdgeContractTest {
    /**
     * Every planned device keeps its services' predicted SLO at the planned local batch (current rates:
     * generated requests have no history, so the forecast peak equals the current rate).
     */
    static void checkSlos(PlanningRequest request, Decision.Assign assign, boolean interferenceAware) {
        for (Assignment a : assign.plan().assignments()) {
            DeviceState d = request.devices().stream().filter(x -> x.name().equals(a.device())).findFirst().orElseThrow();
            DeviceProfile p = d.device().profile();
            long batch = MemoryFit.maxLocalBatch(request, a.samples());
            double inflation = interferenceAware ? p.serviceSlowdownAt(batch) : 1.0;
            for (ServiceLoad load : request.servicesOn(a.device())) {
                ServiceInstance s = load.instance();
                double q = LatencyPredictor.quantileMs(s.serviceTime(), inflation, load.currentRatePerSec(), s.sloQuantile());
                assertTrue(q <= s.deadlineMs() * (1 + 1e-6), a.device() + " " + s.id() + " " + q + " > " + s.deadlineMs());
            }
        }
    }

    /**
     * Deep-Edge may postpone only when no plan is feasible by its own rules: no eligible device, or the
     * eligible devices' batch caps together cannot hold an epoch's samples.
     */
    static boolean infeasible(PlanningRequest request, Options options) {
        var ranked = Candidates.of(request, PlanningRates.current(), options).ranked();
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
            checkSlos(request, assign, options.interferenceAware());
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
