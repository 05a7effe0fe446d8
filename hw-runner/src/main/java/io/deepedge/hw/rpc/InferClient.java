package io.deepedge.hw.rpc;

import com.google.protobuf.ByteString;
import io.deepedge.hw.rpc.v1.AgentServiceGrpc;
import io.deepedge.hw.rpc.v1.InferReply;
import io.deepedge.hw.rpc.v1.InferRequest;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A load generator's connection to one agent's {@code Infer} call: its OWN channel (TCP connection), so LC
 * requests never queue behind the coordinator's megabyte-sized gradient messages on a shared HTTP/2
 * connection, as a real client's would not. Replies are handled on the transport thread (direct executor):
 * the callbacks only read the clock and record, so no thread hand-off delays the measured response time.
 */
public final class InferClient implements AutoCloseable {
    /** LC replies are a few class probabilities; this only bounds what a confused peer could send. */
    static final int MAX_INBOUND_BYTES = 1 << 20;

    private final String peer;
    private final ManagedChannel channel;
    private final AgentServiceGrpc.AgentServiceStub async;

    private InferClient(String peer, ManagedChannel channel, Token token) {
        this.peer = peer;
        this.channel = channel;
        this.async = AgentServiceGrpc.newStub(channel).withCallCredentials(new TokenCredentials(token));
    }

    public static InferClient connect(String host, int port, Token token) {
        return connect(host, port, token, ClientSecurity.plaintext());
    }

    /** As {@link #connect(String, int, Token)} over a plaintext or TLS channel. */
    public static InferClient connect(String host, int port, Token token, ClientSecurity security) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(host, port, security.credentials())
                .directExecutor().maxInboundMessageSize(MAX_INBOUND_BYTES).build();
        return new InferClient(host + ":" + port, channel, token);
    }

    public String peer() {
        return peer;
    }

    /**
     * Sends one request; the future completes with the reply, or fails with a {@link RemoteCallException}
     * (UNAVAILABLE when the agent is gone, DEADLINE_EXCEEDED after {@code deadline}). Callbacks attached to it
     * run on the transport thread and must be short.
     */
    public CompletableFuture<InferReply> infer(String serviceId, long requestId, long scheduledArrivalUnixNanos,
                                               byte[] input, Duration deadline) {
        InferRequest request = InferRequest.newBuilder().setServiceId(serviceId).setRequestId(requestId)
                .setScheduledArrivalUnixNanos(scheduledArrivalUnixNanos).setInput(ByteString.copyFrom(input)).build();
        CompletableFuture<InferReply> result = new CompletableFuture<>();
        async.withDeadlineAfter(RemoteCalls.ms(deadline), TimeUnit.MILLISECONDS).infer(request,
                new StreamObserver<>() {
                    @Override
                    public void onNext(InferReply reply) {
                        result.complete(reply);
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(new RemoteCallException(peer, "Infer",
                                RemoteCalls.fromPeer(Status.fromThrowable(t))));
                    }

                    @Override
                    public void onCompleted() {
                        if (!result.isDone()) {
                            result.completeExceptionally(new RemoteCallException(peer, "Infer",
                                    Status.INTERNAL.withDescription("the call ended without a reply")));
                        }
                    }
                });
        return result;
    }

    /** Closes the channel; calls still in flight after a short wait are cancelled. */
    @Override
    public void close() {
        Channels.close(channel);
    }

    /** Closes at once: calls in flight fail with CANCELLED. */
    public void closeNow() {
        channel.shutdownNow();
    }
}
