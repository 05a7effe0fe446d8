package io.deepedge.policies.baselines;

import io.deepedge.policies.Decision;
import io.deepedge.policies.PlanBuilder;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;

/** Every available device, equal shares: blind to heterogeneity, load and interference. */
public final class EqualSplit implements SchedulingPolicy {
    @Override
    public String id() {
        return "equal-split";
    }

    @Override
    public String description() {
        return "all available devices, equal shares";
    }

    @Override
    public Decision decide(PlanningRequest request) {
        return PlanBuilder.split(request, request.availableDevices(), d -> 1.0, "not-selected");
    }
}
