package io.deepedge.hw.rpc;

import io.grpc.Status;

/**
 * A call to an agent or to the coordinator that did not succeed: which peer, which call, and the status.
 * {@link #peerUnreachable()} tells a lost device (UNAVAILABLE, DEADLINE_EXCEEDED) from a refused request.
 */
public final class RemoteCallException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Status status;

    public RemoteCallException(String peer, String call, Status status) {
        super(peer + ": " + call + " failed: " + status.getCode()
                + (status.getDescription() == null ? "" : ": " + status.getDescription()), status.getCause());
        this.status = status;
    }

    public Status.Code code() {
        return status.getCode();
    }

    public Status status() {
        return status;
    }

    /** The peer did not answer in time or cannot be reached: treat it as lost (retry or re-plan). */
    public boolean peerUnreachable() {
        return status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.DEADLINE_EXCEEDED;
    }
}
