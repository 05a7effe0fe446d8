package io.deepedge.hw.local;

import io.deepedge.hw.train.NativeCallSafety;
import io.deepedge.hw.train.Nd4jSetup;
import io.deepedge.models.HostProbe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The testbed's host-speed probe ({@link HostProbeMain}) as a process of its own on this machine, outside the agents'
 * CPU quotas as the coordinator is: its lines are stamped with this JVM's {@link System#nanoTime} as they arrive, and
 * {@link #window} gives the probes that ended inside a stretch of that clock (a run's training job). Its standard
 * input is a pipe this JVM holds: when this JVM dies, even by SIGKILL, the probe reads end-of-file and stops; when it
 * closes, the probe is stopped too.
 */
public final class HostProbeProcess implements AutoCloseable {
    /** One probe a second: about 4 % of a core (README "host-speed.csv"). */
    public static final long DEFAULT_PERIOD_MS = 1000;
    private final Process process;
    private final Thread reader;
    /** One step's line: when it arrived ({@link System#nanoTime}) and the step's CPU time. */
    private record Step(long arrivedNanos, double cpuMs) {
    }

    /** Guarded by itself. */
    private final List<Step> steps = new ArrayList<>();

    private HostProbeProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "host-probe-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the probe on this JVM's class path with one ND4J thread; its error output goes to {@code log}. */
    public static HostProbeProcess start(Path log, long periodMs) throws IOException {
        Nd4jSetup.configure();
        List<String> cmd = new ArrayList<>();
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
        return new HostProbeProcess(pb.start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                try {
                    double ms = Double.parseDouble(line.trim());
                    if (ms > 0 && Double.isFinite(ms)) {
                        synchronized (steps) {
                            steps.add(new Step(now, ms));
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

    /** The probes whose line arrived in {@code [fromNanos, toNanos]} ({@link System#nanoTime}). */
    public HostProbe window(long fromNanos, long toNanos) {
        synchronized (steps) {
            return HostProbe.of(steps.stream().filter(p -> p.arrivedNanos() >= fromNanos && p.arrivedNanos() <= toNanos)
                    .mapToDouble(Step::cpuMs).toArray());
        }
    }

    /** Probes received so far. */
    public int received() {
        synchronized (steps) {
            return steps.size();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Stops the probe (SIGTERM, then SIGKILL after 5 s) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
