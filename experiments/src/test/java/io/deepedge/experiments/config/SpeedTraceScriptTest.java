package io.deepedge.experiments.config;

import io.deepedge.experiments.cli.FidelityScript;
import io.deepedge.models.HostSpeedTrace;
import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code experiments/fidelity/speedtrace.py}: a probe's speed series given to a profile's quota-limited devices,
 * divided by its mean, read back by the Java profile reader; the device without a quota kept.
 */
class SpeedTraceScriptTest {
    private static final double SPREAD = 0.05;
    private static final double STEP_SEC = 0.5;
    private static final double[] PROBE = {1.1, 1.05, 0.6, 0.9, 1.2, 1.0, 0.95, 0.7, 0.8, 1.15, 1.1, 1.0, 0.5, 0.9,
        1.05, 1.1};

    @TempDir
    Path dir;

    private Path profile() throws Exception {
        ProfiledDevice d = ProfileFileTest.sample().devices().get(0).underCpuQuota(100, 2);
        Profile p = new Profile("2026-12-04T19:00:00Z", "host", "jvm", 7, "latin-hypercube",
                List.of(d.withSpeedSpread(SPREAD), new ProfiledDevice(d.name() + "-2", d.cpus(), d.memoryMiB(),
                        d.lcHopMs(), d.roundOverheadMs(), d.shardLoadMsPerSample(), d.batches(), d.model(),
                        d.heldOutErrors(), d.services(), d.design())));
        return Files.writeString(dir.resolve("profile.yaml"), ProfileFileWriter.text(p));
    }

    private Path probe(double... speeds) throws Exception {
        StringBuilder csv = new StringBuilder("t_sec,speed\n");
        for (int i = 0; i < speeds.length; i++) {
            csv.append(String.format(Locale.ROOT, "%.3f,%.5f%n", i * STEP_SEC, speeds[i]));
        }
        return Files.writeString(dir.resolve("probe.csv"), csv);
    }

    private static String run(int expectedExit, String... args) throws Exception {
        FidelityScript r = FidelityScript.run("speedtrace.py", args);
        assertEquals(expectedExit, r.exit(), r.output());
        return r.output();
    }

    @Test
    void theQuotaLimitedDevicesGetTheSeriesOverItsMeanAndKeepTheirRunToRunSpread() throws Exception {
        Path out = dir.resolve("traced.yaml");
        String table = run(0, profile().toString(), probe(PROBE).toString(), out.toString());
        Profile read = ProfileFileReader.read(out, "traced.yaml");
        HostSpeedTrace trace = read.devices().get(0).speedTrace();
        assertEquals(STEP_SEC, trace.stepSec());
        double mean = java.util.Arrays.stream(PROBE).average().orElseThrow();
        assertEquals(PROBE.length, trace.speeds().size());
        for (int i = 0; i < PROBE.length; i++) {
            assertEquals(PROBE[i] / mean, trace.speeds().get(i), 5e-6, "step " + i);  // written to 5 decimals
        }
        // the twin's quota takes it beside the spread; everything else as it was; the device without a quota kept
        assertEquals(trace, read.devices().get(0).cpuQuota().speedTrace());
        assertEquals(SPREAD, read.devices().get(0).cpuQuota().speedSpread());
        Profile before = ProfileFileReader.read(dir.resolve("profile.yaml"), "profile.yaml");
        assertEquals(before.devices().get(0).withSpeedTrace(trace), read.devices().get(0));
        assertEquals(before.devices().get(1), read.devices().get(1));
        assertTrue(table.contains("no CPU quota"), table);
        // a second series on the same file is refused, nothing written
        Path twice = dir.resolve("twice.yaml");
        String again = run(2, out.toString(), probe(PROBE).toString(), twice.toString());
        assertTrue(again.contains("already has a speedTrace"), again);
        assertFalse(Files.exists(twice) || Files.exists(dir.resolve("twice.yaml.partial")));
    }

    @Test
    void badArgumentsAreAllNamedAtOnceAndAnExistingOutputIsLeftAlone() throws Exception {
        Path out = Files.writeString(dir.resolve("mine.yaml"), "a user's file\n");
        Path probe = Files.writeString(dir.resolve("bad.csv"), "t_sec,speed\n0.0,1.0\n0.5,fast\n1.0,0.01\n");
        String output = run(2, profile().toString(), probe.toString(), out.toString());
        assertTrue(output.contains("line 3") && output.contains("fast"), output);
        assertTrue(output.contains("line 4") && output.contains("0.01"), output);
        assertTrue(output.contains("OUT " + out) && output.contains("exists"), output);
        assertFalse(output.contains("Traceback"), output);
        assertEquals("a user's file\n", Files.readString(out));
        assertFalse(Files.exists(dir.resolve("mine.yaml.partial")));
    }
}
