package io.deepedge.hw.rpc;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which ends of a call mean that the peer is gone (a lost device the coordinator re-plans without). */
class RemoteCallsTest {
    private static boolean lost(Status status) {
        return new RemoteCallException("127.0.0.1:1", "ComputeGradient", RemoteCalls.fromPeer(status)).peerUnreachable();
    }

    @Test
    void aCallTheConnectionsCloseEndedIsALostPeerEvenWhenGrpcSaysUnknown() {
        // as grpc-netty reports a write to a connection the killed peer closed (grpc-java issue 10474's chain)
        ClosedChannelException netty = new ClosedChannelException();
        netty.initCause(new IOException("sendAddress(..) failed: Connection reset by peer"));
        ClosedChannelException grpc = new ClosedChannelException();
        grpc.initCause(netty);
        Status unknown = Status.UNKNOWN.withDescription("channel closed").withCause(grpc);
        assertTrue(lost(unknown));
        assertEquals(Status.Code.UNAVAILABLE, RemoteCalls.fromPeer(unknown).getCode());
        assertTrue(RemoteCalls.fromPeer(unknown).getDescription().contains("channel closed"));
        assertTrue(lost(Status.UNKNOWN.withCause(new RuntimeException(new ClosedChannelException()))));
    }

    @Test
    void anUnknownFromThePeersHandlerIsNotALoss() {
        assertFalse(lost(Status.UNKNOWN.withDescription("Application error processing RPC")));
        assertFalse(lost(Status.UNKNOWN.withCause(new IOException("disk full"))));
        assertEquals(Status.Code.UNKNOWN, RemoteCalls.fromPeer(Status.UNKNOWN).getCode());
    }

    @Test
    void cancelledByThePeerUnavailableAndDeadlinesAreLossesRefusalsAreNot() {
        assertTrue(lost(Status.CANCELLED));
        assertTrue(lost(Status.UNAVAILABLE));
        assertTrue(lost(Status.DEADLINE_EXCEEDED));
        assertFalse(lost(Status.INVALID_ARGUMENT));
        assertFalse(lost(Status.UNAUTHENTICATED));
    }
}
