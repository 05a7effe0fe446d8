package io.deepedge.hw.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the JVM's stop-the-world threads, read from Linux's per-thread files: every thread of the process
 * whose {@code comm} starts with {@code "GC Thread#"} (G1's and Parallel's workers) or is {@code "VM Thread"} (it
 * runs the safepoint operations and does a Serial collection itself), its run time the first field of its
 * {@code schedstat} (ns). The JVM's own figure for a pause is wall time, which under a CPU quota includes the
 * throttled waits; what a pause takes of the quota's budget is this CPU time. No {@code ThreadMXBean} here: the
 * JVM does not list its own GC threads there.
 *
 * <p>Threads come and go (G1 starts workers as it needs them), so {@link #drainMs} keeps the last reading of each
 * thread and sums the differences; a thread not seen before counts from 0, its whole run time falling in the
 * window it appeared in. A thread that ended between two readings loses its run time since the last one.
 */
final class CollectorCpu {
    /** What {@link #drainMs} returns when it cannot measure. */
    static final double UNAVAILABLE = -1;
    static final String GC_THREAD_PREFIX = "GC Thread#";
    static final String VM_THREAD = "VM Thread";
    private static final Path PROC_TASKS = Path.of("/proc/self/task");

    private final Path tasks;
    /** Each collector thread's run time (ns) at the previous reading, by thread id. */
    private final Map<String, Long> lastNanos = new HashMap<>();

    /** @param tasks a process's task directory, one folder per thread id ({@code /proc/self/task} on Linux) */
    CollectorCpu(Path tasks) {
        this.tasks = tasks;
    }

    /** This process's collector threads. */
    static CollectorCpu ofThisProcess() {
        return new CollectorCpu(PROC_TASKS);
    }

    /**
     * The collector threads' CPU milliseconds since the previous call (the first: since each thread started), or
     * {@link #UNAVAILABLE} when the task directory or a collector thread's {@code schedstat} cannot be read, or no
     * thread has a collector's name (a JVM that names them otherwise): a 0 then would read as pauses that cost
     * nothing.
     */
    synchronized double drainMs() {
        Map<String, Long> now = new HashMap<>();
        long deltaNanos = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String tid = thread.getFileName().toString();
                long nanos;
                try {
                    if (!isCollector(Files.readString(thread.resolve("comm"), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    nanos = runNanos(Files.readString(thread.resolve("schedstat"), StandardCharsets.US_ASCII));
                } catch (NoSuchFileException e) {
                    if (Files.isDirectory(thread)) {
                        return UNAVAILABLE; // the thread lives but the kernel keeps no schedstat
                    }
                    continue; // the thread ended while it was read
                }
                Long last = lastNanos.get(tid);
                // a smaller reading is a new thread that reuses an ended one's id
                deltaNanos += last == null || nanos < last ? nanos : nanos - last;
                now.put(tid, nanos);
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            return UNAVAILABLE;
        }
        lastNanos.clear(); // ended threads are forgotten
        lastNanos.putAll(now);
        return now.isEmpty() ? UNAVAILABLE : deltaNanos / 1e6;
    }

    /** Whether a thread's {@code comm} (with or without its trailing newline) names a stop-the-world thread. */
    static boolean isCollector(String comm) {
        String name = comm.strip();
        return name.startsWith(GC_THREAD_PREFIX) || name.equals(VM_THREAD);
    }

    /** The run time (ns) in a {@code schedstat} line: its first of three fields (run, wait, timeslices). */
    static long runNanos(String schedstat) {
        String line = schedstat.strip();
        int space = line.indexOf(' ');
        return Long.parseLong(space < 0 ? line : line.substring(0, space));
    }
}
