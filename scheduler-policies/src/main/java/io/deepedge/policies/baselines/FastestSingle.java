package io.deepedge.policies.baselines;

import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.MemoryFit;
import io.deepedge.policies.PlanBuilder;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;

import java.util.Comparator;
import java.util.List;

/**
 * The single fastest available device whose memory holds the whole global batch trains alone: no
 * synchronisation, no heterogeneity to balance.
 */
public final class FastestSingle implements SchedulingPolicy {
    /** Highest standalone throughput first, device name as the tie-break. */
    static final Comparator<DeviceState> FASTEST_FIRST = Comparator
            .comparingDouble(DeviceState::trainSamplesPerSec).reversed()
            .thenComparing(DeviceState::name);

    @Override
    public String id() {
        return "fastest-single";
    }

    @Override
    public String description() {
        return "the fastest available device alone";
    }

    @Override
    public Decision decide(PlanningRequest request) {
        var serviceMemory = MemoryFit.serviceMemoryMiB(request);
        List<DeviceState> fastest = request.availableDevices().stream()
                .filter(d -> MemoryFit.fitsAlone(request, d, serviceMemory.getOrDefault(d.name(), 0.0)))
                .sorted(FASTEST_FIRST).limit(1).toList();
        return PlanBuilder.split(request, fastest, d -> 1.0, "not-fastest-fitting");
    }
}
