package io.deepedge.hw.rpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
     * call in flight: gRPC resets the stream): the peer is gone, as when the connection drops (UNAVAILABLE).
     */
    static Status fromPeer(Status status) {
        if (status.getCode() != Status.Code.CANCELLED) {
            return status;
        }
        return Status.UNAVAILABLE.withDescription("the peer ended the call (it stopped with the call in flight): "
                + status.getDescription()).withCause(status.getCause());
    }

    static long ms(Duration d) {
        return Math.max(1, d.toMillis());
    }
}
