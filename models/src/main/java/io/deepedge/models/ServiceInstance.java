package io.deepedge.models;

/**
 * One LC service placed on one device: a FCFS single-server queue.
 *
 * @param service service name from the config
 * @param device device name it runs on
 * @param arrivals arrival process
 * @param serviceTime standalone service-time distribution on this device
 * @param deadlineMs per-request deadline
 * @param sloQuantile the latency quantile that must stay within the deadline, in (0, 1)
 * @param memoryMiB device memory the service instance holds, unavailable to training
 * @param clientHopMs a fixed delay added to every request's latency: the client-to-device round trip a testbed's
 *        load generator measures beyond the queue (0 unless the device's profile file measured one)
 * @param cpuCoresWhileServing the CPU a request in service uses, in cores (>= 1): its worker thread, plus the RPC
 *        threads that work for it meanwhile; only a device under a {@link CpuQuota} spends it from a budget (1 unless
 *        the device's profile file measured the service's CPU per request)
 * @param coldStart the extra work of a request that finds the server idle ({@link ColdStart#NONE}: none)
 */
public record ServiceInstance(String service, String device, Arrivals arrivals, ServiceTime serviceTime,
                              double deadlineMs, double sloQuantile, double memoryMiB, double clientHopMs,
                              double cpuCoresWhileServing, ColdStart coldStart) {
    public ServiceInstance {
        Checks.nonNegative("memoryMiB", memoryMiB);
        Checks.nonNegative("clientHopMs", clientHopMs);
        Checks.atLeast("cpuCoresWhileServing", 1.0, cpuCoresWhileServing);
        Checks.name("service", service);
        Checks.name("device", device);
        Checks.positive("deadlineMs", deadlineMs);
        if (!(sloQuantile > 0 && sloQuantile < 1)) {
            throw new IllegalArgumentException("sloQuantile must be in (0, 1) (" + sloQuantile + ")");
        }
        if (arrivals == null || serviceTime == null || coldStart == null) {
            throw new IllegalArgumentException(
                    "arrivals, serviceTime and coldStart (ColdStart.NONE for none) must be given");
        }
    }

    /** An instance without extra work after idle time. */
    public ServiceInstance(String service, String device, Arrivals arrivals, ServiceTime serviceTime,
                           double deadlineMs, double sloQuantile, double memoryMiB, double clientHopMs,
                           double cpuCoresWhileServing) {
        this(service, device, arrivals, serviceTime, deadlineMs, sloQuantile, memoryMiB, clientHopMs,
                cpuCoresWhileServing, ColdStart.NONE);
    }

    /** An instance whose requests use one core while in service. */
    public ServiceInstance(String service, String device, Arrivals arrivals, ServiceTime serviceTime,
                           double deadlineMs, double sloQuantile, double memoryMiB, double clientHopMs) {
        this(service, device, arrivals, serviceTime, deadlineMs, sloQuantile, memoryMiB, clientHopMs, 1.0);
    }

    /** An instance without a client hop. */
    public ServiceInstance(String service, String device, Arrivals arrivals, ServiceTime serviceTime,
                           double deadlineMs, double sloQuantile, double memoryMiB) {
        this(service, device, arrivals, serviceTime, deadlineMs, sloQuantile, memoryMiB, 0);
    }

    /** An instance that holds no memory of its own. */
    public ServiceInstance(String service, String device, Arrivals arrivals, ServiceTime serviceTime,
                           double deadlineMs, double sloQuantile) {
        this(service, device, arrivals, serviceTime, deadlineMs, sloQuantile, 0);
    }

    /** Stable id {@code service@device}, also the name of its random streams. */
    public String id() {
        return service + "@" + device;
    }
}
