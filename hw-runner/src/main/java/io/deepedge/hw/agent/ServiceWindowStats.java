package io.deepedge.hw.agent;

import java.util.Objects;

/**
 * One service instance over one metrics window: counts, and every completed request's latency from its
 * scheduled arrival to its completion, in completion order, with its service time (worker start to end), the
 * worker thread's CPU time for it and its wait in the service's queue where the side that keeps the window sees them
 * (the agent does; a client-side window does not and has none).
 */
public record ServiceWindowStats(String serviceId, long arrivals, long completed, long deadlineMisses,
                                 long unfinished, float[] latencyMs, float[] serviceMs, float[] serviceCpuMs,
                                 float[] queueMs) {
    public ServiceWindowStats {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(latencyMs, "latencyMs");
        Objects.requireNonNull(serviceMs, "serviceMs");
        Objects.requireNonNull(serviceCpuMs, "serviceCpuMs");
        Objects.requireNonNull(queueMs, "queueMs");
        if (arrivals < 0 || completed < 0 || deadlineMisses < 0 || unfinished < 0) {
            throw new IllegalArgumentException("negative count in the window of " + serviceId);
        }
        if (latencyMs.length != completed) {
            throw new IllegalArgumentException(serviceId + ": " + latencyMs.length + " latencies for " + completed
                    + " completed requests");
        }
        if (serviceMs.length != 0 && serviceMs.length != completed) {
            throw new IllegalArgumentException(serviceId + ": " + serviceMs.length + " service times for " + completed
                    + " completed requests, expected one each or none");
        }
        if (serviceCpuMs.length != 0 && serviceCpuMs.length != serviceMs.length) {
            throw new IllegalArgumentException(serviceId + ": " + serviceCpuMs.length + " CPU times for "
                    + serviceMs.length + " service times, expected one each or none");
        }
        if (queueMs.length != 0 && queueMs.length != serviceMs.length) {
            throw new IllegalArgumentException(serviceId + ": " + queueMs.length + " queue times for "
                    + serviceMs.length + " service times, expected one each or none");
        }
        latencyMs = latencyMs.clone();
        serviceMs = serviceMs.clone();
        serviceCpuMs = serviceCpuMs.clone();
        queueMs = queueMs.clone();
    }

    /** A window with service and CPU times but no queue times (an agent's before protocol 1.8). */
    public ServiceWindowStats(String serviceId, long arrivals, long completed, long deadlineMisses, long unfinished,
                              float[] latencyMs, float[] serviceMs, float[] serviceCpuMs) {
        this(serviceId, arrivals, completed, deadlineMisses, unfinished, latencyMs, serviceMs, serviceCpuMs,
                new float[0]);
    }

    /** A window with service times but no CPU times. */
    public ServiceWindowStats(String serviceId, long arrivals, long completed, long deadlineMisses, long unfinished,
                              float[] latencyMs, float[] serviceMs) {
        this(serviceId, arrivals, completed, deadlineMisses, unfinished, latencyMs, serviceMs, new float[0]);
    }

    /** A window without service times (a client's view of the requests). */
    public ServiceWindowStats(String serviceId, long arrivals, long completed, long deadlineMisses, long unfinished,
                              float[] latencyMs) {
        this(serviceId, arrivals, completed, deadlineMisses, unfinished, latencyMs, new float[0]);
    }

    @Override
    public float[] latencyMs() {
        return latencyMs.clone();
    }

    /** One per completed request in the order of {@link #latencyMs}, or empty when this side cannot see them. */
    @Override
    public float[] serviceMs() {
        return serviceMs.clone();
    }

    /** The worker thread's CPU time per request in the order of {@link #serviceMs}, or empty. */
    @Override
    public float[] serviceCpuMs() {
        return serviceCpuMs.clone();
    }

    /**
     * One per service time, in their order: each request's wait in the service's queue, from the agent's RPC threads
     * handing it over to the worker taking it up; empty where not recorded.
     */
    @Override
    public float[] queueMs() {
        return queueMs.clone();
    }
}
