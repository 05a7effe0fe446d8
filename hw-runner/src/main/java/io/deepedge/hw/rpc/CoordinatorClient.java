package io.deepedge.hw.rpc;

import io.deepedge.hw.rpc.v1.CoordinatorServiceGrpc;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.hw.rpc.v1.HeartbeatRequest;
import io.deepedge.hw.rpc.v1.MetricsReport;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.RegisterReply;
import io.deepedge.hw.rpc.v1.RegisterRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An agent's handle on the coordinator (agent-to-coordinator calls): register, heartbeat, report metrics. Every
 * call carries the token and the control deadline of {@link CallDeadlines}.
 */
public final class CoordinatorClient implements AutoCloseable {
    private final String peer;
    private final ManagedChannel channel;
    private final boolean ownsChannel;
    private final Duration deadline;
    private final CoordinatorServiceGrpc.CoordinatorServiceBlockingStub blocking;

    private CoordinatorClient(String peer, ManagedChannel channel, boolean ownsChannel, Token token,
                              CallDeadlines deadlines) {
        this.peer = peer;
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.deadline = deadlines.control();
        this.blocking = CoordinatorServiceGrpc.newBlockingStub(channel).withCallCredentials(new TokenCredentials(token));
    }

    public static CoordinatorClient connect(String host, int port, Token token, CallDeadlines deadlines) {
        return new CoordinatorClient(host + ":" + port, Channels.plaintext(host, port,
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES), true, token, deadlines);
    }

    /** A client over a channel someone else owns (e.g. in-process); {@link #close} leaves it open. */
    public static CoordinatorClient over(ManagedChannel channel, String peer, Token token, CallDeadlines deadlines) {
        return new CoordinatorClient(peer, channel, false, token, deadlines);
    }

    public String peer() {
        return peer;
    }

    /** Announces this agent; refused (FAILED_PRECONDITION) when the two sides speak different major versions. */
    public RegisterReply register(DeviceInfo device, String agentAddress) throws RemoteCallException {
        RegisterReply reply = RemoteCalls.call(peer, "Register", () -> within().register(RegisterRequest.newBuilder()
                .setVersion(ProtocolVersions.current()).setDevice(device).setAgentAddress(agentAddress).build()));
        Optional<Status> refusal = ProtocolVersions.refusal(reply.hasVersion(), reply.getVersion());
        if (refusal.isPresent()) {
            throw new RemoteCallException(peer, "Register", refusal.get());
        }
        if (reply.getAgentId().isEmpty()) {
            throw new RemoteCallException(peer, "Register", Status.INTERNAL.withDescription(
                    "malformed reply: agent_id is empty"));
        }
        return reply;
    }

    /** Whether the coordinator still knows {@code agentId}; false means register again. */
    public boolean heartbeat(String agentId, long sequence) throws RemoteCallException {
        return RemoteCalls.call(peer, "Heartbeat", () -> within().heartbeat(HeartbeatRequest.newBuilder()
                .setAgentId(agentId).setSequence(sequence).setSentUnixMs(System.currentTimeMillis()).build()))
                .getRegistered();
    }

    public void reportMetrics(String agentId, MetricsSnapshot metrics) throws RemoteCallException {
        RemoteCalls.call(peer, "ReportMetrics", () -> within().reportMetrics(MetricsReport.newBuilder()
                .setAgentId(agentId).setMetrics(metrics).build()));
    }

    private CoordinatorServiceGrpc.CoordinatorServiceBlockingStub within() {
        return blocking.withDeadlineAfter(RemoteCalls.ms(deadline), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (ownsChannel) {
            Channels.close(channel);
        }
    }
}
