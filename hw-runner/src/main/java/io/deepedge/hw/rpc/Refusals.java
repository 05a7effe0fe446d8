package io.deepedge.hw.rpc;

import io.grpc.Status;
import io.grpc.StatusException;

/** The statuses a side answers a bad or untimely message with, each with a description of what was expected. */
public final class Refusals {
    private Refusals() {
    }

    /** A malformed message: a field's value is wrong whatever the state. */
    public static StatusException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asException();
    }

    /** A well-formed message that comes out of order (e.g. ComputeGradient before LoadShard). */
    public static StatusException outOfOrder(String description) {
        return Status.FAILED_PRECONDITION.withDescription(description).asException();
    }

    /** A message beyond a configured size limit. */
    public static StatusException tooLarge(String description) {
        return Status.RESOURCE_EXHAUSTED.withDescription(description).asException();
    }
}
