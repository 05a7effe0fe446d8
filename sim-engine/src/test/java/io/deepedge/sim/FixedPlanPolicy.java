package io.deepedge.sim;

import io.deepedge.models.Plan;
import io.deepedge.policies.Decision;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;

import java.util.List;

/** A test policy that assigns the same plan whatever it is asked. */
record FixedPlanPolicy(Plan plan) implements SchedulingPolicy {
    @Override
    public String id() {
        return "fixed";
    }

    @Override
    public String description() {
        return "the given plan";
    }

    @Override
    public Decision decide(PlanningRequest request) {
        return new Decision.Assign(plan, List.of());
    }
}
