package io.deepedge.hw.rpc;

import java.util.Objects;

/** One latency-critical service instance an agent hosts. */
public record ServiceSpec(String serviceId, String modelId, double deadlineMs) {
    public ServiceSpec {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(modelId, "modelId");
        if (serviceId.isEmpty()) {
            throw new IllegalArgumentException("serviceId must not be empty");
        }
        if (!(deadlineMs >= 0) || Double.isInfinite(deadlineMs)) {
            throw new IllegalArgumentException("deadlineMs " + deadlineMs + ", expected a finite value >= 0");
        }
    }
}
