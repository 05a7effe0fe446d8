package io.deepedge.hw.local;

import io.deepedge.hw.cgroup.CpuQuotas;
import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.ClientSecurity;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.TokenFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code --local} testbed: one agent process per configured device on 127.0.0.1, each on a free port, each
 * in its own cgroup with the device's CPU quota ({@link CpuQuotas}; thread limits only when cgroups are not
 * writable), all sharing a generated token (a 0600 file in the run's temporary folder).
 * {@link #start} returns once every agent answers Hello.
 *
 * <p>Everything is stopped and removed by {@link #close}, which also runs on failure and, from a shutdown hook,
 * on Ctrl-C and SIGTERM: each agent gets SIGTERM (it stops cleanly), then SIGKILL with its descendants after
 * {@link #STOP_GRACE}; then the cgroups and the temporary folder go. If this JVM is killed outright, each agent
 * reads the end of its standard input, stops, and removes its own cgroup (and the run's parent group, the last
 * one out); the run folder (token, logs) is removed by the next start in the same parent folder. {@link #kill} and {@link #restart} inject device failures.
 */
public final class LocalCluster implements AgentCluster {
    public static final String HOST = "127.0.0.1";
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** Start-up under a small quota is slow (BUILD-NOTES: the first ND4J op took 5-6.6 s at 0.25 cores). */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final System.Logger LOG = System.getLogger(LocalCluster.class.getName());

    /** One emulated device: its name and CPU quota in cores. */
    public record Device(String name, double cpus) {
        public Device {
            Objects.requireNonNull(name, "name");
            if (!(cpus >= CpuQuotas.MIN_CPUS) || Double.isInfinite(cpus)) {
                throw new IllegalArgumentException("device " + name + ": cpus " + cpus + ", expected at least "
                        + CpuQuotas.MIN_CPUS);
            }
        }
    }

    /**
     * How to run the cluster.
     *
     * @param runId names the run's cgroups and temporary folder
     * @param tempParent where the run's temporary folder is created
     * @param logDir where agents' logs go (kept); empty: in the temporary folder (removed with it)
     */
    public record Options(String runId, List<Device> devices, AgentLauncher launcher, Path tempParent,
                         Optional<Path> logDir, Duration readyTimeout) {
        public Options {
            devices = List.copyOf(devices);
            if (devices.isEmpty() || devices.stream().map(Device::name).distinct().count() != devices.size()) {
                throw new IllegalArgumentException("a local cluster needs devices with distinct names (" + devices + ")");
            }
        }

        /** Devices with the launcher, in the system's temporary folder, logs removed at the end. */
        public static Options of(String runId, List<Device> devices, AgentLauncher launcher) {
            return new Options(runId, devices, launcher, Path.of(System.getProperty("java.io.tmpdir")), Optional.empty(),
                    DEFAULT_READY_TIMEOUT);
        }
    }

    /** A running agent: where to reach it, and what it runs under. */
    public record Agent(String name, double cpus, String host, int port, long pid, Optional<Path> cgroupDir)
            implements Endpoint {
    }

    private final Options options;
    private final Path tempDir;
    private final Path tokenFile;
    private final Token token;
    private final CpuQuotas quotas;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private boolean closed;

    /** A device's current process and what it was started with. */
    private static final class Slot {
        final Device device;
        final CpuQuotas.Group group;
        AgentProcess process;
        Agent agent;
        int incarnation;

        Slot(Device device, CpuQuotas.Group group) {
            this.device = device;
            this.group = group;
        }
    }

    private LocalCluster(Options options, Path tempDir, Path tokenFile, Token token, CpuQuotas quotas) {
        this.options = options;
        this.tempDir = tempDir;
        this.tokenFile = tokenFile;
        this.token = token;
        this.quotas = quotas;
        this.shutdownHook = new Thread(this::close, "local-cluster-shutdown");
    }

    /** Starts the agents under cgroup quotas (thread limits when cgroups are not writable). */
    public static LocalCluster start(Options options) throws IOException, InterruptedException {
        return start(options, CpuQuotas.open(options.runId()));
    }

    /** Starts the agents under {@code quotas}, which the cluster closes with itself. */
    public static LocalCluster start(Options options, CpuQuotas quotas) throws IOException, InterruptedException {
        Path temp;
        try {
            RunFolders.sweepStale(options.tempParent());
            temp = RunFolders.create(options.tempParent(), safe(options.runId()));
        } catch (IOException | RuntimeException e) {
            quotas.close();
            throw e;
        }
        LocalCluster cluster = null;
        try {
            Path tokenFile = TokenFile.generate(temp);
            Token token = TokenFile.read(tokenFile).token();
            cluster = new LocalCluster(options, temp, tokenFile, token, quotas);
            Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
            cluster.launchAll();
            return cluster;
        } catch (TokenFile.InvalidTokenFileException e) {
            abandon(cluster, quotas, temp);
            throw new IOException("the generated token cannot be read back: " + e.getMessage(), e);
        } catch (IOException | InterruptedException | RuntimeException e) {
            abandon(cluster, quotas, temp);
            throw e;
        }
    }

    private static void abandon(LocalCluster cluster, CpuQuotas quotas, Path temp) {
        if (cluster != null) {
            cluster.close();
        } else {
            quotas.close();
            RunFolders.deleteTree(temp);
        }
    }

    private void launchAll() throws IOException, InterruptedException {
        for (Device d : options.devices()) {
            Slot slot = new Slot(d, quotas.create(d.name(), d.cpus()));
            synchronized (this) {
                slots.put(d.name(), slot);
            }
            launch(slot);
        }
        for (Slot slot : slots.values()) {
            awaitReady(slot);
        }
    }

    /** The shared token (for the coordinator's clients and load generators). */
    @Override
    public Token token() {
        return token;
    }

    /** Plaintext: the agents listen on 127.0.0.1 only, and the token authenticates every call. */
    @Override
    public ClientSecurity security() {
        return ClientSecurity.plaintext();
    }

    /** The run's temporary folder (0700; the token file is in it). */
    @Override
    public Path workDir() {
        return tempDir;
    }

    /** The token file (0600, in the run's temporary folder). */
    public Path tokenFile() {
        return tokenFile;
    }

    /** How the quotas are enforced (the manifest records it, with {@link CpuQuotas#warning()}). */
    public CpuQuotas quotas() {
        return quotas;
    }

    /** The agents in device order, as currently running (a killed one keeps its last address). */
    public synchronized List<Agent> agents() {
        return slots.values().stream().map(s -> s.agent).toList();
    }

    @Override
    public synchronized Agent agent(String device) {
        return slot(device).agent;
    }

    public synchronized boolean alive(String device) {
        AgentProcess p = slot(device).process;
        return p != null && p.alive();
    }

    /** Kills the device's agent with SIGKILL (a crash) and waits until it is gone; its cgroup stays. */
    public void kill(String device) throws InterruptedException {
        AgentProcess p;
        synchronized (this) {
            p = slot(device).process;
        }
        if (p == null) {
            throw new IllegalStateException("agent " + device + " was never started");
        }
        p.kill();
        LOG.log(System.Logger.Level.INFO, "agent {0} (pid {1}) killed", device, p.pid());
    }

    /** Starts the device's agent again (stopping it first if it runs) and waits until it answers; a new port. */
    public Agent restart(String device) throws IOException, InterruptedException {
        Slot slot;
        synchronized (this) {
            slot = slot(device);
            requireOpen();
        }
        if (slot.process != null && slot.process.alive()) {
            slot.process.awaitOrKill(slot.process.terminate(), System.nanoTime() + STOP_GRACE.toNanos());
        }
        // the stopped agent removed its own group (and the run's, if it was the last): make them again
        quotas.create(device, slot.device.cpus());
        launch(slot);
        awaitReady(slot);
        return slot.agent;
    }

    /** Stops every agent (SIGTERM, then SIGKILL after the grace), removes the cgroups and the temporary folder. */
    @Override
    public void close() {
        List<Slot> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(slots.values());
        }
        stopAll(all);
        quotas.close();
        RunFolders.deleteTree(tempDir);
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs (or ran) close itself
            }
        }
    }

    private void stopAll(List<Slot> all) {
        Map<AgentProcess, List<ProcessHandle>> families = new LinkedHashMap<>();
        for (Slot s : all) {
            if (s.process != null) {
                families.put(s.process, s.process.terminate());
            }
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Map.Entry<AgentProcess, List<ProcessHandle>> e : families.entrySet()) {
            try {
                e.getKey().awaitOrKill(e.getValue(), deadline);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                e.getKey().terminate();
            }
        }
    }

    private void launch(Slot slot) throws IOException {
        Device d = slot.device;
        int n = ++slot.incarnation;
        Path portFile = tempDir.resolve(safe(d.name()) + "." + n + ".port");
        Path log = options.logDir().orElse(tempDir).resolve("agent-" + safe(d.name()) + ".log");
        CpuQuotas.Group group = slot.group;
        List<String> command = options.launcher().command(new AgentLauncher.Launch(d.name(), d.cpus(), tokenFile,
                portFile, group.dir()));
        AgentProcess p = AgentProcess.start(d.name(), command, CpuQuotas.threadEnvironment(d.cpus()), portFile, log);
        boolean lateForClose;
        synchronized (this) {
            // a close() (Ctrl-C during start) that already stopped the others must not miss this one
            lateForClose = closed;
            if (!lateForClose) {
                slot.process = p;
            }
        }
        if (lateForClose) {
            try {
                p.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the local cluster was closed while agent " + d.name() + " started");
        }
        try {
            quotas.moveIn(group, p.pid());
        } catch (IOException e) {
            try {
                p.kill();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("agent " + d.name() + ": cannot move pid " + p.pid() + " into its cgroup "
                    + group.dir().orElseThrow() + " (" + e.getMessage() + ")", e);
        }
    }

    private void awaitReady(Slot slot) throws IOException, InterruptedException {
        long start = System.nanoTime();
        int port = slot.process.awaitPort(options.readyTimeout());
        Duration left = options.readyTimeout().minusNanos(System.nanoTime() - start);
        try (AgentClient client = AgentClient.connect(HOST, port, token,
                CallDeadlines.defaults().withControl(left.isNegative() ? Duration.ofSeconds(1) : left),
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES)) {
            client.hello("local-cluster");
        } catch (RemoteCallException e) {
            throw new IOException("agent " + slot.device.name() + " on port " + port + " does not answer: "
                    + e.getMessage(), e);
        }
        synchronized (this) {
            slot.agent = new Agent(slot.device.name(), slot.device.cpus(), HOST, port, slot.process.pid(),
                    slot.group.dir());
        }
        LOG.log(System.Logger.Level.INFO, "agent {0} ready on {1}:{2,number,#} (pid {3,number,#})", slot.device.name(),
                HOST, port, slot.process.pid());
    }

    @Override
    public synchronized java.util.Optional<io.deepedge.models.CfsCounts> cfsCounts(String device) {
        return slot(device).group.cfsCounts();
    }

    private Slot slot(String device) {
        Slot s = slots.get(device);
        if (s == null) {
            throw new IllegalArgumentException("no device " + device + " in this cluster (" + slots.keySet() + ")");
        }
        return s;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the local cluster is closed");
        }
    }

    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
