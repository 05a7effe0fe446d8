package io.deepedge.hw.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.CoordinatorClient;
import io.deepedge.hw.rpc.ProtocolVersions;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.TokenAuthInterceptor;
import io.deepedge.hw.rpc.v1.CoordinatorServiceGrpc;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.hw.rpc.v1.HeartbeatReply;
import io.deepedge.hw.rpc.v1.HeartbeatRequest;
import io.deepedge.hw.rpc.v1.MetricsAck;
import io.deepedge.hw.rpc.v1.MetricsReport;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ProtocolVersion;
import io.deepedge.hw.rpc.v1.RegisterReply;
import io.deepedge.hw.rpc.v1.RegisterRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agent-to-coordinator calls against a fake coordinator on an in-process server. */
class CoordinatorLinkTest {
    private static final Token TOKEN = Token.of("coordinator-test-token-0123456789");
    private static final DeviceInfo DEVICE = DeviceInfo.newBuilder().setName("nano-1").setCores(4).build();

    private final FakeCoordinator fake = new FakeCoordinator();
    private Server server;
    private ManagedChannel channel;

    /** Registers agents as agent-1, agent-2, ...; can forget them, hang, or answer with another version. */
    private static final class FakeCoordinator extends CoordinatorServiceGrpc.CoordinatorServiceImplBase {
        final AtomicInteger registrations = new AtomicInteger();
        final List<String> known = new CopyOnWriteArrayList<>();
        final List<MetricsReport> reports = new CopyOnWriteArrayList<>();
        final CountDownLatch heartbeats = new CountDownLatch(2);
        final CountDownLatch reported = new CountDownLatch(1);
        final CountDownLatch registeredTwice = new CountDownLatch(2);
        final CountDownLatch release = new CountDownLatch(1);
        volatile ProtocolVersion replyVersion = ProtocolVersions.current();
        volatile boolean hang;

        @Override
        public void register(RegisterRequest request, StreamObserver<RegisterReply> reply) {
            var refusal = ProtocolVersions.refusal(request.hasVersion(), request.getVersion());
            if (refusal.isPresent()) {
                reply.onError(refusal.get().asException());
                return;
            }
            awaitRelease();
            String id = "agent-" + registrations.incrementAndGet();
            known.add(id);
            registeredTwice.countDown();
            reply.onNext(RegisterReply.newBuilder().setVersion(replyVersion).setAgentId(id)
                    .setHeartbeatIntervalMs(10).setMetricsIntervalMs(10).build());
            reply.onCompleted();
        }

        @Override
        public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatReply> reply) {
            heartbeats.countDown();
            reply.onNext(HeartbeatReply.newBuilder().setRegistered(known.contains(request.getAgentId())).build());
            reply.onCompleted();
        }

        @Override
        public void reportMetrics(MetricsReport request, StreamObserver<MetricsAck> reply) {
            reports.add(request);
            reported.countDown();
            reply.onNext(MetricsAck.getDefaultInstance());
            reply.onCompleted();
        }

        private void awaitRelease() {
            if (hang) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(fake, new TokenAuthInterceptor(TOKEN))).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws Exception {
        fake.release.countDown();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private CoordinatorClient client(Token token, CallDeadlines deadlines) {
        return CoordinatorClient.over(channel, "coordinator", token, deadlines);
    }

    @Test
    void linkRegistersHeartbeatsAndReportsMetrics() throws Exception {
        MetricsSnapshot snapshot = MetricsSnapshot.newBuilder().setAgentName("nano-1").setGradientsComputed(3).build();
        try (CoordinatorLink link = new CoordinatorLink(client(TOKEN, CallDeadlines.defaults()), DEVICE,
                "127.0.0.1:7000", () -> snapshot)) {
            assertEquals("agent-1", link.start().getAgentId());
            assertTrue(fake.heartbeats.await(30, TimeUnit.SECONDS));
            assertTrue(fake.reported.await(30, TimeUnit.SECONDS));
        }
        MetricsReport first = fake.reports.get(0);
        assertEquals("agent-1", first.getAgentId());
        assertEquals(3, first.getMetrics().getGradientsComputed());
    }

    @Test
    void linkRegistersAgainWhenTheCoordinatorForgotIt() throws Exception {
        try (CoordinatorLink link = new CoordinatorLink(client(TOKEN, CallDeadlines.defaults()), DEVICE,
                "127.0.0.1:7000", MetricsSnapshot::getDefaultInstance)) {
            link.start();
            fake.known.clear();
            assertTrue(fake.registeredTwice.await(30, TimeUnit.SECONDS));
        }
        assertTrue(fake.registrations.get() >= 2);
    }

    @Test
    void coordinatorOfAnotherMajorVersionIsRefused() {
        fake.replyVersion = ProtocolVersion.newBuilder().setMajor(ProtocolVersions.MAJOR + 1).build();
        RemoteCallException e = assertThrows(RemoteCallException.class,
                () -> client(TOKEN, CallDeadlines.defaults()).register(DEVICE, "127.0.0.1:7000"));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.code());
    }

    @Test
    void wrongTokenIsUnauthenticated() {
        RemoteCallException e = assertThrows(RemoteCallException.class,
                () -> client(Token.of("wrong-token-0123456789"), CallDeadlines.defaults()).heartbeat("agent-1", 1));
        assertEquals(Status.Code.UNAUTHENTICATED, e.code());
    }

    @Test
    void silentCoordinatorExceedsTheDeadline() {
        fake.hang = true;
        CoordinatorClient impatient = client(TOKEN, CallDeadlines.defaults().withControl(Duration.ofMillis(100)));
        RemoteCallException e = assertThrows(RemoteCallException.class, () -> impatient.register(DEVICE, "a:1"));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.code());
        assertTrue(e.peerUnreachable());
    }
}
