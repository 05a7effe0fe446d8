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
 * @param capacityMs how long one request occupies the device when requests follow each other: the CPU time the
 *        agent's process spends per request (model call, gRPC, everything) divided by the device's CPU quota, so
 *        1000 / capacityMs is the most requests per second the device sustains. Under a CPU quota a lone request
 *        runs at full core speed (meanMs), so meanMs alone overstates the capacity. 0 = not measured
 */
public record ServiceProfile(String name, String model, double meanMs, double cv, long samples, double capacityMs) {
    public ServiceProfile {
        Checks.name("name", name);
        Checks.positive("meanMs", meanMs);
        Checks.nonNegative("cv", cv);
        Checks.positive("samples", samples);
        Checks.nonNegative("capacityMs", capacityMs);
    }

    /** A profile without a capacity measurement. */
    public ServiceProfile(String name, String model, double meanMs, double cv, long samples) {
        this(name, model, meanMs, cv, samples, 0);
    }

    /**
     * The CPU a request in service uses under a quota of {@code cpus}, in cores: its CPU time ({@code capacityMs x
     * cpus}) over its service time, at least the worker's one core (1 when the capacity was not measured).
     */
    public double cpuCoresWhileServing(double cpus) {
        return capacityMs > 0 ? Math.max(1.0, capacityMs * cpus / meanMs) : 1.0;
    }

    /** The simulator's distribution for these figures, by {@link ServiceTimeRule}. */
    public ServiceTime serviceTime() {
        return ServiceTimeRule.family(meanMs, cv);
    }
}
