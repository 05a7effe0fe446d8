package io.deepedge.models.profile;

import io.deepedge.models.GcPauses;
import io.deepedge.models.HostProbe;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two hand-made profiles of the same devices: every figure's two values and change, worked out by hand. */
class ProfileDriftTest {
    private static final ErrorSummary NONE = new ErrorSummary(0, 0, 0);

    /** A device whose iteration of {@code b} samples takes {@code baseSec + perSampleSec b}. */
    private static ProfiledDevice device(String name, double baseSec, double perSampleSec, List<Integer> batches,
                                         List<ServiceProfile> services, double roundOverheadMs) {
        return new ProfiledDevice(name, 0.5, 1024, 2.0, roundOverheadMs, 0, batches,
                new InterferenceModel(baseSec, perSampleSec, 2, 0, 0, 2), new HeldOutErrors(NONE, NONE, NONE),
                services, List.of());
    }

    private static Profile profile(String date, ProfiledDevice... devices) {
        return new Profile(date, "m", "jvm", 7, DesignPlan.LATIN_HYPERCUBE, List.of(devices));
    }

    @Test
    void everyMeasuredFigureOfADeviceInBothWithItsChange() {
        ServiceProfile before = new ServiceProfile("lc", "m", 4.0, 0.5, 100, 8.0, 2.5, 0.2);
        ServiceProfile after = new ServiceProfile("lc", "m", 5.0, 0.4, 100, 6.0, 2.5, 0.2);
        // 32 samples: 0.01 + 0.005 x 32 = 0.17 s -> 188.235... samples/s; after 0.01 + 0.004 x 32 = 0.138 s
        // 64 (only after's batch): 0.33 s and 0.266 s
        ProfiledDevice b = device("d", 0.01, 0.005, List.of(32), List.of(before), 20)
                .withHostProbe(new HostProbe(400, 44.0));
        ProfiledDevice a = device("d", 0.01, 0.004, List.of(32, 64), List.of(after), 30)
                .withGcPauses(new GcPauses(0.01, 0, 0, 0, 0, 0)).withIdleCpuCores(0.02)
                .withHostProbe(new HostProbe(300, 46.2));
        ProfileDrift drift = ProfileDrift.between(profile("t0", b), profile("t1", a));
        Map<String, ProfileDrift.Row> rows = drift.rows().stream()
                .collect(Collectors.toMap(ProfileDrift.Row::figure, Function.identity()));
        assertRow(rows.get("cpus"), 0.5, 0.5, 0.0);
        assertRow(rows.get("trainSamplesPerSec@32"), 32 / 0.17, 32 / 0.138, 0.17 / 0.138 - 1);
        assertRow(rows.get("trainSamplesPerSec@64"), 64 / 0.33, 64 / 0.266, 0.33 / 0.266 - 1);
        assertRow(rows.get("lc.meanMs"), 4.0, 5.0, 0.25);
        assertRow(rows.get("lc.cv"), 0.5, 0.4, -0.2);
        assertRow(rows.get("lc.capacityMs"), 8.0, 6.0, -0.25);
        assertRow(rows.get("lc.cpuMeanMs"), 2.5, 2.5, 0.0);
        assertRow(rows.get("roundOverheadMs"), 20, 30, 0.5);
        assertRow(rows.get("lcHopMs"), 2.0, 2.0, 0.0);
        // the host each was measured on: 46.2 / 44 - 1 = +5 %
        assertRow(rows.get("hostProbe.cpuMs"), 44.0, 46.2, 0.05);
        // measured only later: both values, no relative change
        assertEquals(0.0, rows.get("idleCpuCores").before());
        assertEquals(0.02, rows.get("idleCpuCores").after());
        assertFalse(rows.get("idleCpuCores").relChange().isPresent());
        assertEquals(0.01, rows.get("gcPauses.perRequest").after());
        // measured by neither: left out
        for (String none : List.of("shardLoadMsPerSample", "roundCoordinationMs", "gcPauses.perTrainSample")) {
            assertFalse(rows.containsKey(none), none);
        }
        assertEquals(12, drift.rows().size(), drift.rows().toString());
        // the largest |change|: roundOverheadMs +50 % (the throughputs moved by 23.2 % and 24.1 %, capacity -25 %)
        assertEquals("roundOverheadMs", drift.largest().orElseThrow().figure());
        assertTrue(drift.onlyBefore().isEmpty() && drift.onlyAfter().isEmpty());
    }

    @Test
    void theAgentsCpuCurvesAreComparedAtTheEarlierCurvesRates() {
        // before: idle 0.01 + 0.004 x rate^0.8 at 10 and 100 req/s; after: idle 0.02 + 0.005 x rate^0.7 at 20 and
        // 120 req/s. A request's CPU at rate r is 1000 a r^(b - 1) ms; the after curve is read at 10 req/s below its
        // lowest point, so there it is held at 20 req/s
        ServiceCpuCurve before = new ServiceCpuCurve(List.of(new ServiceCpuCurve.Point(10, 0.01 + 0.004 * Math.pow(10, 0.8)),
                new ServiceCpuCurve.Point(100, 0.01 + 0.004 * Math.pow(100, 0.8))));
        ServiceCpuCurve after = new ServiceCpuCurve(List.of(new ServiceCpuCurve.Point(20, 0.02 + 0.005 * Math.pow(20, 0.7)),
                new ServiceCpuCurve.Point(120, 0.02 + 0.005 * Math.pow(120, 0.7))));
        ProfiledDevice b = device("d", 0.01, 0.005, List.of(32), List.of(), 0).withIdleCpuCores(0.01)
                .withServiceCpu(before);
        ProfiledDevice a = device("d", 0.01, 0.005, List.of(32), List.of(), 0).withIdleCpuCores(0.02)
                .withServiceCpu(after);
        Map<String, ProfileDrift.Row> rows = ProfileDrift.between(profile("t0", b), profile("t1", a)).rows().stream()
                .collect(Collectors.toMap(ProfileDrift.Row::figure, Function.identity()));
        ProfileDrift.Row low = rows.get("serviceCpu.cpuMsPerRequest@10.0/s");
        ProfileDrift.Row high = rows.get("serviceCpu.cpuMsPerRequest@100/s");
        assertEquals(4 * Math.pow(10, -0.2), low.before(), 1e-9);
        assertEquals(5 * Math.pow(20, -0.3), low.after(), 1e-9);
        assertEquals(4 * Math.pow(100, -0.2), high.before(), 1e-9);
        assertEquals(5 * Math.pow(100, -0.3), high.after(), 1e-9);
        // a curve in one profile only: its values beside 0, no change (in neither: no row, as in the first test)
        Map<String, ProfileDrift.Row> one = ProfileDrift.between(profile("t0", device("d", 0.01, 0.005, List.of(32),
                List.of(), 0)), profile("t1", a)).rows().stream()
                .collect(Collectors.toMap(ProfileDrift.Row::figure, Function.identity()));
        assertEquals(0.0, one.get("serviceCpu.cpuMsPerRequest@20.0/s").before());
        assertEquals(5 * Math.pow(120, -0.3), one.get("serviceCpu.cpuMsPerRequest@120/s").after(), 1e-9);
        assertFalse(one.get("serviceCpu.cpuMsPerRequest@120/s").relChange().isPresent());
    }

    @Test
    void coLocationTermsAreComparedWhereEitherProfileFittedThem() {
        // fitted only later: 1 (the model as is) before, 0.8, 0.7 and a cold request at 0.6 after, -20, -30 and -40 %;
        // fitted by neither: no row
        ProfiledDevice b = device("d", 0.01, 0.005, List.of(32), List.of(), 0);
        ProfiledDevice a = b.withColocation(new io.deepedge.models.ColocationTerms(0.8, 0.7).withColdRequestSpeed(0.6));
        Map<String, ProfileDrift.Row> rows = ProfileDrift.between(profile("t0", b), profile("t1", a)).rows().stream()
                .collect(Collectors.toMap(ProfileDrift.Row::figure, Function.identity()));
        assertRow(rows.get("colocation.backToBackCpu"), 1.0, 0.8, -0.2);
        assertRow(rows.get("colocation.trainingSpeedWhileServing"), 1.0, 0.7, -0.3);
        assertRow(rows.get("colocation.coldRequestSpeed"), 1.0, 0.6, -0.4);
        assertTrue(ProfileDrift.between(profile("t0", b), profile("t1", b)).rows().stream()
                .noneMatch(r -> r.figure().startsWith("colocation.")));
    }

    @Test
    void devicesAndServicesInOneProfileOnlyAreNamedNotCompared() {
        ServiceProfile lc = new ServiceProfile("lc", "m", 4.0, 0.5, 100);
        ServiceProfile other = new ServiceProfile("other", "m", 4.0, 0.5, 100);
        ProfileDrift drift = ProfileDrift.between(
                profile("t0", device("d", 0.01, 0.005, List.of(8), List.of(lc), 0),
                        device("gone", 0.01, 0.005, List.of(8), List.of(), 0)),
                profile("t1", device("new", 0.01, 0.005, List.of(8), List.of(), 0),
                        device("d", 0.01, 0.005, List.of(8), List.of(other), 0)));
        assertEquals(List.of("d/lc", "gone"), drift.onlyBefore());
        assertEquals(List.of("d/other", "new"), drift.onlyAfter());
        assertTrue(drift.rows().stream().allMatch(r -> r.device().equals("d")), drift.rows().toString());
        assertTrue(drift.rows().stream().noneMatch(r -> r.figure().startsWith("lc.") || r.figure().startsWith("other.")));
        // nothing moved: every change is 0
        assertTrue(drift.rows().stream().allMatch(r -> r.relChange().getAsDouble() == 0.0), drift.rows().toString());
    }

    private static void assertRow(ProfileDrift.Row row, double before, double after, double change) {
        assertEquals(before, row.before(), 1e-9, row.toString());
        assertEquals(after, row.after(), 1e-9, row.toString());
        assertEquals(change, row.relChange().getAsDouble(), 1e-12, row.toString());
    }
}
