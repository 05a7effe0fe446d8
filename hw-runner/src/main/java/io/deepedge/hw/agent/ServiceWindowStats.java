package io.deepedge.hw.agent;

import java.util.Objects;

/**
 * One service instance over one metrics window: counts, and every completed request's latency from its
 * scheduled arrival to its completion, in completion order, with its service time (worker start to end) where
 * the side that keeps the window sees it (the agent does; a client-side window does not and has none).
 */
public record ServiceWindowStats(String serviceId, long arrivals, long completed, long deadlineMisses,
                                 long unfinished, float[] latencyMs, float[] serviceMs) {
    public ServiceWindowStats {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(latencyMs, "latencyMs");
        Objects.requireNonNull(serviceMs, "serviceMs");
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
        latencyMs = latencyMs.clone();
        serviceMs = serviceMs.clone();
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
}
