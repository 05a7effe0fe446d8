package io.deepedge.hw.coordinator;

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
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's side of the agent-to-coordinator protocol: agents register (by device name) and heartbeat;
 * a registered agent silent for longer than the heartbeat timeout is lost, and an agent that registers again
 * (a restarted process, on a new address) is back. Listener calls come in order on one thread of their own.
 * Until {@link #token} is set (the local cluster generates it while its agents start) calls are answered
 * UNAVAILABLE, which agents retry, rather than UNAUTHENTICATED, which would stop them.
 */
public final class AgentRegistry implements AutoCloseable {
    /** Heartbeat silence that marks a device lost when the job gives no {@code heartbeatTimeoutSec}. */
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(3);
    private static final System.Logger LOG = System.getLogger(AgentRegistry.class.getName());

    /** What the coordinator hears of its agents. */
    public interface Listener {
        void lost(String device);

        /** The device's agent registered again after it was lost (or from a new process): reachable at host:port. */
        void back(String device, String host, int port);
    }

    private static final class Entry {
        final String agentId;
        final String address;
        long lastNanos;
        boolean up = true;

        Entry(String agentId, String address, long lastNanos) {
            this.agentId = agentId;
            this.address = address;
            this.lastNanos = lastNanos;
        }
    }

    private final Set<String> devices;
    private final long silenceNanos;
    private final int heartbeatMs;
    private final Map<String, Entry> entries = new HashMap<>();
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> daemon(r, "agent-registry-events"));
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "agent-registry-watchdog"));
    private volatile Token token;
    private volatile Listener listener;
    private Server server;
    private long sequence;

    private AgentRegistry(Set<String> devices, Duration silence) {
        this.devices = Set.copyOf(devices);
        this.silenceNanos = silence.toNanos();
        this.heartbeatMs = (int) Math.max(50, Math.min(250, silence.toMillis() / 4));
    }

    /** Serves on a free port of 127.0.0.1; a device silent for {@code silence} is lost. */
    public static AgentRegistry start(Set<String> devices, Duration silence) throws IOException {
        AgentRegistry r = new AgentRegistry(devices, silence);
        r.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(r.new Service(), r.new LateToken()))
                .build().start();
        r.watchdog.scheduleWithFixedDelay(r::checkSilence, 100, 100, TimeUnit.MILLISECONDS);
        return r;
    }

    public int port() {
        return server.getPort();
    }

    /** Every call from now on must carry {@code t}. */
    public void token(Token t) {
        token = t;
    }

    public void listener(Listener l) {
        listener = l;
    }

    /** Whether the device counts as up: not lost since its last registration (up before its first one). */
    public synchronized boolean up(String device) {
        Entry e = entries.get(device);
        return e == null || e.up;
    }

    /**
     * A call to the device failed as if it were gone: it is declared lost when the heartbeat timeout since its
     * last heartbeat has passed (at once with {@code timeoutSec} 0), as the simulator's barrier notices a failed
     * device {@code heartbeatTimeoutSec} after it failed. Blocks until then; returns at once if it is lost already.
     */
    public void declareLost(String device, double timeoutSec) throws InterruptedException {
        long waitUntil;
        Entry e;
        synchronized (this) {
            e = entries.get(device);
            if (e != null && !e.up) {
                return;
            }
            waitUntil = e == null ? System.nanoTime() : e.lastNanos + (long) (timeoutSec * 1e9);
        }
        long left = waitUntil - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        markLost(device, e);
    }

    private void markLost(String device, Entry expected) {
        synchronized (this) {
            Entry e = entries.get(device);
            if (e != expected || e != null && !e.up) {
                return;
            }
            if (e == null) {
                entries.put(device, lostPlaceholder());
            } else {
                e.up = false;
            }
        }
        LOG.log(System.Logger.Level.INFO, "agent {0} lost", device);
        notify(l -> l.lost(device));
    }

    private Entry lostPlaceholder() {
        Entry e = new Entry("", "", System.nanoTime());
        e.up = false;
        return e;
    }

    private void checkSilence() {
        long now = System.nanoTime();
        Map<String, Entry> silent = new HashMap<>();
        synchronized (this) {
            entries.forEach((name, e) -> {
                if (e.up && now - e.lastNanos > silenceNanos) {
                    silent.put(name, e);
                }
            });
        }
        silent.forEach(this::markLost);
    }

    private void notify(java.util.function.Consumer<Listener> event) {
        callbacks.execute(() -> {
            Listener l = listener;
            if (l != null) {
                try {
                    event.accept(l);
                } catch (RuntimeException ex) {
                    LOG.log(System.Logger.Level.ERROR, "agent registry listener failed", ex);
                }
            }
        });
    }

    private RegisterReply register(RegisterRequest request) {
        String name = request.getDevice().getName();
        String address = request.getAgentAddress();
        boolean lostFirst;
        boolean back;
        String id;
        synchronized (this) {
            Entry old = entries.get(name);
            // a new process on another address: the old one is gone even if the timeout has not noticed yet
            lostFirst = old != null && old.up && !old.address.equals(address);
            back = old != null && (!old.up || lostFirst);
            id = name + "#" + (++sequence);
            entries.put(name, new Entry(id, address, System.nanoTime()));
        }
        if (lostFirst) {
            notify(l -> l.lost(name));
        }
        if (back) {
            int colon = address.lastIndexOf(':');
            String host = address.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(address.substring(colon + 1));
            LOG.log(System.Logger.Level.INFO, "agent {0} back on {1}", name, address);
            notify(l -> l.back(name, host, port));
        }
        return RegisterReply.newBuilder().setVersion(ProtocolVersions.current()).setAgentId(id)
                .setHeartbeatIntervalMs(heartbeatMs).setMetricsIntervalMs(0).build();
    }

    private synchronized boolean heartbeat(String agentId) {
        for (Entry e : entries.values()) {
            if (e.agentId.equals(agentId) && e.up) {
                e.lastNanos = System.nanoTime();
                return true;
            }
        }
        // unknown, or lost meanwhile: the agent registers again, which brings it back
        return false;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        callbacks.shutdownNow();
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private final class Service extends CoordinatorServiceGrpc.CoordinatorServiceImplBase {
        @Override
        public void register(RegisterRequest request, StreamObserver<RegisterReply> reply) {
            Optional<Status> refusal = ProtocolVersions.refusal(request.hasVersion(), request.getVersion());
            if (refusal.isPresent()) {
                reply.onError(refusal.get().asException());
                return;
            }
            if (!devices.contains(request.getDevice().getName())) {
                reply.onError(Status.INVALID_ARGUMENT.withDescription("device.name: not a device of this run ("
                        + request.getDevice().getName() + "), expected one of " + devices).asException());
                return;
            }
            reply.onNext(AgentRegistry.this.register(request));
            reply.onCompleted();
        }

        @Override
        public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatReply> reply) {
            reply.onNext(HeartbeatReply.newBuilder().setRegistered(AgentRegistry.this.heartbeat(request.getAgentId()))
                    .build());
            reply.onCompleted();
        }

        @Override
        public void reportMetrics(MetricsReport request, StreamObserver<MetricsAck> reply) {
            reply.onNext(MetricsAck.getDefaultInstance());
            reply.onCompleted();
        }
    }

    /** The token check, once the token is known; UNAVAILABLE (agents retry) before. */
    private final class LateToken implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                            ServerCallHandler<Q, R> next) {
            Token t = token;
            if (t == null) {
                call.close(Status.UNAVAILABLE.withDescription("the coordinator is starting; retry"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            return new TokenAuthInterceptor(t).interceptCall(call, headers, next);
        }
    }
}
