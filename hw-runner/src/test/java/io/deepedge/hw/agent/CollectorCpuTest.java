package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collector threads' CPU time: parsed from task folders written here (comm, schedstat), and measured for real
 * in this JVM through the agent's metrics window (gc_pauses, gc_pause_ms, gc_pause_cpu_ms, protocol 1.5).
 */
class CollectorCpuTest {
    private static final double CLOCK_TICK_MS = 10;

    @Test
    void onlyStopTheWorldThreadsAreSummedAndEachThreadCountsFromItsLastReading(@TempDir Path tasks)
            throws IOException {
        thread(tasks, "101", "java", 9_000_000_000L);
        thread(tasks, "102", "VM Thread", 5_000_000L);
        thread(tasks, "103", "GC Thread#0", 40_000_000L);
        thread(tasks, "104", "G1 Conc#0", 70_000_000L);     // concurrent marking: the application runs meanwhile
        thread(tasks, "105", "G1 Refine#0", 80_000_000L);
        CollectorCpu cpu = new CollectorCpu(tasks);
        // first reading: each collector thread from 0, 5 + 40 ms
        assertEquals(45.0, cpu.drainMs(), 1e-12);
        // VM Thread +1 ms, GC Thread#0 +45 ms, a new GC Thread#1 appears with 30 ms, the others change unseen
        thread(tasks, "102", "VM Thread", 6_000_000L);
        thread(tasks, "103", "GC Thread#0", 85_000_000L);
        thread(tasks, "106", "GC Thread#1", 30_000_000L);
        thread(tasks, "104", "G1 Conc#0", 170_000_000L);
        assertEquals(1.0 + 45.0 + 30.0, cpu.drainMs(), 1e-12);
        // GC Thread#1 ends; its id comes back as a new GC thread with 2 ms (less than the last reading: from 0);
        // GC Thread#0 unchanged
        thread(tasks, "106", "GC Thread#2", 2_000_000L);
        assertEquals(2.0, cpu.drainMs(), 1e-12);
        deleteThread(tasks, "106");
        assertEquals(0.0, cpu.drainMs(), 1e-12);
    }

    @Test
    void theCleanupReaderSumsTheThreadsThatFinishACollectionsWorkOnly(@TempDir Path tasks) throws IOException {
        thread(tasks, "201", "GC Thread#0", 40_000_000L);
        thread(tasks, "202", "Reference Handl", 3_000_000L);
        thread(tasks, "203", "JavaCPP Dealloc", 7_000_000L);
        thread(tasks, "204", "DeallocatorServ", 11_000_000L);
        thread(tasks, "205", "DeallocatorServ", 13_000_000L);  // ND4J runs two
        thread(tasks, "206", "lc-lenet", 500_000_000L);
        CollectorCpu cleanup = new CollectorCpu(tasks, CollectorCpu::isCleanup);
        assertEquals(3.0 + 7.0 + 11.0 + 13.0, cleanup.drainMs(), 1e-12);
        thread(tasks, "203", "JavaCPP Dealloc", 27_000_000L);
        thread(tasks, "201", "GC Thread#0", 90_000_000L);
        assertEquals(20.0, cleanup.drainMs(), 1e-12);
    }

    @Test
    void aProcessWithoutCollectorThreadsOrWithoutSchedstatIsUnavailable(@TempDir Path root) throws IOException {
        Path noCollectors = Files.createDirectories(root.resolve("a"));
        thread(noCollectors, "1", "main", 1_000_000L);
        assertEquals(CollectorCpu.UNAVAILABLE, new CollectorCpu(noCollectors).drainMs());
        Path noSchedstat = Files.createDirectories(root.resolve("b"));
        thread(noSchedstat, "1", "VM Thread", 1_000_000L);
        Files.delete(noSchedstat.resolve("1").resolve("schedstat"));
        assertEquals(CollectorCpu.UNAVAILABLE, new CollectorCpu(noSchedstat).drainMs());
        assertEquals(CollectorCpu.UNAVAILABLE, new CollectorCpu(root.resolve("missing")).drainMs());
    }

    @Test
    void namesAndSchedstatFieldsAreParsedAsTheKernelWritesThem() {
        assertTrue(CollectorCpu.isCollector("GC Thread#0\n"));
        assertTrue(CollectorCpu.isCollector("GC Thread#12"));
        assertTrue(CollectorCpu.isCollector("VM Thread\n"));
        assertFalse(CollectorCpu.isCollector("VM Periodic Tas\n"));
        assertFalse(CollectorCpu.isCollector("G1 Main Marker\n"));
        assertFalse(CollectorCpu.isCollector("Reference Handl\n"));
        assertTrue(CollectorCpu.isCleanup("Reference Handl\n"));
        assertTrue(CollectorCpu.isCleanup("Common-Cleaner"));
        assertFalse(CollectorCpu.isCleanup("GC Thread#0\n"));
        assertFalse(CollectorCpu.isCleanup("grpc-default-ex\n"));
        assertEquals(123456789L, CollectorCpu.runNanos("123456789 555 7\n"));
        assertEquals(42L, CollectorCpu.runNanos("42"));
    }

    /**
     * This JVM's own collections through the agent's metrics window: garbage and a requested collection are
     * counted, and the collector threads' CPU is positive and part of the process's CPU over the same time.
     */
    @Test
    void aCollectionInThisJvmIsCountedWithItsCollectorCpu() {
        long cpuBefore = processCpuNanos();
        AgentMetrics metrics = new AgentMetrics("gc-test");
        long kept = 0;
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[1 << 20]; // 200 MiB of short-lived arrays: young collections
            garbage[i] = (byte) i;
            kept += garbage[i];
        }
        System.gc();
        MetricsSnapshot window = metrics.drain(InferenceHost.none());
        double processCpuMs = (processCpuNanos() - cpuBefore) / 1e6;
        System.out.printf(java.util.Locale.ROOT, "collections %d, wall %.1f ms, collector CPU %.2f ms, process CPU %.1f ms (%d)%n",
                window.getGcPauses(), window.getGcPauseMs(), window.getGcPauseCpuMs(), processCpuMs, kept);
        assertTrue(window.getGcPauses() >= 1, "collections " + window.getGcPauses());
        assertTrue(window.getGcPauseMs() >= 0, "wall " + window.getGcPauseMs());
        assertTrue(window.getGcCleanupCpuMs() >= 0, "cleanup " + window.getGcCleanupCpuMs()); // the Reference Handler lives
        // the process's CPU comes in clock ticks (times(2): 10 ms), the threads' in ns: one tick of slack
        assertTrue(window.getGcPauseCpuMs() > 0 && window.getGcPauseCpuMs() <= processCpuMs + CLOCK_TICK_MS,
                "collector CPU " + window.getGcPauseCpuMs() + " ms, process " + processCpuMs + " ms");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void thread(Path tasks, String tid, String comm, long runNanos) throws IOException {
        Path dir = Files.createDirectories(tasks.resolve(tid));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("schedstat"), runNanos + " 1234 56\n");
    }

    private static void deleteThread(Path tasks, String tid) throws IOException {
        Files.delete(tasks.resolve(tid).resolve("comm"));
        Files.delete(tasks.resolve(tid).resolve("schedstat"));
        Files.delete(tasks.resolve(tid));
    }
}
