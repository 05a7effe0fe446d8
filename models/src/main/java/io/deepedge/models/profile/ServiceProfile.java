package io.deepedge.models.profile;

import io.deepedge.models.Checks;
import io.deepedge.models.ServiceTime;

/**
 * An LC service's standalone service time measured on one device (the model call alone, no queueing, no training).
 *
 * @param name the service's name in the profiled config
 * @param model what the agent served (an architecture or model file id of the hardware runner)
 * @param meanMs mean service time
 * @param cv coefficient of variation (standard deviation / mean), >= 0
 * @param samples how many requests the figures come from
 */
public record ServiceProfile(String name, String model, double meanMs, double cv, long samples) {
    public ServiceProfile {
        Checks.name("name", name);
        Checks.positive("meanMs", meanMs);
        Checks.nonNegative("cv", cv);
        Checks.positive("samples", samples);
    }

    /** The simulator's distribution for these figures, by {@link ServiceTimeRule}. */
    public ServiceTime serviceTime() {
        return ServiceTimeRule.family(meanMs, cv);
    }
}
