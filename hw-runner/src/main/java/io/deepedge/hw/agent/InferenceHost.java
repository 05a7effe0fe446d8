package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.ServiceSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The latency-critical inference services an agent hosts (the DL4J services plug in here). Failures the caller
 * caused are reported as {@link IllegalArgumentException} (unknown service, bad input: INVALID_ARGUMENT) or
 * {@link IllegalStateException} (no services started: FAILED_PRECONDITION); an agent without services throws
 * {@link UnsupportedOperationException} (UNIMPLEMENTED).
 */
public interface InferenceHost {
    /** Starts the given services, replacing running ones; returns their ids in order. */
    List<String> start(List<ServiceSpec> services);

    void stop();

    /** Queues one request; completes with the output when served. */
    CompletionStage<byte[]> infer(String serviceId, long requestId, long scheduledArrivalUnixNanos, byte[] input);

    /** Each running service's window since the previous call, and starts the next window. */
    List<ServiceWindowStats> drainWindow();

    /** The running services' ids, in start order (for calibration). */
    default List<String> serviceIds() {
        return List.of();
    }

    /** A host without services: starting or calling one is UNIMPLEMENTED, its windows are empty. */
    static InferenceHost none() {
        return new InferenceHost() {
            @Override
            public List<String> start(List<ServiceSpec> services) {
                if (services.isEmpty()) {
                    return List.of();
                }
                throw new UnsupportedOperationException("this agent hosts no inference services");
            }

            @Override
            public void stop() {
            }

            @Override
            public CompletionStage<byte[]> infer(String serviceId, long requestId, long scheduledArrivalUnixNanos,
                                                 byte[] input) {
                return CompletableFuture.failedFuture(
                        new UnsupportedOperationException("this agent hosts no inference services"));
            }

            @Override
            public List<ServiceWindowStats> drainWindow() {
                return List.of();
            }
        };
    }
}
