package io.deepedge.experiments.config;

import io.deepedge.models.BatchPoint;
import io.deepedge.models.Device;
import io.deepedge.models.GcPauses;
import io.deepedge.models.HostProbe;
import io.deepedge.models.HostSpeedTrace;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.profile.ColocatedLatency;
import io.deepedge.models.profile.ComputeCpu;
import io.deepedge.models.profile.DesignPlan;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.HeldOutErrors;
import io.deepedge.models.profile.InterferenceFit;
import io.deepedge.models.profile.InterferenceModel;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.PhaseHosts;
import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.ServiceProfile;
import io.deepedge.traces.TraceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profile files: written and read back equal; referenced by a config's device; every defect named with its line. */
class ProfileFileTest {
    @TempDir
    Path dir;

    /** A profile fitted to measurements of a known model, 3 of 12 Latin-hypercube points held out. */
    static Profile sample() {
        DesignPlan plan = DesignPlan.latinHypercube(12, 8, 128, 2, 40, 3, 11);
        List<ProfiledDevice.MeasuredPoint> design = new ArrayList<>();
        List<Measurement> fit = new ArrayList<>();
        List<Measurement> held = new ArrayList<>();
        for (int i = 0; i < plan.points().size(); i++) {
            DesignPoint p = plan.points().get(i);
            double rho = p.ratePerSec() * 6 / 1000;
            double phi = 1.5 + 0.01 * p.batch() + 2 * rho;
            double alone = p.batch() / (0.03 + 0.0037 * p.batch());
            double u = rho * phi;
            Measurement m = new Measurement(p, alone, alone * ((1 - u) + u / 1.4), 6, 6 * phi);
            design.add(new ProfiledDevice.MeasuredPoint(m, plan.heldOut().get(i)));
            (plan.heldOut().get(i) ? held : fit).add(m);
        }
        InterferenceModel model = InterferenceFit.fit(fit);
        ProfiledDevice big = new ProfiledDevice("big", 1.0, 1024, 3.25, 41.5, 0.75,
                plan.points().stream().map(DesignPoint::batch).toList(), model, HeldOutErrors.of(model, held),
                List.of(new ServiceProfile("classifier", "model-file:base-abc.zip", 6.0, 0.45, 600, 9.5),
                        new ServiceProfile("tagger", "model-file:base-abc.zip", 6.0, 0.04, 300)), design);
        return new Profile("2026-11-29T10:00:00Z", "host linux amd64 2 cores", "OpenJDK 17.0.9", 7,
                DesignPlan.LATIN_HYPERCUBE, List.of(big));
    }

    private Path writeProfile(String text) throws Exception {
        return Files.writeString(dir.resolve("profile.yaml"), text);
    }

    @Test
    void aProfileRoundTripsThroughItsFile() throws Exception {
        Profile profile = sample();
        Path file = writeProfile(ProfileFileWriter.text(profile));
        assertEquals(profile, ProfileFileReader.read(file, "profile.yaml"));
    }

    @Test
    void theServiceSlowdownsAloneTimeRoundTripsOlderFilesHaveNoneAndABadOneIsNamed() throws Exception {
        Profile profile = sample();
        // every point's alone phase read 6 ms: so does the rate-weighted mean the fit divides by (to rounding)
        double aloneMs = profile.devices().get(0).model().serviceAloneMs();
        assertEquals(6.0, aloneMs, 1e-12);
        String line = "\n      aloneMs: " + aloneMs + "\n";
        String text = ProfileFileWriter.text(profile);
        assertTrue(text.contains(line), text);
        String older = text.replace(line, "\n");
        assertEquals(0.0, ProfileFileReader.read(writeProfile(older), "profile.yaml").devices().get(0).model()
                .serviceAloneMs());
        Path bad = writeProfile(text.replace("aloneMs: " + aloneMs, "aloneMs: -6.0"));
        List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(bad, "p.yaml")).lines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("serviceSlowdown.aloneMs") && lines.get(0).contains("-6.0"),
                lines.toString());
    }

    @Test
    void theAgentsCollectorPausesRoundTripAndOlderFilesHaveNone() throws Exception {
        Profile plain = sample();
        // 1 pause per 540 requests and per 3,000 samples, and their CPU per request and per sample
        GcPauses gc = new GcPauses(1.0 / 540, 1.0 / 3000, 0.125, 0.0625, 0.09375, 0.015625);
        Profile measured = new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(plain.devices().get(0).withGcPauses(gc)));
        String text = ProfileFileWriter.text(measured);
        assertTrue(text.contains("gcPauses:") && text.contains("cpuMsPerRequest: 0.125"), text);
        assertEquals(measured, ProfileFileReader.read(writeProfile(text), "profile.yaml"));
        assertEquals(gc, ProfileFileReader.read(writeProfile(text), "profile.yaml").devices().get(0).gcPauses());
        // a device without pauses writes none, and a file without them reads as none
        String none = ProfileFileWriter.text(plain);
        assertTrue(!none.contains("gcPauses"), none);
        assertEquals(GcPauses.NONE, ProfileFileReader.read(writeProfile(none), "profile.yaml").devices().get(0)
                .gcPauses());
    }

    /** {@code d} with each design point changed by {@code change}, everything else kept. */
    private static ProfiledDevice mapDesign(ProfiledDevice d,
                                            java.util.function.UnaryOperator<ProfiledDevice.MeasuredPoint> change) {
        List<ProfiledDevice.MeasuredPoint> design = d.design().stream().map(change).toList();
        return new ProfiledDevice(d.name(), d.cpus(), d.memoryMiB(), d.lcHopMs(), d.roundOverheadMs(),
                d.shardLoadMsPerSample(), d.batches(), d.model(), d.heldOutErrors(), d.services(), design,
                d.cfsPeriodMs(), d.hostCores(), d.quotaModelErrors(), d.gcPauses(), d.idleCpuCores(),
                d.roundCoordinationMs(), d.serviceCpu(), d.colocation(), d.speedSpread());
    }

    /** {@code sample()} with each held-out point measured twice more ({@code profile --replicates 3}). */
    private static ProfiledDevice withRepeats(ProfiledDevice d) {
        return mapDesign(d, p -> {
            Measurement m = p.measurement();
            List<Measurement> repeats = !p.heldOut() ? List.of() : List.of(
                    new Measurement(m.point(), 123.5, 61.25, 7.5, 13.75),
                    new Measurement(m.point(), m.trainAloneSamplesPerSec(), m.trainColocatedSamplesPerSec(), 6, 8));
            return new ProfiledDevice.MeasuredPoint(m, p.heldOut(), repeats);
        });
    }

    @Test
    void aPointsRepeatsRoundTripAndEveryBadOneIsNamed() throws Exception {
        Profile plain = sample();
        Profile repeated = new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(withRepeats(plain.devices().get(0))));
        String text = ProfileFileWriter.text(repeated);
        // three held-out points, two repeats each; none on the fitted points
        assertEquals(3, text.split("\n *repeats:\n", -1).length - 1, text);
        assertEquals(3, text.split("serviceColocatedMeanMs: 13.75", -1).length - 1, text);
        Profile read = ProfileFileReader.read(writeProfile(text), "profile.yaml");
        assertEquals(repeated, read);
        assertEquals(2, read.devices().get(0).design().stream().filter(ProfiledDevice.MeasuredPoint::heldOut)
                .findFirst().orElseThrow().repeats().size());
        // a file without repeats (every one before --replicates) reads as points measured once
        assertTrue(!ProfileFileWriter.text(plain).contains("repeats"));
        // a negative figure and an unknown key in the first held-out point's first repeat: both named at once
        String line = List.of(text.split("\n")).stream().filter(x -> x.contains("serviceAloneMeanMs: 7.5"))
                .findFirst().orElseThrow();
        String indent = line.substring(0, line.indexOf('s'));
        String bad = text.replaceFirst("serviceColocatedMeanMs: 13.75", "serviceColocatedMeanMs: -13.75")
                .replaceFirst("serviceAloneMeanMs: 7.5\n", "serviceAloneMeanMs: 7.5\n" + indent + "wallMs: 1\n");
        Path file = writeProfile(bad);
        List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(file, "p.yaml")).lines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("repeats[0].serviceColocatedMeanMs") && x.contains("-13.75")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("repeats[0].wallMs")), lines.toString());
    }

    /** {@code d} with every point's latency beside training, and each held-out point measured again with one too. */
    private static ProfiledDevice withLatencies(ProfiledDevice d) {
        return mapDesign(d, p -> {
            Measurement m = p.measurement();
            ColocatedLatency l = new ColocatedLatency(15.25, m.point().ratePerSec() / 8, m.point().ratePerSec());
            Measurement with = new Measurement(m.point(), m.trainAloneSamplesPerSec(), m.trainColocatedSamplesPerSec(),
                    m.serviceAloneMeanMs(), m.serviceColocatedMeanMs(), l);
            List<Measurement> repeats = !p.heldOut() ? List.of() : List.of(new Measurement(m.point(), 123.5, 61.25,
                    7.5, 13.75, new ColocatedLatency(16.5, 4.5, 812.25)));
            return new ProfiledDevice.MeasuredPoint(with, p.heldOut(), repeats);
        });
    }

    /**
     * {@code d} with every point's phases probed (the fitted ones' services-alone phase without a step) and each
     * held-out point measured again with phases of its own.
     */
    private static ProfiledDevice withPhaseHosts(ProfiledDevice d) {
        return mapDesign(d, p -> {
            Measurement m = p.measurement();
            PhaseHosts hosts = new PhaseHosts(new HostProbe(31, 41.5), p.heldOut() ? new HostProbe(30, 47.25)
                    : HostProbe.NONE, new HostProbe(33, 44.75));
            List<Measurement> repeats = !p.heldOut() ? List.of() : List.of(new Measurement(m.point(), 123.5, 61.25,
                    7.5, 13.75).withHosts(new PhaseHosts(new HostProbe(29, 38.5), new HostProbe(30, 39.5),
                    new HostProbe(32, 40.5))));
            return new ProfiledDevice.MeasuredPoint(m.withHosts(hosts), p.heldOut(), repeats);
        });
    }

    @Test
    void eachPhasesHostProbeRoundTripsOlderFilesHaveNoneAndEveryBadFigureIsNamed() throws Exception {
        Profile plain = sample();
        Profile measured = new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(withPhaseHosts(plain.devices().get(0))));
        String text = ProfileFileWriter.text(measured);
        // 12 points and 3 repeats, each with its block; a phase without a step is left out (the 9 fitted points')
        assertEquals(15, text.split("\n *phaseHosts:\n", -1).length - 1, text);
        assertEquals(15, text.split("\n *trainAlone:\n", -1).length - 1, text);
        assertEquals(6, text.split("\n *servicesAlone:\n", -1).length - 1, text);
        Profile read = ProfileFileReader.read(writeProfile(text), "profile.yaml");
        assertEquals(measured, read);
        assertTrue(read.devices().get(0).design().stream().filter(ProfiledDevice.MeasuredPoint::heldOut)
                .allMatch(ProfiledDevice.MeasuredPoint::probed));
        assertTrue(read.devices().get(0).design().stream().filter(x -> !x.heldOut()).noneMatch(
                ProfiledDevice.MeasuredPoint::probed));
        // points written before the phases were probed read as not probed
        assertTrue(!ProfileFileWriter.text(plain).contains("phaseHosts"));
        assertTrue(ProfileFileReader.read(writeProfile(ProfileFileWriter.text(plain)), "profile.yaml").devices().get(0)
                .design().stream().allMatch(x -> x.measurement().hosts().equals(PhaseHosts.NONE)));
        // a repeat's phase without steps, a point's step of 0 ms and a phase it does not know: all three named
        String indent = List.of(text.split("\n")).stream().filter(x -> x.contains("together:")).findFirst()
                .orElseThrow().replaceAll("together:.*", "");
        String bad = text.replaceFirst("probes: 29\n", "probes: 0\n").replaceFirst("cpuMs: 41.5\n", "cpuMs: 0\n")
                .replaceFirst("\n" + indent + "together:\n", "\n" + indent + "beside:\n" + indent + "  probes: 1\n"
                        + indent + "together:\n");
        Path file = writeProfile(bad);
        List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(file, "p.yaml")).lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("repeats[0].phaseHosts.trainAlone.probes")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("phaseHosts.trainAlone.cpuMs") && x.contains("0")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("phaseHosts.beside")), lines.toString());
    }

    @Test
    void theLatencyBesideTrainingRoundTripsOlderFilesHaveNoneAndEveryBadFigureIsNamed() throws Exception {
        Profile plain = sample();
        Profile measured = new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(withLatencies(plain.devices().get(0))));
        String text = ProfileFileWriter.text(measured);
        // 12 points and 3 repeats, each with its own block
        assertEquals(15, text.split("\n *latencyColocated:\n", -1).length - 1, text);
        assertEquals(measured, ProfileFileReader.read(writeProfile(text), "profile.yaml"));
        // points written before it was measured read as not measured, and so does their mean with a repeat
        Profile older = ProfileFileReader.read(writeProfile(ProfileFileWriter.text(plain)), "profile.yaml");
        assertTrue(older.devices().get(0).design().stream().noneMatch(p -> p.averaged().latencyColocated()
                .measured()));
        assertTrue(!ProfileFileWriter.text(plain).contains("latencyColocated"));
        // the repeat's p99 below its median, a phase of 0 s and an unknown key: all three named at once
        String indent = List.of(text.split("\n")).stream().filter(x -> x.contains("p99Ms: 812.25")).findFirst()
                .orElseThrow().replaceAll("p99Ms.*", "");
        String bad = text.replaceFirst("p99Ms: 812.25", "p99Ms: 4.25").replaceFirst("sec: 15.25", "sec: 0")
                .replaceFirst("sec: 16.5\n", "sec: 16.5\n" + indent + "p95Ms: 3\n");
        Path file = writeProfile(bad);
        List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(file, "p.yaml")).lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("latencyColocated") && x.contains("p99Ms")
                && x.contains("4.25")), lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("latencyColocated.sec") && x.contains("0")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("latencyColocated.p95Ms")), lines.toString());
    }

    @Test
    void theLatencyWithTheServicesAloneRoundTripsBesideTheOtherOlderFilesHaveNoneAndABadFigureIsNamed()
            throws Exception {
        Profile plain = sample();
        // every point with both latencies, the alone one a quarter of the other; the held-out points' repeats too
        ProfiledDevice both = mapDesign(withLatencies(plain.devices().get(0)), p -> new ProfiledDevice.MeasuredPoint(
                alsoAlone(p.measurement()), p.heldOut(), p.repeats().stream().map(ProfileFileTest::alsoAlone).toList()));
        Profile measured = new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(both));
        String text = ProfileFileWriter.text(measured);
        assertEquals(15, text.split("\n *latencyAlone:\n", -1).length - 1, text);
        assertEquals(15, text.split("\n *latencyColocated:\n", -1).length - 1, text);
        Profile read = ProfileFileReader.read(writeProfile(text), "profile.yaml");
        assertEquals(measured, read);
        ProfiledDevice.MeasuredPoint first = read.devices().get(0).design().get(0);
        assertEquals(first.measurement().latencyColocated().p99Ms() / 4, first.measurement().latencyAlone().p99Ms());
        // files before it: none, and a point with one latency keeps it alone
        Profile older = ProfileFileReader.read(writeProfile(ProfileFileWriter.text(new Profile(plain.date(),
                plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(withLatencies(plain.devices().get(0)))))), "profile.yaml");
        assertTrue(older.devices().get(0).design().stream().noneMatch(p -> p.averaged().latencyAlone().measured()));
        assertTrue(older.devices().get(0).design().stream().allMatch(p -> p.averaged().latencyColocated().measured()));
        // the alone block's median of 0 is named under its own key, not the co-located one
        String bad = text.replaceFirst("(latencyAlone:\n *sec: [0-9.]+\n *medianMs: )[0-9.]+", "$10");
        Path file = writeProfile(bad);
        List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(file, "p.yaml")).lines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("latencyAlone.medianMs"), lines.toString());
    }

    @Test
    void trainingsComputeCpuASampleRoundTripsOlderFilesHaveNoneAndEveryBadFigureIsNamed() throws Exception {
        Profile plain = sample();
        // every point with its CPU a sample: 0.5 ms of CPU per sample/ms of throughput alone, +20 % beside
        ProfiledDevice withCpu = mapDesign(plain.devices().get(0), p -> new ProfiledDevice.MeasuredPoint(
                p.measurement().withComputeCpu(new ComputeCpu(500 / p.measurement().trainAloneSamplesPerSec(),
                        600 / p.measurement().trainAloneSamplesPerSec())), p.heldOut(), p.repeats()));
        Profile measured = new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(withCpu));
        String text = ProfileFileWriter.text(measured);
        assertEquals(12, text.split("\n *computeCpu:\n", -1).length - 1, text);
        Profile read = ProfileFileReader.read(writeProfile(text), "profile.yaml");
        assertEquals(measured, read);
        assertEquals(1.2, read.devices().get(0).design().get(3).averaged().computeCpu().colocatedOverAlone(), 1e-9);
        // a file before it: none
        Profile older = ProfileFileReader.read(writeProfile(ProfileFileWriter.text(plain)), "profile.yaml");
        assertTrue(older.devices().get(0).design().stream().noneMatch(p -> p.averaged().computeCpu().measured()));
        // a figure of 0, a missing one and a key of its own: each named under its point's block, all at once
        String bad = text.replaceFirst("(computeCpu:\n *aloneMsPerSample: [0-9.]+\n *colocatedMsPerSample: )[0-9.]+",
                "$10").replaceFirst("(\n *computeCpu:\n *)aloneMsPerSample: [0-9.]+(\n)", "$1cpuMs: 2$2");
        Path file = writeProfile(bad);
        List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(file, "p.yaml")).lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("design[0].computeCpu.colocatedMsPerSample")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("computeCpu.aloneMsPerSample")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("computeCpu.cpuMs")), lines.toString());
    }

    /** {@code m} with a services-alone latency: its co-located one's phase, a quarter of its median and p99. */
    private static Measurement alsoAlone(Measurement m) {
        ColocatedLatency l = m.latencyColocated();
        return m.withLatencyAlone(new ColocatedLatency(l.sec(), l.medianMs() / 4, l.p99Ms() / 4));
    }

    @Test
    void theIdleAgentsCpuRoundTripsReachesTheQuotaAndIsChecked() throws Exception {
        Profile plain = sample();
        Profile measured = new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(plain.devices().get(0).underCpuQuota(100, 2).withIdleCpuCores(0.025)));
        String text = ProfileFileWriter.text(measured);
        assertTrue(text.contains("idleCpuCores: 0.025"), text);
        Profile read = ProfileFileReader.read(writeProfile(text), "profile.yaml");
        assertEquals(measured, read);
        assertEquals(new io.deepedge.models.CpuQuota(1.0, 100, 2, 0.025), read.devices().get(0).cpuQuota());
        // not measured: not written, and a file without it reads as 0
        String none = ProfileFileWriter.text(plain);
        assertTrue(!none.contains("idleCpuCores"), none);
        assertEquals(0.0, ProfileFileReader.read(writeProfile(none), "profile.yaml").devices().get(0).idleCpuCores());
        // negative, and not below the device's cpus (1.0): each refused with its field and value
        for (String value : new String[] {"-0.5", "1.5"}) {
            Path file = writeProfile(text.replace("idleCpuCores: 0.025", "idleCpuCores: " + value));
            List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(file, "p.yaml")).lines();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("idleCpuCores") && lines.get(0).contains(value), lines.toString());
        }
    }

    @Test
    void theCoLocationTermsRoundTripReachTheQuotaAndAreChecked() throws Exception {
        Profile plain = sample();
        io.deepedge.models.ColocationTerms terms = new io.deepedge.models.ColocationTerms(0.75, 0.6);
        Profile fitted = firstDeviceUnderQuota(d -> d.withColocation(terms));
        String text = ProfileFileWriter.text(fitted);
        assertTrue(text.contains("colocation:\n    backToBackCpu: 0.75\n    trainingSpeedWhileServing: 0.6"), text);
        Profile read = ProfileFileReader.read(writeProfile(text), "profile.yaml");
        assertEquals(fitted, read);
        assertEquals(terms, read.devices().get(0).cpuQuota().colocation());
        // not fitted: not written, and a file without them reads as none
        String none = ProfileFileWriter.text(plain);
        assertTrue(!none.contains("colocation"), none);
        assertEquals(io.deepedge.models.ColocationTerms.NONE,
                ProfileFileReader.read(writeProfile(none), "profile.yaml").devices().get(0).colocation());
        // outside (0, 1]: both refused at once, each with its field and value
        Path file = writeProfile(text.replace("backToBackCpu: 0.75", "backToBackCpu: 0")
                .replace("trainingSpeedWhileServing: 0.6", "trainingSpeedWhileServing: 1.5"));
        List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(file, "p.yaml")).lines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("colocation.backToBackCpu") && lines.get(0).contains("0"), lines.toString());
        assertTrue(lines.get(1).contains("colocation.trainingSpeedWhileServing") && lines.get(1).contains("1.5"),
                lines.toString());
        // training's share of a core beside a request: written when fitted below 1, read back to the twin's quota;
        // absent (the files above) it is 1, and outside (0, 1] it is refused with its value
        io.deepedge.models.ColocationTerms three = new io.deepedge.models.ColocationTerms(0.75, 0.6, 0.65);
        String withCores = ProfileFileWriter.text(firstDeviceUnderQuota(d -> d.withColocation(three)));
        assertTrue(withCores.contains("trainingSpeedWhileServing: 0.6\n    trainingCoresWhileServing: 0.65"),
                withCores);
        assertEquals(three, ProfileFileReader.read(writeProfile(withCores), "profile.yaml").devices().get(0)
                .cpuQuota().colocation());
        assertEquals(1.0, read.devices().get(0).colocation().trainingCoresWhileServing());
        Path zero = writeProfile(withCores.replace("trainingCoresWhileServing: 0.65", "trainingCoresWhileServing: 0"));
        List<String> refused = assertThrows(TraceException.class, () -> ProfileFileReader.read(zero, "p.yaml"))
                .lines();
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).contains("colocation.trainingCoresWhileServing"), refused.toString());
    }

    @Test
    void theCoRunnerSpeedRoundTripsToTheQuotaAndIsChecked() throws Exception {
        // measured below 1: written after the other terms, read back to the twin's quota; a file without it reads
        // as 1 (work unaffected by other devices); outside (0, 1] it is refused with its field and value
        io.deepedge.models.ColocationTerms four = new io.deepedge.models.ColocationTerms(0.75, 0.6, 0.65, 0.9);
        String text = ProfileFileWriter.text(firstDeviceUnderQuota(d -> d.withColocation(four)));
        assertTrue(text.contains("trainingCoresWhileServing: 0.65\n    coRunnerSpeed: 0.9"), text);
        assertEquals(four, ProfileFileReader.read(writeProfile(text), "profile.yaml").devices().get(0)
                .cpuQuota().colocation());
        String onlyIt = ProfileFileWriter.text(firstDeviceUnderQuota(
                d -> d.withColocation(io.deepedge.models.ColocationTerms.NONE.withCoRunnerSpeed(0.85))));
        assertTrue(onlyIt.contains("colocation:\n    backToBackCpu: 1.0\n    trainingSpeedWhileServing: 1.0\n"
                + "    coRunnerSpeed: 0.85"), onlyIt);
        assertEquals(1.0, ProfileFileReader.read(writeProfile(text.replace("    coRunnerSpeed: 0.9\n", "")),
                "profile.yaml").devices().get(0).colocation().coRunnerSpeed());
        termRefused(text, "coRunnerSpeed", "0.9", "0", "1.2", "-0.5");
    }

    @Test
    void theColdRequestSpeedRoundTripsToTheQuotaAndIsChecked() throws Exception {
        // fitted below 1: written last of the terms and read back to the twin's quota; a file without it (written
        // before it was fitted) reads as 1, every request alike; outside (0, 1] refused with its field and value
        io.deepedge.models.ColocationTerms five = new io.deepedge.models.ColocationTerms(0.75, 0.6, 0.65, 0.9, 0.55);
        String text = ProfileFileWriter.text(firstDeviceUnderQuota(d -> d.withColocation(five)));
        assertTrue(text.contains("coRunnerSpeed: 0.9\n    coldRequestSpeed: 0.55"), text);
        assertEquals(five, ProfileFileReader.read(writeProfile(text), "profile.yaml").devices().get(0)
                .cpuQuota().colocation());
        assertEquals(1.0, ProfileFileReader.read(writeProfile(text.replace("    coldRequestSpeed: 0.55\n", "")),
                "profile.yaml").devices().get(0).colocation().coldRequestSpeed());
        termRefused(text, "coldRequestSpeed", "0.55", "0", "1.5");
    }

    /**
     * {@code text} with the co-location term {@code key} (written as {@code value}) set to each of {@code bads}:
     * refused, one problem naming the field and the value.
     */
    private void termRefused(String text, String key, String value, String... bads) throws Exception {
        for (String bad : bads) {
            Path file = writeProfile(text.replace(key + ": " + value, key + ": " + bad));
            List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(file, "p.yaml"))
                    .lines();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("colocation." + key) && lines.get(0).contains(bad), lines.toString());
        }
    }

    /** {@link #sample}'s first device alone, measured under a 100 ms CFS period on 2 cores and then changed. */
    private static Profile firstDeviceUnderQuota(java.util.function.UnaryOperator<ProfiledDevice> change) {
        Profile plain = sample();
        return new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(change.apply(plain.devices().get(0).underCpuQuota(100, 2))));
    }

    @Test
    void theHostsSpeedSpreadRoundTripsReachesTheTwinsQuotaAndIsChecked() throws Exception {
        Profile plain = sample();
        Profile measured = firstDeviceUnderQuota(d -> d.withSpeedSpread(0.07));
        String text = ProfileFileWriter.text(measured);
        assertTrue(text.contains("speedSpread: 0.07"), text);
        Path file = writeProfile(text);
        Profile read = ProfileFileReader.read(file, "profile.yaml");
        assertEquals(measured, read);
        assertEquals(0.07, read.devices().get(0).cpuQuota().speedSpread());
        Scenario s = ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", CONFIG)).gridPoints().get(0).scenario();
        Device twin = s.devices().stream().filter(d -> d.name().equals("big")).findFirst().orElseThrow();
        assertEquals(0.07, twin.profile().cpuQuota().speedSpread());
        // not measured: not written, and a file without it reads as none
        String none = ProfileFileWriter.text(plain);
        assertTrue(!none.contains("speedSpread"), none);
        assertEquals(0.0, ProfileFileReader.read(writeProfile(none), "profile.yaml").devices().get(0).speedSpread());
        // negative, and above 1: each refused with its field and value
        for (String value : new String[] {"-0.1", "1.5"}) {
            Path bad = writeProfile(text.replace("speedSpread: 0.07", "speedSpread: " + value));
            List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(bad, "p.yaml"))
                    .lines();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("speedSpread") && lines.get(0).contains(value), lines.toString());
        }
    }

    @Test
    void theHostProbeRoundTripsAndAGridPointOfProbedProfilesCarriesTheirHost() throws Exception {
        HostProbe host = new HostProbe(412, 44.9);
        Profile measured = firstDeviceUnderQuota(d -> d.withHostProbe(host));
        String text = ProfileFileWriter.text(measured);
        assertTrue(text.contains("probes: 412") && text.contains("cpuMs: 44.9"), text);
        assertEquals(measured, ProfileFileReader.read(writeProfile(text), "profile.yaml"));
        // both devices from the file (other is its device big again): 824 steps of 44.9 ms; with other inline, none
        String bothProbed = CONFIG.replace("profile: { trainSamplesPerSec: 50, memoryMiB: 512 }",
                "profile: { file: profile.yaml, device: big }");
        assertEquals(new HostProbe(824, 44.9),
                ConfigLoader.load(ConfigFiles.write(dir, "both.yaml", bothProbed)).gridPoints().get(0).profileHost());
        assertEquals(HostProbe.NONE,
                ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", CONFIG)).gridPoints().get(0).profileHost());
        // not recorded: not written, and a file without it reads as none, so its grid point has no host either
        String plain = ProfileFileWriter.text(sample());
        assertTrue(!plain.contains("hostProbe"), plain);
        writeProfile(plain);
        assertEquals(HostProbe.NONE,
                ConfigLoader.load(ConfigFiles.write(dir, "both.yaml", bothProbed)).gridPoints().get(0).profileHost());
        // no step, a figure of 0 and a key it does not know: all three named at once
        Path bad = writeProfile(text.replace("probes: 412", "probes: 0").replace("cpuMs: 44.9",
                "cpuMs: 0\n    cpuSec: 1"));
        List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(bad, "p.yaml")).lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("devices[0].hostProbe.probes") && x.contains("0")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("devices[0].hostProbe.cpuMs")), lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("cpuSec")), lines.toString());
    }

    @Test
    void theHostsSpeedTraceRoundTripsInFlowStyleReachesTheTwinsQuotaAndEveryBadSpeedIsNamed() throws Exception {
        Profile plain = sample();
        HostSpeedTrace trace = new HostSpeedTrace(0.5, List.of(1.04, 0.97, 0.81, 1.12));
        Profile measured = firstDeviceUnderQuota(d -> d.withSpeedTrace(trace));
        String text = ProfileFileWriter.text(measured);
        assertTrue(text.contains("speeds: [1.04, 0.97, 0.81, 1.12]"), text);
        Profile read = ProfileFileReader.read(writeProfile(text), "profile.yaml");
        assertEquals(measured, read);
        assertEquals(trace, read.devices().get(0).cpuQuota().speedTrace());
        Scenario s = ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", CONFIG)).gridPoints().get(0).scenario();
        Device twin = s.devices().stream().filter(d -> d.name().equals("big")).findFirst().orElseThrow();
        assertEquals(trace, twin.profile().cpuQuota().speedTrace());
        // not recorded: not written, and a file without it reads as none
        assertTrue(!ProfileFileWriter.text(plain).contains("speedTrace"));
        assertEquals(HostSpeedTrace.NONE, ProfileFileReader.read(writeProfile(ProfileFileWriter.text(plain)),
                "profile.yaml").devices().get(0).speedTrace());
        // a speed of 0.05, one that is not a number and a step of 0: all three named at once
        Path bad = writeProfile(text.replace("0.97, 0.81", "0.05, fast").replace("stepSec: 0.5", "stepSec: 0"));
        List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(bad, "p.yaml")).lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("devices[0].speedTrace.speeds[1]") && x.contains("0.05")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("devices[0].speedTrace.speeds[2]") && x.contains("fast")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("devices[0].speedTrace.stepSec")), lines.toString());
    }

    @Test
    void collectorPausesAreRefusedWithEveryBadFieldNamed() throws Exception {
        Profile plain = sample();
        String text = ProfileFileWriter.text(new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(),
                plain.method(), List.of(plain.devices().get(0).withGcPauses(new GcPauses(0.002, 0.0005, 45.0, 0.5, 0.25, 0.125)))));
        // a negative count and a negative CPU time, and a key the file does not know: all three at once
        String bad = text.replace("perRequest: 0.002", "perRequest: -0.002")
                .replace("cpuMsPerRequest: 45.0", "cpuMsPerRequest: -45.0\n    wallMsPerPause: 60.0");
        Path file = writeProfile(bad);
        TraceException e = assertThrows(TraceException.class, () -> ProfileFileReader.read(file, "p.yaml"));
        List<String> lines = e.lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("devices[0].gcPauses.perRequest") && x.contains("-0.002")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("devices[0].gcPauses.cpuMsPerRequest") && x.contains("-45.0")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("devices[0].gcPauses.wallMsPerPause")), lines.toString());
    }

    private static final String CONFIG = """
            name: twin
            seed: 1
            replications: 1
            horizonSec: 60
            devices:
              - name: big
                profile: { file: profile.yaml }
              - name: other
                profile: { trainSamplesPerSec: 50, memoryMiB: 512 }
            services:
              - name: classifier
                devices: [big]
                arrivals: { poisson: { ratePerSec: 20 } }
                serviceTimeMs: profile
                deadlineMs: 50
            training:
              model: lenet
              parameterBytes: 1724320
              samples: 640
              batchSize: 64
            policies: [deep-edge]
            """;

    @Test
    void aDeviceTakesThroughputInterferenceServiceTimeAndHopFromItsProfileFile() throws Exception {
        Profile profile = sample();
        writeProfile(ProfileFileWriter.text(profile));
        Scenario s = ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", CONFIG)).gridPoints().get(0).scenario();
        Device big = s.devices().stream().filter(d -> d.name().equals("big")).findFirst().orElseThrow();
        InterferenceModel m = profile.devices().get(0).model();
        ServiceInstance classifier = s.services().get(0);
        assertEquals(new ServiceTime.Lognormal(6.0, 0.45), classifier.serviceTime());
        assertEquals(3.25, classifier.clientHopMs());
        double rho = 20 * 6.0 / 1000;
        List<Integer> batches = profile.devices().get(0).batches();
        assertEquals(batches, big.profile().batchSizes());
        for (BatchPoint p : big.profile().batches()) {
            assertEquals(p.batch() / (m.iterationBaseSec() + m.iterationPerSampleSec() * p.batch()),
                    p.trainSamplesPerSec(), 1e-9);
            double phi = m.serviceIntercept() + m.servicePerBatch() * p.batch() + m.servicePerUtilisation() * rho;
            assertEquals(Math.max(1, phi), p.serviceSlowdown(), 1e-12);
        }
        assertEquals(m.trainingSlowdownWhileServing(), big.profile().interference().trainingSlowdown());
        assertEquals(1024, big.profile().memoryMiB());
    }

    @Test
    void aDeviceMeasuredUnderACpuQuotaTakesItIntoTheTwin() throws Exception {
        Profile plain = sample();
        ProfiledDevice measured = plain.devices().get(0);
        // the classifier's worker used 4.0 ms of CPU per request (cv 0.1) where its service time was 6.0 ms
        List<ServiceProfile> services = List.of(new ServiceProfile("classifier", "model-file:base-abc.zip", 6.0, 0.45,
                600, 9.5, 4.0, 0.1), measured.services().get(1));
        ProfiledDevice big = new ProfiledDevice(measured.name(), measured.cpus(), measured.memoryMiB(),
                measured.lcHopMs(), measured.roundOverheadMs(), measured.shardLoadMsPerSample(), measured.batches(),
                measured.model(), measured.heldOutErrors(), services, measured.design()).underCpuQuota(100, 2)
                .withQuotaModelErrors(new io.deepedge.models.profile.QuotaModelErrors(
                        new io.deepedge.models.profile.ErrorSummary(0.05, 0.1, 12),
                        new io.deepedge.models.profile.ErrorSummary(0.2, 0.4, 12)));
        Profile quota = new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(), List.of(big));
        String text = ProfileFileWriter.text(quota);
        assertTrue(text.contains("cfsPeriodMs: 100.0") && text.contains("hostCores: 2") && text.contains("cpuMeanMs: 4.0")
                && text.contains("quotaModelError:"), text);
        Path file = writeProfile(text);
        assertEquals(quota, ProfileFileReader.read(file, "profile.yaml"));
        Scenario s = ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", CONFIG)).gridPoints().get(0).scenario();
        Device twin = s.devices().stream().filter(d -> d.name().equals("big")).findFirst().orElseThrow();
        assertEquals(new io.deepedge.models.CpuQuota(1.0, 100, 2), twin.profile().cpuQuota());
        // under the simulated quota a request's work is the worker's CPU time (the quota's waits are simulated), and
        // the capacity 9.5 ms at 1 CPU is 9.5 ms of CPU per request for 4.0 ms of work: 2.375 cores while serving
        assertEquals(new ServiceTime.Lognormal(4.0, 0.1), s.services().get(0).serviceTime());
        assertEquals(9.5 / 4.0, s.services().get(0).cpuCoresWhileServing(), 1e-12);
        // without the quota fields (older files) no limit is modelled and a request uses one core
        writeProfile(ProfileFileWriter.text(plain));
        Scenario old = ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", CONFIG)).gridPoints().get(0).scenario();
        assertTrue(!old.devices().get(0).profile().cpuQuota().limited());
        assertEquals(1.0, old.services().get(0).cpuCoresWhileServing());
        assertEquals(new ServiceTime.Lognormal(6.0, 0.45), old.services().get(0).serviceTime());
    }

    @Test
    void theQuotaModelsErrorOnTrainingsCpuASampleRoundTripsAndAnOlderFileHasNone() throws Exception {
        Profile plain = sample();
        ProfiledDevice measured = plain.devices().get(0).underCpuQuota(100, 2);
        io.deepedge.models.profile.ErrorSummary throughput = new io.deepedge.models.profile.ErrorSummary(0.05, 0.1, 3);
        io.deepedge.models.profile.ErrorSummary service = new io.deepedge.models.profile.ErrorSummary(0.2, 0.4, 3);
        io.deepedge.models.profile.ErrorSummary cpu = new io.deepedge.models.profile.ErrorSummary(0.03, 0.07, 2);
        Profile withCpu = new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(measured.withQuotaModelErrors(new io.deepedge.models.profile.QuotaModelErrors(throughput,
                        service, cpu))));
        String text = ProfileFileWriter.text(withCpu);
        assertTrue(text.contains("    trainCpuRatio:\n      median: 0.03\n      max: 0.07\n      points: 2"), text);
        assertEquals(withCpu, ProfileFileReader.read(writeProfile(text), "profile.yaml"));
        // a file written before the check: the two figures, none of the CPU a sample
        String older = text.replaceAll("    trainCpuRatio:\n      median: 0.03\n      max: 0.07\n      points: 2\n",
                "");
        assertFalse(older.contains("trainCpuRatio"), older);
        io.deepedge.models.profile.QuotaModelErrors read = ProfileFileReader.read(writeProfile(older), "profile.yaml")
                .devices().get(0).quotaModelErrors();
        assertEquals(new io.deepedge.models.profile.QuotaModelErrors(throughput, service), read);
        assertFalse(read.cpuRatioEvaluated());
        // a bad figure in it is named with its path
        Path bad = writeProfile(text.replace("      median: 0.03\n", "      median: -0.03\n"));
        List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(bad, "p.yaml")).lines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("trainCpuRatio.median") && lines.get(0).contains("-0.03"), lines.toString());
    }

    @Test
    void theAgentsCpuOverTheRateRoundTripsAndChargesEachRequestAtItsDevicesTotalRate() throws Exception {
        Profile plain = sample();
        ProfiledDevice measured = plain.devices().get(0);
        List<ServiceProfile> services = List.of(new ServiceProfile("classifier", "model-file:base-abc.zip", 6.0, 0.45,
                600, 9.5, 4.0, 0.1), new ServiceProfile("tagger", "model-file:base-abc.zip", 6.0, 0.04, 300, 9.5, 4.0,
                0.1));
        // 1 CPU, idle agent 0.02 cores; above it 0.1 cores at 10 req/s and 0.3 at 40: b = ln 3 / ln 4, a = 0.1 / 10^b
        ProfiledDevice big = new ProfiledDevice(measured.name(), measured.cpus(), measured.memoryMiB(),
                measured.lcHopMs(), measured.roundOverheadMs(), measured.shardLoadMsPerSample(), measured.batches(),
                measured.model(), measured.heldOutErrors(), services, measured.design()).underCpuQuota(100, 2)
                .withIdleCpuCores(0.02).withServiceCpu(new io.deepedge.models.profile.ServiceCpuCurve(List.of(
                        new io.deepedge.models.profile.ServiceCpuCurve.Point(40, 0.32),
                        new io.deepedge.models.profile.ServiceCpuCurve.Point(10, 0.12))));
        Profile curved = new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(big));
        String text = ProfileFileWriter.text(curved);
        assertTrue(text.contains("serviceCpu:\n  - ratePerSec: 10.0\n    cores: 0.12\n  - ratePerSec: 40.0"), text);
        assertEquals(curved, ProfileFileReader.read(writeProfile(text), "profile.yaml"));
        double b = Math.log(3) / Math.log(4);
        double a = 0.1 / Math.pow(10, b);
        // the classifier alone on big at 20 req/s: 1000 a 20^b / 20 = 8.66 ms of CPU per request, over the worker's 4.0
        Scenario alone = ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", CONFIG)).gridPoints().get(0).scenario();
        assertEquals(1000 * a * Math.pow(20, b - 1) / 4.0, alone.services().get(0).cpuCoresWhileServing(), 1e-9);
        assertEquals(2.165, alone.services().get(0).cpuCoresWhileServing(), 1e-3);
        // with the tagger beside it at 20 req/s the device serves 40: 0.3 cores over 40 requests = 7.5 ms each
        String both = CONFIG.replace("""
                    deadlineMs: 50
                """, """
                    deadlineMs: 50
                  - name: tagger
                    devices: [big]
                    arrivals: { poisson: { ratePerSec: 20 } }
                    serviceTimeMs: profile
                    deadlineMs: 2000
                """);
        Scenario together = ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", both)).gridPoints().get(0).scenario();
        assertEquals(2, together.services().size());
        for (io.deepedge.models.ServiceInstance i : together.services()) {
            assertEquals(7.5 / 4.0, i.cpuCoresWhileServing(), 1e-9, i.service());
        }
        // a bad point is refused with its field and value, every one at once
        Path bad = writeProfile(text.replace("cores: 0.12", "cores: -0.12").replace("ratePerSec: 40.0",
                "ratePerSec: 0"));
        List<String> lines = assertThrows(TraceException.class, () -> ProfileFileReader.read(bad, "p.yaml")).lines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("devices[0].serviceCpu[0].cores") && x.contains("-0.12")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.contains("devices[0].serviceCpu[1].ratePerSec") && x.contains("0")),
                lines.toString());
        // files without it read as none: the profile's one figure (9.5 ms at 1 CPU over 4.0: 2.375 cores) stands
        writeProfile(ProfileFileWriter.text(new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(),
                plain.method(), List.of(big.withServiceCpu(io.deepedge.models.profile.ServiceCpuCurve.NONE)))));
        Scenario none = ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", CONFIG)).gridPoints().get(0).scenario();
        assertEquals(9.5 / 4.0, none.services().get(0).cpuCoresWhileServing(), 1e-12);
    }

    @Test
    void aCpuQuotaNeedsBothItsFieldsInRange() throws Exception {
        Profile plain = sample();
        String text = ProfileFileWriter.text(new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(),
                plain.method(), List.of(plain.devices().get(0).underCpuQuota(100, 2))));
        writeProfile(text.replace("  hostCores: 2\n", ""));
        assertTrue(problems(CONFIG).stream().anyMatch(p -> p.contains("hostCores") && p.contains("cfsPeriodMs")),
                problems(CONFIG).toString());
        writeProfile(text.replace("cfsPeriodMs: 100.0", "cfsPeriodMs: 5000").replace("hostCores: 2", "hostCores: 0"));
        List<String> p = problems(CONFIG);
        assertTrue(p.stream().anyMatch(x -> x.contains("cfsPeriodMs") && x.contains("5000")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.contains("hostCores") && x.contains("0")), p.toString());
    }

    private List<String> problems(String config) throws Exception {
        Path file = ConfigFiles.write(dir, "config.yaml", config);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).problems();
    }

    @Test
    void aMissingProfileFileIsNamedAtTheConfigLine() throws Exception {
        List<String> p = problems(CONFIG);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(dir.resolve("config.yaml") + ":7: devices[0].profile.file: profile file not"
                + " found (profile.yaml), expected an existing file"), p.get(0));
    }

    @Test
    void aBadFieldOfTheProfileFileIsNamedAtItsOwnLineAndTheReference() throws Exception {
        String text = ProfileFileWriter.text(sample()).replace("cpus: 1.0", "cpus: -1");
        int line = List.of(text.split("\n")).indexOf("  cpus: -1") + 1;
        writeProfile(text);
        List<String> p = problems(CONFIG);
        assertEquals(List.of("profile.yaml:" + line + ": devices[0].cpus: must be at least 0.01 (-1), expected a"
                + " number in [0.01, 1024]; referenced at " + dir.resolve("config.yaml") + ":7: devices[0].profile.file"),
                p);
    }

    @Test
    void aBadProfileFileThatThreeDevicesReferenceIsReportedOnceAtTheFirstReference() throws Exception {
        String text = ProfileFileWriter.text(sample()).replace("cpus: 1.0", "cpus: -1");
        int line = List.of(text.split("\n")).indexOf("  cpus: -1") + 1;
        writeProfile(text);
        String threeDevices = CONFIG.replace("profile: { trainSamplesPerSec: 50, memoryMiB: 512 }",
                "profile: { file: profile.yaml, device: big }\n  - name: third\n    profile: { file: profile.yaml, device: big }");
        assertEquals(3, threeDevices.split("file: profile.yaml").length - 1, threeDevices);
        List<String> p = problems(threeDevices);
        assertEquals(List.of("profile.yaml:" + line + ": devices[0].cpus: must be at least 0.01 (-1), expected a"
                + " number in [0.01, 1024]; referenced at " + dir.resolve("config.yaml") + ":7: devices[0].profile.file"),
                p);
    }

    @Test
    void inlineFiguresBesideAProfileFileAndUnknownDevicesAreRefused() throws Exception {
        writeProfile(ProfileFileWriter.text(sample()));
        List<String> mixed = problems(CONFIG.replace("{ file: profile.yaml }",
                "{ file: profile.yaml, trainSamplesPerSec: 10 }"));
        assertEquals(List.of(dir.resolve("config.yaml") + ":7: devices[0].profile.trainSamplesPerSec: cannot be"
                + " combined with profile.file (the file's figures are the whole profile) (trainSamplesPerSec),"
                + " expected only file and device beside a profile file; or an inline profile without file"), mixed);
        List<String> unknown = problems(CONFIG.replace("{ file: profile.yaml }", "{ file: profile.yaml, device: mid }"));
        assertEquals(1, unknown.size(), unknown.toString());
        assertTrue(unknown.get(0).contains("devices[0].profile.device: the profile file has no device mid"), unknown.get(0));
        List<String> noFile = problems(CONFIG.replace("training:", "  - name: other-service\n"
                + "    devices: [other]\n    arrivals: { poisson: { ratePerSec: 1 } }\n"
                + "    serviceTimeMs: profile\n    deadlineMs: 50\ntraining:"));
        assertEquals(1, noFile.size(), noFile.toString());
        assertTrue(noFile.get(0).contains("services[1].devices[0]: device has no profile file"), noFile.get(0));
    }

    @Test
    void profileFileProblemsAreAllReportedAtOnce() throws Exception {
        String text = ProfileFileWriter.text(sample()).replace("lcHopMs: 3.25", "lcHopMs: fast")
                .replace("format: deepedge-profile/1", "format: other/9");
        Path file = writeProfile(text);
        TraceException e = assertThrows(TraceException.class, () -> ProfileFileReader.read(file, "p.yaml"));
        assertEquals(2, e.problems().size(), e.lines().toString());
        assertTrue(e.lines().get(0).startsWith("p.yaml:2: format: is not a known profile format (other/9)"));
        assertTrue(e.lines().get(1).contains("devices[0].lcHopMs: must be a number (fast)"), e.lines().get(1));
    }
}
