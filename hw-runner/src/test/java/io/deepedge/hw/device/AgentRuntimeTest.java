package io.deepedge.hw.device;

import io.deepedge.hw.rpc.ProtocolVersions;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.TokenAuthInterceptor;
import io.deepedge.hw.rpc.v1.CoordinatorServiceGrpc;
import io.deepedge.hw.rpc.v1.HeartbeatReply;
import io.deepedge.hw.rpc.v1.HeartbeatRequest;
import io.deepedge.hw.rpc.v1.MetricsAck;
import io.deepedge.hw.rpc.v1.MetricsReport;
import io.deepedge.hw.rpc.v1.RegisterReply;
import io.deepedge.hw.rpc.v1.RegisterRequest;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent runtime with {@code --coordinator}: it registers, heartbeats and reports metrics, over TCP. */
class AgentRuntimeTest {
    private static final String TOKEN = "agent-runtime-test-token-0123456789";

    @TempDir
    Path tmp;

    /** Registers every agent, asks for heartbeats and metrics every 20 ms. */
    private static final class Coordinator extends CoordinatorServiceGrpc.CoordinatorServiceImplBase {
        final List<RegisterRequest> registered = new CopyOnWriteArrayList<>();
        final CountDownLatch heartbeats = new CountDownLatch(3);
        final CountDownLatch reports = new CountDownLatch(2);

        @Override
        public void register(RegisterRequest request, StreamObserver<RegisterReply> reply) {
            registered.add(request);
            reply.onNext(RegisterReply.newBuilder().setVersion(ProtocolVersions.current()).setAgentId("a-1")
                    .setHeartbeatIntervalMs(20).setMetricsIntervalMs(20).build());
            reply.onCompleted();
        }

        @Override
        public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatReply> reply) {
            heartbeats.countDown();
            reply.onNext(HeartbeatReply.newBuilder().setRegistered(request.getAgentId().equals("a-1")).build());
            reply.onCompleted();
        }

        @Override
        public void reportMetrics(MetricsReport request, StreamObserver<MetricsAck> reply) {
            reports.countDown();
            reply.onNext(MetricsAck.getDefaultInstance());
            reply.onCompleted();
        }
    }

    private Server coordinator(Coordinator impl, String token) throws Exception {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(impl, new TokenAuthInterceptor(Token.of(token)))).build().start();
    }

    private AgentOptions options(int coordinatorPort) throws Exception {
        Path tokenFile = Files.writeString(tmp.resolve("agent.token"), TOKEN);
        return new AgentOptions("runtime-test", "127.0.0.1", 0, tokenFile, Optional.of("127.0.0.1:" + coordinatorPort),
                false, Optional.empty(), Optional.empty());
    }

    @Test
    void anAgentRegistersWithItsAddressThenHeartbeatsAndReports() throws Exception {
        Coordinator impl = new Coordinator();
        Server server = coordinator(impl, TOKEN);
        AgentRuntime agent = null;
        try {
            AgentOptions options = options(server.getPort());
            assertEquals(List.of(), options.problems());
            agent = AgentRuntime.start(options, Token.of(TOKEN), new PrintWriter(new StringWriter()));
            assertTrue(impl.heartbeats.await(30, TimeUnit.SECONDS), "heartbeats arrive");
            assertTrue(impl.reports.await(30, TimeUnit.SECONDS), "metrics arrive");
            RegisterRequest first = impl.registered.get(0);
            assertEquals("runtime-test", first.getDevice().getName());
            assertEquals("127.0.0.1:" + agent.port(), first.getAgentAddress());
            assertEquals(ProtocolVersions.MAJOR, first.getVersion().getMajor());
        } finally {
            if (agent != null) {
                agent.close();
            }
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAgentTheCoordinatorRefusesStopsWithExitCode1() throws Exception {
        Server server = coordinator(new Coordinator(), "another-token-for-the-coordinator");
        try {
            AgentRuntime agent = AgentRuntime.start(options(server.getPort()), Token.of(TOKEN),
                    new PrintWriter(new StringWriter()));
            assertEquals(1, agent.awaitStop());
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
