package io.deepedge.hw.local;

import io.deepedge.models.HostProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real probe process: its steps arrive, a window counts those that ended in it, and closing stops it. */
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
            while (probe.received() < 3 && System.nanoTime() < deadline && probe.alive()) {
                Thread.sleep(50);
            }
            int received = probe.received();
            assertTrue(received >= 3, "steps received: " + received);
            during = System.nanoTime();
            HostProbe all = probe.window(before, during);
            assertTrue(all.probes() >= 3, all.toString());
            // a LeNet step on 16 images takes some CPU, and less than the wall time that passed
            assertTrue(all.cpuMsMean() > 0 && all.cpuMsMean() < (during - before) / 1e6, all.toString());
            assertEquals(HostProbe.NONE, probe.window(before - 10_000_000_000L, before - 1),
                    "nothing ended before the probe started");
            assertTrue(probe.alive());
            probe.close();
            assertFalse(probe.alive(), "closing stops the process");
        } finally {
            probe.close(); // again after a failed assertion: never leave the process
        }
        assertEquals(java.util.List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(HostProbeMain.class.getName())).toList());
    }
}
