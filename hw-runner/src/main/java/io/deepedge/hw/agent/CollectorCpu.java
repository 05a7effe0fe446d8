package io.deepedge.hw.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of a set of the JVM's threads, read from Linux's per-thread files: {@link #ofThisProcess} the
 * stop-the-world threads (every thread of the process whose {@code comm} starts with {@code "GC Thread#"}, G1's and
 * Parallel's workers, or is {@code "VM Thread"}, which runs the safepoint operations and does a Serial collection
 * itself), {@link #cleanupOfThisProcess} the threads that finish a collection's work after the pause (the reference
 * handler, finalizer and cleaner, and the deallocators of JavaCPP and ND4J that free the native memory behind the
 * arrays it found dead: ~40 ms per collection on a LeNet agent); a thread's run time is the first field of its
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

    /**
     * The {@code comm} prefixes of the threads that do a collection's work after its pause (Linux cuts names at 15
     * characters: "Reference Handler", "JavaCPP Deallocator", ND4J's "DeallocatorService..." threads).
     */
    static final List<String> CLEANUP_PREFIXES = List.of("Reference Handl", "Finalizer", "Common-Cleaner",
            "JavaCPP Dealloc", "DeallocatorServ");

    private final Path tasks;
    private final Predicate<String> counted;
    /** Each counted thread's run time (ns) at the previous reading, by thread id. */
    private final Map<String, Long> lastNanos = new HashMap<>();

    /** @param tasks a process's task directory, one folder per thread id ({@code /proc/self/task} on Linux) */
    CollectorCpu(Path tasks) {
        this(tasks, CollectorCpu::isCollector);
    }

    /** @param counted whether a thread's {@code comm} names a thread to count */
    CollectorCpu(Path tasks, Predicate<String> counted) {
        this.tasks = tasks;
        this.counted = counted;
    }

    /** This process's collector threads. */
    static CollectorCpu ofThisProcess() {
        return new CollectorCpu(PROC_TASKS);
    }

    /** This process's threads that do a collection's work after its pause. */
    static CollectorCpu cleanupOfThisProcess() {
        return new CollectorCpu(PROC_TASKS, CollectorCpu::isCleanup);
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
                    if (!counted.test(Files.readString(thread.resolve("comm"), StandardCharsets.UTF_8))) {
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

    /** Whether a thread's {@code comm} names a thread that does a collection's work after its pause. */
    static boolean isCleanup(String comm) {
        String name = comm.strip();
        return CLEANUP_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** The run time (ns) in a {@code schedstat} line: its first of three fields (run, wait, timeslices). */
    static long runNanos(String schedstat) {
        String line = schedstat.strip();
        int space = line.indexOf(' ');
        return Long.parseLong(space < 0 ? line : line.substring(0, space));
    }
}
