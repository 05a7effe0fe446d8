package io.deepedge.policies.baselines;

import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.MemoryFit;
import io.deepedge.policies.PlanBuilder;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniformly random non-empty subset of the available devices with equal shares; the random draw comes
 * from the request's seed mixed with the trigger time, so one run replans differently but reproducibly.
 */
public final class RandomSubset implements SchedulingPolicy {
    @Override
    public String id() {
        return "random";
    }

    @Override
    public String description() {
        return "a random non-empty subset of available devices (seeded), equal shares";
    }

    @Override
    public Decision decide(PlanningRequest request) {
        List<DeviceState> pool = new ArrayList<>(request.availableDevices());
        if (pool.isEmpty()) {
            return new Decision.Postpone("no device available");
        }
        SplittableRandom random = new SplittableRandom(request.seed() ^ Double.doubleToLongBits(request.nowSec()));
        int size = 1 + random.nextInt(pool.size());
        for (int i = pool.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            DeviceState tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
        }
        List<DeviceState> chosen = pool.subList(0, size).stream().sorted(Comparator.comparing(DeviceState::name)).toList();
        Decision decision = PlanBuilder.split(request, chosen, d -> 1.0, "not-drawn");
        if (decision instanceof Decision.Postpone) {
            // no drawn device fits its share in memory: the first device of the draw order that fits alone
            var serviceMemory = MemoryFit.serviceMemoryMiB(request);
            List<DeviceState> alone = pool.stream()
                    .filter(d -> MemoryFit.fitsAlone(request, d, serviceMemory.getOrDefault(d.name(), 0.0)))
                    .limit(1).toList();
            return PlanBuilder.split(request, alone, d -> 1.0, "not-drawn");
        }
        return decision;
    }
}
