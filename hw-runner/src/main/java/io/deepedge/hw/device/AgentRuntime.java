package io.deepedge.hw.device;

import io.deepedge.hw.agent.AgentServer;
import io.deepedge.hw.agent.AgentServerConfig;
import io.deepedge.hw.agent.CoordinatorLink;
import io.deepedge.hw.agent.DeviceProbe;
import io.deepedge.hw.agent.ShardLoader;
import io.deepedge.hw.cgroup.CpuQuotas;
import io.deepedge.hw.cluster.LauncherPipe;
import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.CoordinatorClient;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.ServerSecurity;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.hw.train.BaseModelCache;
import io.deepedge.hw.train.Nd4jSetup;
import io.grpc.Status;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A running device agent with the DL4J worker and LC services: what {@code ./deepedge agent} starts. It serves
 * until a Shutdown call, {@link #close}, SIGTERM / Ctrl-C (a shutdown hook stops it cleanly), or, with
 * {@code --exit-on-stdin-eof}, the end of its standard input (the pipe of a launcher that died).
 */
public final class AgentRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentRuntime.class.getName());
    /** How long an agent given {@code --cgroup} waits for its launcher to move it in before it measures itself. */
    private static final long CGROUP_WAIT_MS = 10_000;
    private static final long REGISTER_RETRY_MS = 2_000;

    private final AgentOptions options;
    private final AgentServer server;
    private final Dl4jInferenceHost host;
    private final CoordinatorClient coordinator;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private volatile CoordinatorLink link;
    private volatile int exitCode;

    private AgentRuntime(AgentOptions options, AgentServer server, Dl4jInferenceHost host,
                         CoordinatorClient coordinator) {
        this.options = options;
        this.server = server;
        this.host = host;
        this.coordinator = coordinator;
        this.shutdownHook = new Thread(this::close, "agent-shutdown-hook");
    }

    /**
     * Starts the agent: ND4J loaded and limited to the quota's threads, the server bound, the port file written,
     * the coordinator registration started. Prints one line to {@code out} (never the token).
     */
    public static AgentRuntime start(AgentOptions options, Token token, PrintWriter out) throws IOException {
        return start(options, token, ServerSecurity.plaintext(), out);
    }

    /** As {@link #start(AgentOptions, Token, PrintWriter)}, serving plaintext, TLS or mutual TLS. */
    public static AgentRuntime start(AgentOptions options, Token token, ServerSecurity security, PrintWriter out)
            throws IOException {
        return start(options, token, security, new Dl4jShardLoader(), out);
    }

    /** As {@link #start(AgentOptions, Token, ServerSecurity, PrintWriter)} with another shard loader (benchmarks). */
    public static AgentRuntime start(AgentOptions options, Token token, ServerSecurity security, ShardLoader loader,
                                     PrintWriter out) throws IOException {
        options.cgroupDir().ifPresent(AgentRuntime::awaitCgroup);
        Nd4jSetup.configure();
        DeviceInfo device = DeviceProbe.probe(options.name());
        int threads = limitThreads(device);
        Dl4jInferenceHost host = new Dl4jInferenceHost(new ServiceModels(28, 28, FashionMnist.CLASSES,
                BaseModelCache.defaultDir()), memoized(AgentRuntime::serviceImages));
        AgentServerConfig config = AgentServerConfig.loopback(options.name(), options.port())
                .withBindAddress(options.bindAddress());
        AgentServer server = AgentServer.start(config, token, device, loader, host, security);
        CoordinatorClient coordinator = options.coordinator().map(c -> CoordinatorClient.connect(
                options.coordinatorHost().orElseThrow(), options.coordinatorPort().orElseThrow(), token,
                CallDeadlines.defaults())).orElse(null);
        AgentRuntime agent = new AgentRuntime(options, server, host, coordinator);
        Runtime.getRuntime().addShutdownHook(agent.shutdownHook);
        if (options.portFile().isPresent()) {
            writePortFile(options.portFile().get(), server.port());
        }
        out.printf(Locale.ROOT, "agent %s serving on %s:%d (protocol 1.x; %s; %d OpenMP thread%s; %s)%n",
                options.name(), options.bindAddress(), server.port(), security.describe(), threads,
                threads == 1 ? "" : "s",
                device.getCpuQuotaCores() > 0 ? "CPU quota " + device.getCpuQuotaCores() + " cores" : "no CPU quota");
        out.flush();
        if (coordinator != null) {
            agent.startRegistering(device);
        }
        if (options.exitOnStdinEof()) {
            agent.watchStdin(System.in);
        }
        return agent;
    }

    public int port() {
        return server.port();
    }

    /** Blocks until the agent stopped; returns the exit code (0, or 1 when the coordinator refused it). */
    public int awaitStop() throws InterruptedException {
        server.awaitTermination();
        close();
        return exitCode;
    }

    /** Stops the coordinator link, the LC services and the server, then leaves the cgroup; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CoordinatorLink l = link;
        if (l != null) {
            l.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
        host.stop();
        server.close();
        options.cgroupDir().ifPresent(d -> LOG.log(System.Logger.Level.INFO, CpuQuotas.leaveAndRemove(d)));
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    /**
     * OpenMP threads: OMP_NUM_THREADS when set (a launcher set it from the quota), else from the quota this
     * process is under (ND4J ignores quotas), else the cores. Also loads ND4J now, so the first request does not
     * pay for it.
     */
    private static int limitThreads(DeviceInfo device) {
        int threads = device.getCpuQuotaCores() > 0 ? CpuQuotas.ompThreads(device.getCpuQuotaCores())
                : Math.max(1, device.getCores());
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null && !env.isBlank()) {
            try {
                threads = Math.max(1, Integer.parseInt(env.trim()));
            } catch (NumberFormatException e) {
                LOG.log(System.Logger.Level.WARNING, "OMP_NUM_THREADS={0} is not a number; using {1} threads", env, threads);
            }
        }
        Nd4jSetup.limitThreads(threads);
        return threads;
    }

    /** Waits until a launcher has moved this process into {@code dir}, so the quota probe sees the quota. */
    private static void awaitCgroup(Path dir) {
        String pid = Long.toString(ProcessHandle.current().pid());
        long deadline = System.nanoTime() + CGROUP_WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readAllLines(dir.resolve("cgroup.procs")).stream().anyMatch(l -> l.trim().equals(pid))) {
                    return;
                }
                Thread.sleep(20);
            } catch (IOException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.log(System.Logger.Level.WARNING, "not moved into cgroup {0} within {1} ms; going on", dir, CGROUP_WAIT_MS);
    }

    private static LabelledImages serviceImages() {
        try {
            return FashionMnist.subset().test();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** Written to a temporary name and renamed: a launcher polling for the file never reads half a number. */
    private static void writePortFile(Path file, int port) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
        try {
            Files.writeString(partial, port + "\n");
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void startRegistering(DeviceInfo device) {
        String address = advertisedHost() + ":" + server.port();
        Thread t = new Thread(() -> {
            while (!closed.get()) {
                CoordinatorLink candidate = new CoordinatorLink(coordinator, device, address, server::drainMetrics);
                try {
                    candidate.start();
                    link = candidate;
                    return;
                } catch (RemoteCallException e) {
                    candidate.close();
                    if (e.code() == Status.Code.FAILED_PRECONDITION || e.code() == Status.Code.UNAUTHENTICATED) {
                        LOG.log(System.Logger.Level.ERROR, "the coordinator refused this agent: {0}", e.getMessage());
                        exitCode = 1;
                        server.close();
                        return;
                    }
                    LOG.log(System.Logger.Level.WARNING, "registering failed, retrying in {0} ms: {1}",
                            REGISTER_RETRY_MS, e.getMessage());
                }
                try {
                    Thread.sleep(REGISTER_RETRY_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "coordinator-register");
        t.setDaemon(true);
        t.start();
    }

    private String advertisedHost() {
        try {
            InetAddress bound = InetAddress.getByName(options.bindAddress());
            return bound.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostAddress() : options.bindAddress();
        } catch (IOException e) {
            return options.bindAddress();
        }
    }

    /** Stops the agent when standard input ends: the launcher that holds the other end of the pipe is gone. */
    private void watchStdin(InputStream in) {
        LauncherPipe.onEnd(in, "stdin-watch", () -> {
            LOG.log(System.Logger.Level.INFO, "standard input closed: stopping");
            server.close();
        });
    }

    /** The options this agent runs with. */
    public AgentOptions options() {
        return options;
    }
}
