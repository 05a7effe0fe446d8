package io.deepedge.hw.rpc;

import com.google.common.base.Throwables;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/** How both clients run a blocking call and name its failure. */
final class RemoteCalls {
    private RemoteCalls() {
    }

    /** A blocking stub call. */
    @FunctionalInterface
    interface Call<R> {
        R run();
    }

    static <R> R call(String peer, String name, Call<R> call) throws RemoteCallException {
        try {
            return call.run();
        } catch (StatusRuntimeException e) {
            // a blocking call cancels itself only when its thread is interrupted
            Status status = Thread.currentThread().isInterrupted() ? e.getStatus() : fromPeer(e.getStatus());
            throw new RemoteCallException(peer, name, status);
        }
    }

    /**
     * A call this side did not cancel but that ended CANCELLED was abandoned by the peer (it stopped with the
     * call in flight: gRPC resets the stream): the peer is gone, as when the connection drops (UNAVAILABLE). So is
     * a call that ended UNKNOWN because the connection under it closed: grpc-java reports a write to a connection
     * the peer's death closed as "UNKNOWN: channel closed" with a {@link ClosedChannelException} as the cause
     * (grpc-java issues 7376, 10120 and 10474; seen here when an agent was SIGKILLed while the coordinator sent it the
     * parameters). An UNKNOWN from the peer itself (its handler threw) has no such local cause and stays UNKNOWN.
     */
    static Status fromPeer(Status status) {
        if (status.getCode() == Status.Code.CANCELLED) {
            return Status.UNAVAILABLE.withDescription("the peer ended the call (it stopped with the call in flight): "
                    + status.getDescription()).withCause(status.getCause());
        }
        if (status.getCode() == Status.Code.UNKNOWN && closedConnection(status.getCause())) {
            return Status.UNAVAILABLE.withDescription("the connection to the peer closed with the call in flight: "
                    + status.getDescription()).withCause(status.getCause());
        }
        return status;
    }

    private static boolean closedConnection(Throwable cause) {
        return cause != null && Throwables.getCausalChain(cause).stream().anyMatch(ClosedChannelException.class::isInstance);
    }

    static long ms(Duration d) {
        return Math.max(1, d.toMillis());
    }
}
