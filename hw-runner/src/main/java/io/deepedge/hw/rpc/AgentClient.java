package io.deepedge.hw.rpc;

import com.google.protobuf.ByteString;
import io.deepedge.hw.rpc.v1.AgentServiceGrpc;
import io.deepedge.hw.rpc.v1.CalibrateReply;
import io.deepedge.hw.rpc.v1.CalibrateRequest;
import io.deepedge.hw.rpc.v1.CalibrateServicesReply;
import io.deepedge.hw.rpc.v1.CalibrateServicesRequest;
import io.deepedge.hw.rpc.v1.FloatVector;
import io.deepedge.hw.rpc.v1.GradientReply;
import io.deepedge.hw.rpc.v1.GradientRequest;
import io.deepedge.hw.rpc.v1.HelloReply;
import io.deepedge.hw.rpc.v1.HelloRequest;
import io.deepedge.hw.rpc.v1.MetricsRequest;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ShardHeader;
import io.deepedge.hw.rpc.v1.ShardLoaded;
import io.deepedge.hw.rpc.v1.ShutdownRequest;
import io.deepedge.hw.rpc.v1.StartServicesRequest;
import io.deepedge.hw.rpc.v1.StopServicesRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The coordinator's handle on one agent: every call carries the token and a deadline from {@link CallDeadlines};
 * every failure becomes an {@link RemoteCallException} naming the agent, the call and the status.
 */
public final class AgentClient implements AutoCloseable {
    private final String peer;
    private final ManagedChannel channel;
    private final boolean ownsChannel;
    private final CallDeadlines deadlines;
    private final AgentServiceGrpc.AgentServiceBlockingStub blocking;
    private final AgentServiceGrpc.AgentServiceStub async;

    private AgentClient(String peer, ManagedChannel channel, boolean ownsChannel, Token token,
                        CallDeadlines deadlines) {
        this.peer = peer;
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.deadlines = deadlines;
        TokenCredentials credentials = new TokenCredentials(token);
        this.blocking = AgentServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
        this.async = AgentServiceGrpc.newStub(channel).withCallCredentials(credentials);
    }

    /** A client with its own channel to {@code host:port}; {@link #close} closes it. */
    public static AgentClient connect(String host, int port, Token token, CallDeadlines deadlines,
                                      int maxInboundBytes) {
        return connect(host, port, token, deadlines, maxInboundBytes, ClientSecurity.plaintext());
    }

    /** As {@link #connect(String, int, Token, CallDeadlines, int)} over a plaintext or TLS channel. */
    public static AgentClient connect(String host, int port, Token token, CallDeadlines deadlines,
                                      int maxInboundBytes, ClientSecurity security) {
        return new AgentClient(host + ":" + port, Channels.open(host, port, maxInboundBytes, security), true, token,
                deadlines);
    }

    /** A client over a channel someone else owns (e.g. in-process); {@link #close} leaves it open. */
    public static AgentClient over(ManagedChannel channel, String peer, Token token, CallDeadlines deadlines) {
        return new AgentClient(peer, channel, false, token, deadlines);
    }

    public String peer() {
        return peer;
    }

    /** Opens a session; refused with FAILED_PRECONDITION when the agent speaks another major version. */
    public HelloReply hello(String coordinatorId) throws RemoteCallException {
        HelloReply reply = RemoteCalls.call(peer, "Hello", () -> within(deadlines.control())
                .hello(HelloRequest.newBuilder().setVersion(ProtocolVersions.current())
                        .setCoordinatorId(coordinatorId).build()));
        Optional<Status> refusal = ProtocolVersions.refusal(reply.hasVersion(), reply.getVersion());
        if (refusal.isPresent()) {
            throw new RemoteCallException(peer, "Hello", refusal.get());
        }
        return reply;
    }

    /** Streams {@code data} in chunks of at most 1 MiB; {@code data} must not change until this returns. */
    public ShardLoaded loadShard(ShardSpec spec, byte[] data) throws RemoteCallException {
        return loadShard(spec, data, RpcLimits.MAX_CHUNK_BYTES);
    }

    ShardLoaded loadShard(ShardSpec spec, byte[] data, int chunkBytes) throws RemoteCallException {
        ShardHeader header = ShardHeader.newBuilder().setShardId(spec.shardId()).setFormat(spec.format())
                .setSampleCount(spec.sampleCount()).setTotalBytes(data.length).setSha256(sha256(data))
                .setModelId(spec.modelId()).setModelConfig(ByteString.copyFrom(spec.modelConfig())).build();
        ShardSender sender = new ShardSender(header, data, chunkBytes);
        Duration deadline = deadlines.transfer(data.length);
        async.withDeadlineAfter(RemoteCalls.ms(deadline), TimeUnit.MILLISECONDS).loadShard(sender);
        try {
            // gRPC ends the call at its deadline; the extra second only guards against a lost callback
            return sender.result().get(RemoteCalls.ms(deadline) + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RemoteCallException(peer, "LoadShard", RemoteCalls.fromPeer(Status.fromThrowable(e.getCause())));
        } catch (TimeoutException e) {
            throw new RemoteCallException(peer, "LoadShard", Status.DEADLINE_EXCEEDED.withDescription(
                    "no reply within " + deadline));
        } catch (InterruptedException e) {
            sender.cancel("interrupted", e);
            Thread.currentThread().interrupt();
            throw new RemoteCallException(peer, "LoadShard", Status.CANCELLED.withDescription("interrupted"));
        }
    }

    /** The gradient of samples {@code [from, from + count)} at {@code params}, which the agent keeps as version. */
    public GradientResult gradient(long iteration, long paramsVersion, float[] params, int fromSample, int count)
            throws RemoteCallException {
        long encodeFrom = System.nanoTime();
        FloatVector encoded = FloatCodec.encode(params);
        double encodeMs = (System.nanoTime() - encodeFrom) / 1e6;
        return gradient(GradientRequest.newBuilder().setIteration(iteration).setParamsVersion(paramsVersion)
                .setParams(encoded).setFromSample(fromSample).setSampleCount(count).build(),
                params.length, encodeMs);
    }

    /** As {@link #gradient} with the parameters the agent already holds as {@code paramsVersion} (a retry). */
    public GradientResult gradientWithHeldParams(long iteration, long paramsVersion, int fromSample, int count,
                                                 int parameterCount) throws RemoteCallException {
        return gradient(GradientRequest.newBuilder().setIteration(iteration).setParamsVersion(paramsVersion)
                .setFromSample(fromSample).setSampleCount(count).build(), parameterCount, 0);
    }

    public CalibrateReply calibrate(List<Integer> batchSizes, int repetitions) throws RemoteCallException {
        return RemoteCalls.call(peer, "Calibrate", () -> within(deadlines.calibrate())
                .calibrate(CalibrateRequest.newBuilder().addAllBatchSizes(batchSizes).setRepetitions(repetitions)
                        .build()));
    }

    /** Times the started LC services alone and beside training on the loaded shard (protocol 1.1). */
    public CalibrateServicesReply calibrateServices(CalibrateServicesRequest request) throws RemoteCallException {
        return RemoteCalls.call(peer, "CalibrateServices", () -> within(deadlines.calibrate())
                .calibrateServices(request));
    }

    /**
     * Starts the services (loads each one's model): under the gradient deadline, not a control call's, because a
     * cold agent JVM under a small quota takes longer than 5 s to load a model (over 5 s measured at 0.15 CPU).
     */
    public List<String> startServices(List<ServiceSpec> services) throws RemoteCallException {
        StartServicesRequest.Builder request = StartServicesRequest.newBuilder();
        for (ServiceSpec s : services) {
            request.addServicesBuilder().setServiceId(s.serviceId()).setModelId(s.modelId())
                    .setDeadlineMs(s.deadlineMs());
        }
        return RemoteCalls.call(peer, "StartServices", () -> within(deadlines.gradient())
                .startServices(request.build())).getServiceIdsList();
    }

    public void stopServices() throws RemoteCallException {
        RemoteCalls.call(peer, "StopServices", () -> within(deadlines.control())
                .stopServices(StopServicesRequest.getDefaultInstance()));
    }

    /** The agent's metrics since the previous snapshot. */
    public MetricsSnapshot metrics() throws RemoteCallException {
        return RemoteCalls.call(peer, "GetMetrics", () -> within(deadlines.control())
                .getMetrics(MetricsRequest.getDefaultInstance()));
    }

    /** Asks the agent to stop; it answers first, then stops. */
    public void shutdown(String reason) throws RemoteCallException {
        RemoteCalls.call(peer, "Shutdown", () -> within(deadlines.control())
                .shutdown(ShutdownRequest.newBuilder().setReason(reason).build()));
    }

    private AgentServiceGrpc.AgentServiceBlockingStub within(Duration deadline) {
        return blocking.withDeadlineAfter(RemoteCalls.ms(deadline), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (ownsChannel) {
            Channels.close(channel);
        }
    }

    private GradientResult gradient(GradientRequest request, int parameterCount, double paramsEncodeMs)
            throws RemoteCallException {
        GradientReply reply = RemoteCalls.call(peer, "ComputeGradient",
                () -> within(deadlines.gradient()).computeGradient(request));
        if (reply.getIteration() != request.getIteration() || reply.getSampleCount() != request.getSampleCount()) {
            throw new RemoteCallException(peer, "ComputeGradient", Status.INTERNAL.withDescription(
                    "reply for iteration " + reply.getIteration() + " with " + reply.getSampleCount()
                            + " samples, expected iteration " + request.getIteration() + " with "
                            + request.getSampleCount()));
        }
        try {
            long decodeFrom = System.nanoTime();
            float[] gradient = FloatCodec.decode(reply.getGradientSum(), "gradient_sum", parameterCount);
            double decodeMs = (System.nanoTime() - decodeFrom) / 1e6;
            GradientResult.CallParts parts = callParts(reply, paramsEncodeMs, decodeMs);
            return new GradientResult(reply.getIteration(), reply.getParamsVersion(), reply.getSampleCount(),
                    gradient, reply.getLossSum(), reply.getComputeMs(), parts);
        } catch (StatusException e) {
            throw new RemoteCallException(peer, "ComputeGradient", Status.INTERNAL.withDescription(
                    "malformed reply: " + e.getStatus().getDescription()));
        }
    }

    /**
     * The parts of a gradient call from the agent's reply and the caller's own encoding and decoding times. An agent
     * always spends some time in its handler: 0 is an older agent's reply without the parts (before protocol 1.6),
     * NaN in each. A compute always costs its thread some CPU: 0 is an agent before 1.7 (or a JVM without thread
     * clocks), NaN in both CPU figures; the process's figure is NaN on its own where the agent could not read it
     * (-1). A CPU figure that is not a finite number counts as not reported: it would poison a run's sums.
     */
    static GradientResult.CallParts callParts(GradientReply reply, double paramsEncodeMs, double gradientDecodeMs) {
        boolean reported = reply.getHandlerMs() > 0;
        boolean cpuReported = reply.getComputeCpuMs() > 0 && Double.isFinite(reply.getComputeCpuMs());
        boolean processCpuReported = cpuReported && reply.getHandlerCpuMs() >= 0
                && Double.isFinite(reply.getHandlerCpuMs());
        return new GradientResult.CallParts(paramsEncodeMs,
                reported ? reply.getParamsDecodeMs() : Double.NaN,
                reported ? reply.getGradientEncodeMs() : Double.NaN,
                reported ? reply.getHandlerMs() : Double.NaN, gradientDecodeMs,
                cpuReported ? reply.getComputeCpuMs() : Double.NaN,
                processCpuReported ? reply.getHandlerCpuMs() : Double.NaN);
    }

    private static ByteString sha256(byte[] data) {
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
