package io.deepedge.hw.agent;

import java.util.Objects;

/**
 * One service instance over one metrics window: counts, and every completed request's latency from its
 * scheduled arrival to its completion, in completion order.
 */
public record ServiceWindowStats(String serviceId, long arrivals, long completed, long deadlineMisses,
                                 long unfinished, float[] latencyMs) {
    public ServiceWindowStats {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(latencyMs, "latencyMs");
        if (arrivals < 0 || completed < 0 || deadlineMisses < 0 || unfinished < 0) {
            throw new IllegalArgumentException("negative count in the window of " + serviceId);
        }
        if (latencyMs.length != completed) {
            throw new IllegalArgumentException(serviceId + ": " + latencyMs.length + " latencies for " + completed
                    + " completed requests");
        }
        latencyMs = latencyMs.clone();
    }

    @Override
    public float[] latencyMs() {
        return latencyMs.clone();
    }
}
