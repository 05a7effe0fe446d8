package io.deepedge.policies.baselines;

import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.PlanBuilder;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;

/** Every available device, shares by standalone training speed: heterogeneity-aware, interference-blind. */
public final class ThroughputProportional implements SchedulingPolicy {
    @Override
    public String id() {
        return "throughput-proportional";
    }

    @Override
    public String description() {
        return "all available devices, shares proportional to standalone training throughput";
    }

    @Override
    public Decision decide(PlanningRequest request) {
        return PlanBuilder.split(request, request.availableDevices(), DeviceState::trainSamplesPerSec, "not-selected");
    }
}
