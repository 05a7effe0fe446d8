package io.deepedge.policies;

import io.deepedge.policies.baselines.EqualSplit;
import io.deepedge.policies.baselines.FastestSingle;
import io.deepedge.policies.baselines.RandomSubset;
import io.deepedge.policies.baselines.ThroughputProportional;
import io.deepedge.policies.deepedge.DeepEdgePolicy;
import io.deepedge.policies.deepedge.OptimalPolicy;
import io.deepedge.policies.deepedge.Options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The one map from policy ids to policies; unknown ids fail with the list of valid ones. */
public final class PolicyRegistry {
    private static final Map<String, Supplier<SchedulingPolicy>> POLICIES = new LinkedHashMap<>();

    static {
        register(() -> new DeepEdgePolicy("deep-edge", Options.FULL));
        register(EqualSplit::new);
        register(ThroughputProportional::new);
        register(FastestSingle::new);
        register(RandomSubset::new);
        register(OptimalPolicy::new);
        register(() -> new DeepEdgePolicy("deep-edge-no-interference", new Options(false, true)));
        register(() -> new DeepEdgePolicy("deep-edge-no-forecast", new Options(true, false)));
    }

    private PolicyRegistry() {
    }

    private static void register(Supplier<SchedulingPolicy> constructor) {
        POLICIES.put(constructor.get().id(), constructor);
    }

    /** Registered ids, in registration order. */
    public static List<String> ids() {
        return List.copyOf(POLICIES.keySet());
    }

    public static Optional<SchedulingPolicy> find(String id) {
        return Optional.ofNullable(POLICIES.get(id)).map(Supplier::get);
    }

    public static SchedulingPolicy get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown policy (" + id + "), expected one of " + String.join(", ", ids())));
    }

    public static List<SchedulingPolicy> all() {
        return POLICIES.values().stream().map(Supplier::get).toList();
    }
}
