package io.deepedge.hw.rpc;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/**
 * Channels to agents and to the coordinator, with a set inbound limit: plaintext (the token authenticates; loopback
 * and trusted networks) or TLS ({@link ClientSecurity}, for remote agents), the token sent in both.
 */
public final class Channels {
    private static final long CLOSE_WAIT_MS = 2000;

    private Channels() {
    }

    public static ManagedChannel plaintext(String host, int port, int maxInboundBytes) {
        return open(host, port, maxInboundBytes, ClientSecurity.plaintext());
    }

    /** A channel with {@code security}'s credentials (plaintext or TLS). */
    public static ManagedChannel open(String host, int port, int maxInboundBytes, ClientSecurity security) {
        return Grpc.newChannelBuilderForAddress(host, port, security.credentials())
                .maxInboundMessageSize(maxInboundBytes)
                .build();
    }

    /** Shuts {@code channel} down, cancelling calls still running after a short wait. */
    public static void close(ManagedChannel channel) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
                channel.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
