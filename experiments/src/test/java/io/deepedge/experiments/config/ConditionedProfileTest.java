package io.deepedge.experiments.config;

import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.ServiceCpuCurve;
import io.deepedge.models.profile.ServiceProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code experiments/fidelity/conditioned.py}'s profile: what a request costs the conditioned device is scaled by the
 * factor wherever the twin reads it (to 0.1 % where it refits the curve), read back by the profile reader and the twin's own figures (the script is
 * Python; the expectations come from the Java side's reading of the unscaled file). Until 2026-12-04 the script
 * scaled capacityMs and cpuMeanMs only, which the twin no longer reads where the profile has a serviceCpu curve: the
 * conditioned twin then re-ran the unconditioned one (its CPU per request unchanged to the last digit).
 */
class ConditionedProfileTest {
    private static final double FACTOR = 1.2;
    private static final double IDLE_CORES = 0.02;

    @TempDir
    Path dir;

    /** {@code sample()}'s device under a quota as {@code name}, with its services' CPU figures and (maybe) a curve. */
    private static ProfiledDevice device(String name, ServiceCpuCurve curve) {
        ProfiledDevice d = ProfileFileTest.sample().devices().get(0);
        List<ServiceProfile> services = List.of(new ServiceProfile("classifier", "model-file:base-abc.zip", 6.0, 0.45,
                600, 2.5, 1.25, 0.2));
        return new ProfiledDevice(name, 0.6, d.memoryMiB(), d.lcHopMs(), d.roundOverheadMs(), d.shardLoadMsPerSample(),
                d.batches(), d.model(), d.heldOutErrors(), services, d.design()).underCpuQuota(100, 2)
                .withIdleCpuCores(IDLE_CORES).withServiceCpu(curve);
    }

    /** conditioned.py's {@code scaled_profile(text, device, factor)} on {@code profile}, read back. */
    private Profile scaled(Profile profile, String device) throws Exception {
        Path in = Files.writeString(dir.resolve("profile.yaml"), ProfileFileWriter.text(profile));
        Path out = dir.resolve("scaled.yaml");
        String script = "import sys; sys.path.insert(0, 'fidelity'); import conditioned; "
                + "open(sys.argv[2], 'w').write(conditioned.scaled_profile(open(sys.argv[1]).read(), sys.argv[3], "
                + FACTOR + "))";
        Process p = new ProcessBuilder("python3", "-B", "-c", script, in.toString(), out.toString(), device)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        return ProfileFileReader.read(out, "scaled.yaml");
    }

    @Test
    void aRequestOfTheConditionedDeviceCostsTheFactorMoreAtEveryRateAndNothingElseMoves() throws Exception {
        // points off any one power law, so the fit is the least-squares one on the CPU (three points or more)
        ServiceCpuCurve curve = new ServiceCpuCurve(List.of(new ServiceCpuCurve.Point(30, 0.09),
                new ServiceCpuCurve.Point(120, 0.27), new ServiceCpuCurve.Point(250, 0.41),
                new ServiceCpuCurve.Point(330, 0.52)));
        Profile plain = new Profile("2026-12-04T14:00:00Z", "host", "jvm", 7, "latin-hypercube",
                List.of(device("big", curve), device("mid", curve)));
        Profile scaled = scaled(plain, "big");
        ProfiledDevice before = plain.devices().get(0);
        ProfiledDevice after = scaled.devices().get(0);
        ServiceProfile s = before.services().get(0);
        ServiceProfile t = after.services().get(0);
        // the curve is fitted on each point's CPU relative to its whole CPU, the idle agent's included, which the
        // scaling leaves: so the refitted curve is g times the old one to within the weights' change (0.03 % here;
        // the script's table shows how close each case came), not exactly
        for (double rate : new double[] {30, 75, 200, 330, 500}) {
            double expected = FACTOR * before.atRate(s, rate).capacityMs();
            assertEquals(expected, after.atRate(t, rate).capacityMs(), 1e-3 * expected,
                    "CPU per request at " + rate + " req/s");
        }
        // without a curve the twin reads the one figure, and the worker's CPU feeds its service times
        assertEquals(FACTOR * s.capacityMs(), t.capacityMs(), 1e-12);
        assertEquals(FACTOR * s.cpuMeanMs(), t.cpuMeanMs(), 1e-12);
        // the idle agent is not a request's cost; each point's CPU above it is
        assertEquals(IDLE_CORES, after.idleCpuCores());
        for (int i = 0; i < curve.points().size(); i++) {
            ServiceCpuCurve.Point p = before.serviceCpu().points().get(i);
            ServiceCpuCurve.Point q = after.serviceCpu().points().get(i);
            assertEquals(p.ratePerSec(), q.ratePerSec());
            assertEquals(IDLE_CORES + FACTOR * (p.cores() - IDLE_CORES), q.cores(), 1e-12);
        }
        // the other device, after the scaled one in the file, keeps every figure
        assertEquals(plain.devices().get(1), scaled.devices().get(1));
        // and nothing else of the scaled one moved
        assertEquals(before.model(), after.model());
        assertEquals(before.design(), after.design());
    }

    @Test
    void aDeviceWithoutACurveHasItsOneFigureScaled() throws Exception {
        Profile plain = new Profile("2026-12-04T14:00:00Z", "host", "jvm", 7, "latin-hypercube",
                List.of(device("mid", ServiceCpuCurve.NONE), device("big", ServiceCpuCurve.NONE)));
        Profile scaled = scaled(plain, "big");
        ServiceProfile s = plain.devices().get(1).services().get(0);
        ServiceProfile t = scaled.devices().get(1).services().get(0);
        assertEquals(FACTOR * s.capacityMs(), t.capacityMs(), 1e-12);
        assertEquals(FACTOR * s.cpuMeanMs(), t.cpuMeanMs(), 1e-12);
        assertEquals(FACTOR * s.capacityMs(), scaled.devices().get(1).atRate(t, 100).capacityMs(), 1e-12);
        assertEquals(plain.devices().get(0), scaled.devices().get(0));
    }
}
