package io.deepedge.hw.local;

import io.deepedge.hw.train.NativeCallSafety;
import io.deepedge.hw.train.Nd4jSetup;
import io.deepedge.models.HostProbe;
import io.deepedge.models.HostProbeStep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The testbed's host-speed probe ({@link HostProbeMain}) as processes of their own on this machine, outside the
 * agents' CPU quotas as the coordinator is: one pinned to each CPU this JVM may use (with {@code taskset}), since on a
 * virtual machine each CPU changes speed on its own (2026-12-06: the same LeNet step took 36-37 ms on one CPU and
 * 46-52 ms on the other at once, each switching between the two every 10-60 s), and an agent's threads run on either
 * (at most {@link #MAX_PROBES}, spread over the CPUs of a larger machine); one unpinned process where there is one CPU
 * or no {@code taskset} ({@link #pinnedCpus} is then empty). Their lines
 * are stamped with this JVM's {@link System#nanoTime} as they arrive, and {@link #window} gives the steps of all of
 * them that ended inside a stretch of that clock (a run's training job). Each one's standard input is a pipe this JVM
 * holds: when this JVM dies, even by SIGKILL, the probes read end-of-file and stop; when it closes, they are stopped.
 */
public final class HostProbeProcess implements AutoCloseable {
    /** One probe a second on each CPU: about 4 % of each (README "host-speed.csv"). */
    public static final long DEFAULT_PERIOD_MS = 1000;
    /** A probe's CPU where it is not pinned. */
    static final int UNPINNED = -1;
    /** At most this many probes (a JVM each, some 4 % of its CPU): on a larger machine, CPUs spread over its list. */
    static final int MAX_PROBES = 4;

    /** One probe process and the thread reading its lines. */
    private record Child(int cpu, Process process, Thread reader) {
    }

    /** One step's line: when it arrived ({@link System#nanoTime}), the CPU its probe is pinned to and its CPU time. */
    private record Step(long arrivedNanos, int cpu, double cpuMs) {
    }

    private final List<Child> children = new ArrayList<>();
    /** Guarded by itself. */
    private final List<Step> steps = new ArrayList<>();

    private HostProbeProcess() {
    }

    /**
     * Starts the probes on this JVM's class path with one ND4J thread each, one pinned to each CPU this process may
     * use where it can ({@link AllowedCpus}); their error output goes to {@code log}.
     */
    public static HostProbeProcess start(Path log, long periodMs) throws IOException {
        Nd4jSetup.configure();
        HostProbeProcess probe = new HostProbeProcess();
        try {
            for (Pin pin : pins()) {
                probe.launch(log, periodMs, pin);
            }
        } catch (IOException | RuntimeException e) {
            probe.close(); // the ones already started
            throw e;
        }
        return probe;
    }

    /** One probe to start: the CPU it is pinned to ({@link #UNPINNED}: none) and what its command line starts with. */
    private record Pin(int cpu, List<String> commandPrefix) {
    }

    /**
     * The probes {@link #start} starts on this machine: one per CPU it may use ({@link #spread} over at most {@link
     * #MAX_PROBES}), each under {@code taskset -c CPU}; one unpinned probe with one CPU or without {@code taskset}.
     */
    private static List<Pin> pins() {
        List<Integer> cpus = AllowedCpus.ofThisProcess();
        java.util.Optional<Path> taskset = cpus.size() > 1 ? AllowedCpus.taskset() : java.util.Optional.empty();
        if (taskset.isEmpty()) {
            return List.of(new Pin(UNPINNED, List.of()));
        }
        return spread(cpus, MAX_PROBES).stream()
                .map(cpu -> new Pin(cpu, List.of(taskset.get().toString(), "-c", Integer.toString(cpu)))).toList();
    }

    /** How many probe processes {@link #start} starts on this machine. */
    public static int probesOnThisMachine() {
        return pins().size();
    }

    /** At most {@code max} of {@code cpus}, evenly spread over the list (all of them when there are no more). */
    static List<Integer> spread(List<Integer> cpus, int max) {
        if (cpus.size() <= max) {
            return List.copyOf(cpus);
        }
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            chosen.add(cpus.get(i * cpus.size() / max));
        }
        return chosen;
    }

    private void launch(Path log, long periodMs, Pin pin) throws IOException {
        int cpu = pin.cpu();
        List<String> cmd = new ArrayList<>(pin.commandPrefix());
        cmd.add(AgentLauncher.javaBinary());
        cmd.addAll(NativeCallSafety.JVM_OPTIONS);
        cmd.addAll(AgentLauncher.DEFAULT_JVM_OPTIONS);
        cmd.addAll(Nd4jSetup.propertyOptions());
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HostProbeMain.class.getName());
        cmd.add(Long.toString(periodMs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process process = pb.start();
        Thread reader = new Thread(() -> read(process, cpu), "host-probe-reader-" + cpu);
        reader.setDaemon(true);
        children.add(new Child(cpu, process, reader));
        reader.start();
    }

    private void read(Process process, int cpu) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                try {
                    double ms = Double.parseDouble(line.trim());
                    if (ms > 0 && Double.isFinite(ms)) {
                        synchronized (steps) {
                            steps.add(new Step(now, cpu, ms));
                        }
                    }
                } catch (NumberFormatException ignored) {
                    // not a probe's line (the JVM printed something): nothing to count
                }
            }
        } catch (IOException ignored) {
            // the process ended: no more probes
        }
    }

    /** The CPUs the probes are pinned to, one each, ascending; empty for one unpinned probe. */
    public List<Integer> pinnedCpus() {
        return children.stream().mapToInt(Child::cpu).filter(c -> c != UNPINNED).boxed().toList();
    }

    /** The probe processes' ids, in {@link #pinnedCpus} order (the one unpinned probe's alone without pinning). */
    List<Long> pids() {
        return children.stream().map(c -> c.process().pid()).toList();
    }

    /** The steps of every probe whose line arrived in {@code [fromNanos, toNanos]} ({@link System#nanoTime}). */
    public HostProbe window(long fromNanos, long toNanos) {
        return HostProbe.of(steps(fromNanos, toNanos).stream().mapToDouble(HostProbeStep::cpuMs).toArray());
    }

    /**
     * Every step of every probe whose line arrived in {@code [fromNanos, toNanos]} ({@link System#nanoTime}), in the
     * order they arrived, each timed in seconds from {@code fromNanos} (a run's time 0) and named by its probe's CPU
     * ({@link HostProbeStep#cpu}: -1 for the unpinned probe).
     */
    public List<HostProbeStep> steps(long fromNanos, long toNanos) {
        synchronized (steps) {
            return steps.stream().filter(p -> p.arrivedNanos() >= fromNanos && p.arrivedNanos() <= toNanos)
                    .map(p -> new HostProbeStep((p.arrivedNanos() - fromNanos) / 1e9, p.cpu(), p.cpuMs())).toList();
        }
    }

    /** Steps received so far from every probe. */
    public int received() {
        synchronized (steps) {
            return steps.size();
        }
    }

    /** Steps received so far from the probe pinned to {@code cpu} ({@link #UNPINNED}: the unpinned one). */
    int receivedFrom(int cpu) {
        synchronized (steps) {
            return (int) steps.stream().filter(s -> s.cpu() == cpu).count();
        }
    }

    /** Whether every probe still runs. */
    public boolean alive() {
        return !children.isEmpty() && children.stream().allMatch(c -> c.process().isAlive());
    }

    /** Stops the probes (SIGTERM, then SIGKILL after 5 s) and waits for them. */
    @Override
    public void close() {
        children.forEach(c -> c.process().destroy());
        try {
            for (Child c : children) {
                if (!c.process().waitFor(5, TimeUnit.SECONDS)) {
                    c.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                c.reader().join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            children.forEach(c -> c.process().destroyForcibly());
            Thread.currentThread().interrupt();
        }
    }
}
