package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ProfileFileReader;
import io.deepedge.hw.local.HostProbeProcess;
import io.deepedge.models.HostProbe;
import io.deepedge.models.profile.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code profile --local} end to end on one real agent (the shortest design): the profile file it writes records the
 * host-speed probe's steps that ended while the device was measured, from the same pinned probe processes the testbed
 * runs, and nothing it started remains (agents, probes, cgroups).
 */
class ProfileEndToEndTest {
    @Test
    void aLocalProfileRecordsTheHostItWasMeasuredOnAndLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("profile.yaml");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        long startNanos = System.nanoTime();
        int code = Main.run(new String[] {"profile", "src/test/resources/profile/one-device.yaml", "--local", "--out",
                out.toString(), "--points", "5", "--measure-sec", "0.5"}, new PrintWriter(o), new PrintWriter(e));
        double elapsedSec = (System.nanoTime() - startNanos) / 1e9;
        assertEquals(0, code, "stdout:\n" + o + "\nstderr:\n" + e);

        Profile profile = ProfileFileReader.read(out, "profile.yaml");
        assertEquals(1, profile.devices().size());
        HostProbe host = profile.devices().get(0).hostProbe();
        int processes = HostProbeProcess.probesOnThisMachine();
        // the device's measurements outlast a probe's period many times over; no probe process steps more than once
        // a period, and none outlives the command
        assertTrue(host.measured() && host.probes() <= processes
                        * (elapsedSec * 1000 / HostProbeProcess.DEFAULT_PERIOD_MS + 1),
                host + " over " + elapsedSec + " s from " + processes + " probe processes");
        assertTrue(e.toString().contains(String.format(java.util.Locale.ROOT, "profiling a: the host-speed probe %.1f"
                + " ms CPU a step over %d steps while it was measured", host.cpuMsMean(), host.probes())), e.toString());

        // every point's gradient calls reported their compute thread's CPU, alone and beside the services
        assertEquals(5, e.toString().lines().filter(l -> l.matches("  a [0-9]/5: .*; training's compute CPU a sample"
                + " [0-9.]+ ms alone, [0-9.]+ beside \\([-+][0-9.]+ %\\).*")).count(), e.toString());
        assertTrue(e.toString().contains("profiling a: training's compute CPU a sample beside the services over alone:"
                + " x"), e.toString());
        // and the file keeps them at every point, for the fit of training's speed beside a request
        assertTrue(profile.devices().get(0).design().stream().allMatch(p -> p.averaged().computeCpu().measured()),
                profile.devices().get(0).design().toString());

        // the services-alone phases kept their clients' latency, and the twin's lone service is checked against it
        // wherever the quota model is (the check beside training printed)
        assertTrue(profile.devices().get(0).design().stream().anyMatch(p -> p.averaged().latencyAlone().measured()),
                profile.devices().get(0).design().toString());
        assertEquals(o.toString().contains("the twin's LC latency beside training"),
                o.toString().contains("the twin's LC latency with the services alone"), o.toString());

        assertEquals(List.of(), TestbedEndToEndTest.agentProcesses(), "no agent process (nor a probe) remains");
        assertEquals(List.of(), TestbedEndToEndTest.runCgroups(), "no cgroup of this launcher remains");
    }
}
