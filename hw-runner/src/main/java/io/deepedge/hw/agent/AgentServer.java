package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.ServerSecurity;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.TokenAuthInterceptor;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A running device agent: the {@code AgentService} behind the token check, on a TCP address. Start it with
 * {@link #start}; it runs until {@link #close} or a Shutdown call, which {@link #awaitTermination} waits for.
 */
public final class AgentServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentServer.class.getName());

    private final Server server;
    private final AgentServerConfig config;
    private final AgentService service;

    private AgentServer(Server server, AgentServerConfig config, AgentService service) {
        this.server = server;
        this.config = config;
        this.service = service;
    }

    /**
     * The agent's service with the token check in front, for any gRPC server (the in-process one in tests).
     * {@code onShutdown} runs after a Shutdown call was answered.
     */
    public static ServerServiceDefinition service(Token token, DeviceInfo device, long maxShardBytes,
                                                  ShardLoader loader, InferenceHost host, Runnable onShutdown) {
        return guarded(token, new AgentService(device, maxShardBytes, loader, host, onShutdown));
    }

    private static ServerServiceDefinition guarded(Token token, AgentService service) {
        return ServerInterceptors.intercept(service, new TokenAuthInterceptor(token));
    }

    /** Binds {@code config}'s address and port and starts serving; IOException when the port is taken. */
    public static AgentServer start(AgentServerConfig config, Token token, DeviceInfo device, ShardLoader loader,
                                    InferenceHost host) throws IOException {
        return start(config, token, device, loader, host, ServerSecurity.plaintext());
    }

    /** As {@link #start(AgentServerConfig, Token, DeviceInfo, ShardLoader, InferenceHost)}, plaintext or TLS. */
    public static AgentServer start(AgentServerConfig config, Token token, DeviceInfo device, ShardLoader loader,
                                    InferenceHost host, ServerSecurity security) throws IOException {
        AgentServer[] self = new AgentServer[1];
        Runnable stopLater = () -> {
            Thread stopper = new Thread(() -> self[0].close(), "agent-shutdown");
            stopper.setDaemon(true);
            stopper.start();
        };
        AgentService service = new AgentService(device, config.maxShardBytes(), loader, host, stopLater);
        Server server = NettyServerBuilder
                .forAddress(new InetSocketAddress(config.bindAddress(), config.port()), security.credentials())
                .maxInboundMessageSize(config.maxInboundBytes())
                .addService(guarded(token, service))
                .build();
        self[0] = new AgentServer(server, config, service);
        server.start();
        LOG.log(System.Logger.Level.INFO, "agent {0} serving on {1}:{2,number,#} ({3})", config.name(),
                config.bindAddress(), server.getPort(), security.describe());
        return self[0];
    }

    /** The port bound (the free one chosen when the config said 0). */
    public int port() {
        return server.getPort();
    }

    public String bindAddress() {
        return config.bindAddress();
    }

    /** The metrics window since the previous snapshot (for {@link CoordinatorLink}'s reports). */
    public MetricsSnapshot drainMetrics() {
        return service.drainMetrics();
    }

    /** Blocks until the agent stopped (a Shutdown call or {@link #close}). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    public boolean isTerminated() {
        return server.isTerminated();
    }

    /** Stops accepting calls, lets calls in flight finish for the drain timeout, then cancels the rest. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops at once: calls in flight end with an error at their callers. */
    public void kill() {
        server.shutdownNow();
    }
}
