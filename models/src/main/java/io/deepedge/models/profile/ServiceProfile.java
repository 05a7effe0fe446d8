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
 * @param cpuMeanMs mean CPU time of the service's worker thread per request: the model call's own work, without
 *        the waits in meanMs (a spent CPU quota, other threads on its core). 0 = not measured
 * @param cpuCv the coefficient of variation of those CPU times (0 when not measured)
 */
public record ServiceProfile(String name, String model, double meanMs, double cv, long samples, double capacityMs,
                             double cpuMeanMs, double cpuCv) {
    public ServiceProfile {
        Checks.name("name", name);
        Checks.positive("meanMs", meanMs);
        Checks.nonNegative("cv", cv);
        Checks.positive("samples", samples);
        Checks.nonNegative("capacityMs", capacityMs);
        Checks.nonNegative("cpuMeanMs", cpuMeanMs);
        Checks.nonNegative("cpuCv", cpuCv);
    }

    /** A profile without the worker's CPU time per request. */
    public ServiceProfile(String name, String model, double meanMs, double cv, long samples, double capacityMs) {
        this(name, model, meanMs, cv, samples, capacityMs, 0, 0);
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
        return cpuCoresWhileServing(cpus, 0);
    }

    /**
     * The same, without {@code simulatedCpuMsPerRequest} of the capacity's CPU per request that the simulator runs
     * as work of its own (the collector's pauses and their cleanup, which the agent's CPU per request holds too).
     */
    public double cpuCoresWhileServing(double cpus, double simulatedCpuMsPerRequest) {
        return capacityMs > 0 ? Math.max(1.0, (capacityMs * cpus - simulatedCpuMsPerRequest) / workMeanMs()) : 1.0;
    }

    /** The simulator's distribution for these figures, by {@link ServiceTimeRule}. */
    public ServiceTime serviceTime() {
        return ServiceTimeRule.family(meanMs, cv);
    }

    /**
     * The simulator's distribution of a request's work at full speed, for a device whose CPU quota the twin
     * simulates: the worker's CPU times when measured (the quota's waits are then simulated, not sampled), else the
     * service times.
     */
    public ServiceTime workTime() {
        return cpuMeanMs > 0 ? ServiceTimeRule.family(cpuMeanMs, cpuCv) : serviceTime();
    }

    private double workMeanMs() {
        return cpuMeanMs > 0 ? cpuMeanMs : meanMs;
    }
}
