package io.deepedge.hw.rpc;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** Channels to agents and to the coordinator: plaintext (the token authenticates), with a set inbound limit. */
public final class Channels {
    private static final long CLOSE_WAIT_MS = 2000;

    private Channels() {
    }

    public static ManagedChannel plaintext(String host, int port, int maxInboundBytes) {
        return Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create())
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
