package io.deepedge.hw.local;

import io.deepedge.models.HostProbe;
import io.deepedge.models.HostProbeStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real probe processes: one pinned to each CPU where the machine has more than one and {@code taskset}, each one's
 * steps arrive, a window counts those that ended in it, and closing stops them all.
 */
class HostProbeProcessTest {
    @Test
    void probesArriveAndAWindowCountsThoseInsideIt(@TempDir Path tmp) throws Exception {
        long before = System.nanoTime();
        long during;
        HostProbeProcess probe = HostProbeProcess.start(tmp.resolve("probe.log"), 20);
        try {
            // the warm-up's steps print nothing; then one line per step (no timing is asserted: a slow machine
            // only waits longer, up to the deadline)
            long deadline = System.nanoTime() + 240_000_000_000L;
            List<Integer> cpus = AllowedCpus.ofThisProcess();
            boolean pinned = cpus.size() > 1 && AllowedCpus.taskset().isPresent();
            assertEquals(pinned ? HostProbeProcess.spread(cpus, HostProbeProcess.MAX_PROBES) : List.of(),
                    probe.pinnedCpus());
            assertEquals(Math.max(1, probe.pinnedCpus().size()), HostProbeProcess.probesOnThisMachine());
            if (pinned) {
                // independently of the kernel list's reading: one probe per processor the JVM counts, up to the cap
                assertEquals(Math.min(Runtime.getRuntime().availableProcessors(), HostProbeProcess.MAX_PROBES),
                        probe.pinnedCpus().size());
            }
            List<Integer> sources = pinned ? probe.pinnedCpus() : List.of(HostProbeProcess.UNPINNED);
            while (sources.stream().anyMatch(c -> probe.receivedFrom(c) < 2) && System.nanoTime() < deadline
                    && probe.alive()) {
                Thread.sleep(50);
            }
            for (int c : sources) {
                assertTrue(probe.receivedFrom(c) >= 2, "steps from the probe on CPU " + c + ": " + probe.receivedFrom(c));
            }
            if (pinned) {
                // the kernel's own word on each probe's CPUs: exactly the one it was pinned to
                for (int i = 0; i < sources.size(); i++) {
                    String status = Files.readString(Path.of("/proc", Long.toString(probe.pids().get(i)), "status"));
                    String allowed = status.lines().filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst()
                            .orElseThrow().substring("Cpus_allowed_list:".length()).trim();
                    assertEquals(Integer.toString(sources.get(i)), allowed, "probe " + i);
                }
            }
            int received = probe.received();
            assertTrue(received >= 2 * sources.size(), "steps received: " + received);
            during = System.nanoTime();
            HostProbe all = probe.window(before, during);
            assertTrue(all.probes() >= 2 * sources.size(), all.toString());
            // a LeNet step on 16 images takes some CPU, and less than the wall time that passed
            assertTrue(all.cpuMsMean() > 0 && all.cpuMsMean() < (during - before) / 1e6, all.toString());
            assertEquals(HostProbe.NONE, probe.window(before - 10_000_000_000L, before - 1),
                    "nothing ended before the probe started");
            // the same steps one by one, timed from the stretch's start, each on a probe's CPU, within the stretch
            List<HostProbeStep> steps = probe.steps(before, during);
            assertEquals(all.probes(), steps.size());
            assertEquals(all.cpuMsMean(), steps.stream().mapToDouble(HostProbeStep::cpuMs)
                    .average().orElseThrow(), 1e-9);
            for (HostProbeStep s : steps) {
                assertTrue(sources.contains(s.cpu()), s.toString());
                assertTrue(s.atSec() >= 0 && s.atSec() <= (during - before) / 1e9, s.toString());
            }
            assertTrue(probe.alive());
            probe.close();
            assertFalse(probe.alive(), "closing stops the process");
        } finally {
            probe.close(); // again after a failed assertion: never leave the process
        }
        assertEquals(java.util.List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(HostProbeMain.class.getName())).toList());
    }

    @Test
    void aLargerMachineGetsProbesSpreadOverItsCpus() {
        assertEquals(List.of(0, 1), HostProbeProcess.spread(List.of(0, 1), 4));
        assertEquals(List.of(0, 2, 4, 6), HostProbeProcess.spread(List.of(0, 1, 2, 3, 4, 5, 6, 7), 4));
        assertEquals(List.of(3, 4, 8, 10), HostProbeProcess.spread(List.of(3, 4, 5, 8, 9, 10, 11), 4)); // indices 0, 7/4, 14/4, 21/4
    }
}
