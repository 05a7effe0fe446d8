package io.deepedge.hw.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One incarnation of a local agent process. Its standard input is a pipe this JVM holds and never writes: when
 * this JVM dies, even by SIGKILL, the agent reads end-of-file and stops ({@code --exit-on-stdin-eof}). Its
 * output goes to a log file.
 */
final class AgentProcess {
    private final String name;
    private final Process process;
    private final Path portFile;
    private final Path log;

    private AgentProcess(String name, Process process, Path portFile, Path log) {
        this.name = name;
        this.process = process;
        this.portFile = portFile;
        this.log = log;
    }

    static AgentProcess start(String name, List<String> command, Map<String, String> environment, Path portFile,
                              Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        return new AgentProcess(name, pb.start(), portFile, log);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Waits for the port the agent writes once it serves; fails with the log's last lines when the process exits
     * first or {@code timeout} passes.
     */
    int awaitPort(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(portFile)) {
                return Integer.parseInt(Files.readString(portFile).trim());
            }
            if (!process.isAlive()) {
                throw new IOException("agent " + name + " exited with code " + process.exitValue() + " before serving; "
                        + "its log " + log + " ends with:\n" + tail());
            }
            Thread.sleep(25);
        }
        throw new IOException("agent " + name + " did not serve within " + timeout.toSeconds() + " s; its log " + log
                + " ends with:\n" + tail());
    }

    /** SIGTERM (its shutdown hook stops it cleanly) and the processes it started, before waiting. */
    List<ProcessHandle> terminate() {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        process.destroy();
        return family;
    }

    /**
     * After {@link #terminate}: waits until {@code deadlineNanos} ({@code System.nanoTime()}), then SIGKILLs the
     * process and its snapshot of descendants if they are still there.
     */
    void awaitOrKill(List<ProcessHandle> family, long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
        }
        family.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /** SIGKILL, as a crash or power loss would end it, and waits until it is gone. */
    void kill() throws InterruptedException {
        List<ProcessHandle> family = process.descendants().toList();
        process.destroyForcibly();
        family.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private String tail() {
        try {
            List<String> lines = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\\R"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
