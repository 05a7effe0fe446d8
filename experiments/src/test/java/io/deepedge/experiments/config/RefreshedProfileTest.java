package io.deepedge.experiments.config;

import io.deepedge.experiments.cli.FidelityScript;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.InterferenceModel;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.ServiceCpuCurve;
import io.deepedge.models.profile.ServiceProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code experiments/fidelity/refresh.py}: a profile's CPU per request and training throughput brought to a later
 * short profile's, everything else kept. The later profile is made here from the earlier one's own figures (its
 * curve's excess over the idle agent times {@link #CPU_FACTOR} at other rates, its throughput model times
 * {@link #TRAIN_FACTOR} at other batches), so the factors the script must find are known; the refreshed file is read
 * back by the Java profile reader.
 */
class RefreshedProfileTest {
    private static final double CPU_FACTOR = 0.85;
    private static final double TRAIN_FACTOR = 1.2;
    private static final double IDLE_CORES = 0.02;
    private static final double LATER_IDLE_CORES = 0.015;
    /** The earlier curve: idle + A rate^B cores (a power law the script's log-log fit recovers exactly). */
    private static final double A = 0.004;
    private static final double B = 0.85;

    @TempDir
    Path dir;

    private static double excess(double rate) {
        return A * Math.pow(rate, B);
    }

    private static ServiceCpuCurve curve(double idle, double factor, double... rates) {
        List<ServiceCpuCurve.Point> points = new ArrayList<>();
        for (double r : rates) {
            points.add(new ServiceCpuCurve.Point(r, idle + factor * excess(r)));
        }
        return new ServiceCpuCurve(points);
    }

    private static ProfiledDevice device(String name, double idle, ServiceCpuCurve curve,
                                         List<ProfiledDevice.MeasuredPoint> design) {
        ProfiledDevice d = ProfileFileTest.sample().devices().get(0);
        List<ServiceProfile> services = List.of(new ServiceProfile("classifier", "model-file:base-abc.zip", 6.0, 0.45,
                600, 2.5, 1.25, 0.2));
        return new ProfiledDevice(name, 0.6, d.memoryMiB(), d.lcHopMs(), d.roundOverheadMs(), d.shardLoadMsPerSample(),
                d.batches(), d.model(), d.heldOutErrors(), services, design).underCpuQuota(100, 2)
                .withIdleCpuCores(idle).withServiceCpu(curve);
    }

    private static double throughput(InterferenceModel m, int batch) {
        return batch / (m.iterationBaseSec() + m.iterationPerSampleSec() * batch);
    }

    /** Design points whose training alone ran {@code factor} times the earlier model's throughput. */
    private static List<ProfiledDevice.MeasuredPoint> laterDesign(InterferenceModel earlier, double factor) {
        List<ProfiledDevice.MeasuredPoint> design = new ArrayList<>();
        int[] batches = {10, 24, 50, 90, 120};
        for (int i = 0; i < batches.length; i++) {
            double alone = factor * throughput(earlier, batches[i]);
            design.add(new ProfiledDevice.MeasuredPoint(new Measurement(new DesignPoint(batches[i], 20 + 40 * i),
                    alone, 0.8 * alone, 6, 9), i == 1));
        }
        return design;
    }

    private static FidelityScript refresh(Path earlier, Path later, Path out) throws Exception {
        return FidelityScript.run("refresh.py", earlier.toString(), later.toString(), out.toString());
    }

    @Test
    void theCpuPerRequestAndTheThroughputMoveByTheLaterProfilesFactorsAndNothingElseDoes() throws Exception {
        ProfiledDevice first = device("big", IDLE_CORES, curve(IDLE_CORES, 1, 30, 120, 250, 330),
                ProfileFileTest.sample().devices().get(0).design());
        Profile earlier = new Profile("2026-12-04T14:00:00Z", "host", "jvm", 7, "latin-hypercube",
                List.of(first, device("mid", IDLE_CORES, curve(IDLE_CORES, 1, 30, 120, 250), first.design())));
        InterferenceModel model = first.model();
        // later: other rates and batches, and only big (mid is kept as it was)
        Profile later = new Profile("2026-12-04T15:00:00Z", "host", "jvm", 7, "latin-hypercube",
                List.of(device("big", LATER_IDLE_CORES, curve(LATER_IDLE_CORES, CPU_FACTOR, 45, 90, 200, 280, 310),
                        laterDesign(model, TRAIN_FACTOR))));
        Path out = dir.resolve("refreshed.yaml");
        FidelityScript p = refresh(Files.writeString(dir.resolve("earlier.yaml"), ProfileFileWriter.text(earlier)),
                Files.writeString(dir.resolve("later.yaml"), ProfileFileWriter.text(later)), out);
        String output = p.output();
        assertEquals(0, p.exit(), output);
        assertTrue(output.contains("| big | 0.8500 (5) | 1.2000 (5) | 0.0200 -> 0.0150 |"), output);
        assertTrue(output.contains("| mid | kept: not in SHORT |"), output);
        Profile refreshed = ProfileFileReader.read(out, "refreshed.yaml");
        ProfiledDevice before = earlier.devices().get(0);
        ProfiledDevice after = refreshed.devices().get(0);
        // each point of the curve: the later idle agent plus the factor times the cores above the earlier one
        assertEquals(LATER_IDLE_CORES, after.idleCpuCores());
        for (int i = 0; i < before.serviceCpu().points().size(); i++) {
            ServiceCpuCurve.Point b = before.serviceCpu().points().get(i);
            ServiceCpuCurve.Point a = after.serviceCpu().points().get(i);
            assertEquals(b.ratePerSec(), a.ratePerSec());
            assertEquals(LATER_IDLE_CORES + CPU_FACTOR * (b.cores() - IDLE_CORES), a.cores(), 1e-9);
        }
        // so the twin's CPU per request is the factor times the earlier one at every rate
        ServiceProfile s = before.services().get(0);
        ServiceProfile t = after.services().get(0);
        for (double rate : new double[] {30, 100, 330, 500}) {
            double expected = CPU_FACTOR * before.atRate(s, rate).capacityMs();
            assertEquals(expected, after.atRate(t, rate).capacityMs(), 1e-6 * expected, "at " + rate + " req/s");
        }
        assertEquals(CPU_FACTOR * s.capacityMs(), t.capacityMs(), 1e-12);
        assertEquals(CPU_FACTOR * s.cpuMeanMs(), t.cpuMeanMs(), 1e-12);
        // an iteration takes 1 / factor as long at every batch
        for (int batch : new int[] {1, 8, 64, 256}) {
            assertEquals(TRAIN_FACTOR * throughput(model, batch), throughput(after.model(), batch),
                    1e-9 * throughput(model, batch), "batch " + batch);
        }
        // the interference model's ratios, the design and the other figures stay the earlier profile's
        assertEquals(model.serviceIntercept(), after.model().serviceIntercept());
        assertEquals(model.trainingSlowdownWhileServing(), after.model().trainingSlowdownWhileServing());
        assertEquals(before.design(), after.design());
        assertEquals(before.roundOverheadMs(), after.roundOverheadMs());
        assertEquals(earlier.devices().get(1), refreshed.devices().get(1));
    }

    @Test
    void badArgumentsAreNamedTogetherWithExitTwoAndNothingIsWritten() throws Exception {
        Path existing = Files.writeString(dir.resolve("mine.yaml"), "my own file\n");
        Path notAProfile = Files.writeString(dir.resolve("config.yaml"), "name: x\n");
        FidelityScript p = refresh(dir.resolve("missing.yaml"), notAProfile, existing);
        String output = p.output();
        assertEquals(2, p.exit(), output);
        assertTrue(output.contains("PROFILE " + dir.resolve("missing.yaml") + " cannot be read"), output);
        assertTrue(output.contains("SHORT " + notAProfile + " is not a profile file"), output);
        assertTrue(output.contains("OUT " + existing + " (or " + existing + ".partial) exists"), output);
        assertFalse(output.contains("Traceback"), output);
        assertEquals("my own file\n", Files.readString(existing));
        assertFalse(Files.exists(dir.resolve("mine.yaml.partial")));
    }
}
