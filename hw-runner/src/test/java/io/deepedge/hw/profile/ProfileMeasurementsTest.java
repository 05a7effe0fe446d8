package io.deepedge.hw.profile;

import io.deepedge.models.GcPauses;
import io.deepedge.models.profile.ColocatedLatency;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.ServiceProfile;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Design points' timings turned into the profile's terms; expected values worked out by hand in the comments. */
class ProfileMeasurementsTest {
    /** Service {@code id} alone (mean, cv, count) and beside training (mean, same count). */
    private static PointTimings point(double aloneSps, double besideSps, String id, double aloneMs, double aloneCv,
                                      int count, double trainingMs) {
        return new PointTimings(aloneSps, besideSps, Map.of(id, new ServiceTimes(count, aloneMs, aloneCv)),
                Map.of(id, new ServiceTimes(count, trainingMs, 0)), 0, 0, Map.of());
    }

    /** A point whose services-alone phase had the given agent median and client median, per service. */
    private static PointTimings hopPoint(Map<String, double[]> agentAndClientMedianMs) {
        Map<String, ServiceTimes> alone = new LinkedHashMap<>();
        Map<String, Double> client = new LinkedHashMap<>();
        agentAndClientMedianMs.forEach((id, ms) -> {
            alone.put(id, new ServiceTimes(100, ms[0] + 1, 0.5, ms[0]));
            client.put(id, ms[1]);
        });
        return new PointTimings(100, 50, alone, Map.of(), 0, 0, Map.of(), client);
    }

    @Test
    void theHopIsTheMedianOfClientLessAgentMediansAtTheLowerRates() {
        // rates 10, 40, 20, 80, 30: median 30, so the points at 10, 20, 30 count (40 and 80 queue more). Their
        // client - agent medians: a 4.1 - 2.5 = 1.6, b 5.0 - 3.0 = 2.0 (10/s); a 3.9 - 2.5 = 1.4 (20/s); a 4.3 - 2.4
        // = 1.9 (30/s): sorted 1.4, 1.6, 1.9, 2.0, median (1.6 + 1.9) / 2 = 1.75. The 40 and 80/s points' 9 ms
        // (queueing) are left out.
        List<DesignPoint> points = List.of(new DesignPoint(8, 10), new DesignPoint(8, 40), new DesignPoint(8, 20),
                new DesignPoint(8, 80), new DesignPoint(8, 30));
        List<PointTimings> timings = List.of(
                hopPoint(Map.of("a", new double[] {2.5, 4.1}, "b", new double[] {3.0, 5.0})),
                hopPoint(Map.of("a", new double[] {2.5, 11.5})),
                hopPoint(Map.of("a", new double[] {2.5, 3.9})),
                hopPoint(Map.of("a", new double[] {2.5, 11.5})),
                hopPoint(Map.of("a", new double[] {2.4, 4.3})));
        assertEquals(1.75, ProfileMeasurements.hopMs(points, timings).orElseThrow(), 1e-12);
        // a client faster than the agent's median (clock grain) gives 0, not a negative hop
        assertEquals(0, ProfileMeasurements.hopMs(List.of(new DesignPoint(8, 10)),
                List.of(hopPoint(Map.of("a", new double[] {2.5, 2.4})))).orElseThrow());
        // no client figures (an older profile's timings): no hop from the design
        assertTrue(ProfileMeasurements.hopMs(List.of(new DesignPoint(8, 10)),
                List.of(point(100, 50, "a", 2.5, 0.5, 100, 4))).isEmpty());
    }

    @Test
    void cpuPerRequestIsTheSlopeOfTheAgentsCpuOverTheRate() {
        // 0.05 idle cores plus 2.9 ms of CPU per request: at 20, 60 and 150 req/s 0.108, 0.224 and 0.485 cores
        List<PointTimings> exact = List.of(cpu(20, 0.108), cpu(60, 0.224), cpu(150, 0.485));
        assertEquals(2.9, ProfileMeasurements.cpuOverRate(exact).orElseThrow().cpuMsPerRequest(), 1e-9);
        // noise of +-0.01 cores around the same line: least squares by hand, x = 20, 60, 100, 150,
        // y = 0.118, 0.214, 0.350, 0.485; mean x 82.5, mean y 0.29175; Sxy = 26.6725, Sxx = 9275 -> 2.8758 ms
        List<PointTimings> noisy = List.of(cpu(20, 0.118), cpu(60, 0.214), cpu(100, 0.350), cpu(150, 0.485));
        ProfileMeasurements.CpuOverRate fit = ProfileMeasurements.cpuOverRate(noisy).orElseThrow();
        assertEquals(26.6725 / 9275 * 1000, fit.cpuMsPerRequest(), 1e-9);
        // the intercept is the idle agent: 0.05 cores on the exact line, mean y - slope x mean x on the noisy one
        assertEquals(0.05, ProfileMeasurements.cpuOverRate(exact).orElseThrow().idleCores(), 1e-12);
        assertEquals(0.29175 - 26.6725 / 9275 * 82.5, fit.idleCores(), 1e-12);
        // a line through negative idle CPU (3 ms per request and -0.01 cores) is an idle agent of 0
        assertEquals(0.0, ProfileMeasurements.cpuOverRate(List.of(cpu(20, 0.05), cpu(60, 0.17), cpu(150, 0.44)))
                .orElseThrow().idleCores());
        // too few points, one rate only, and a falling line give nothing (the probe's figure stays)
        assertTrue(ProfileMeasurements.cpuOverRate(List.of(cpu(20, 0.1), cpu(60, 0.2))).isEmpty());
        assertTrue(ProfileMeasurements.cpuOverRate(List.of(cpu(50, 0.1), cpu(50, 0.2), cpu(50, 0.3))).isEmpty());
        assertTrue(ProfileMeasurements.cpuOverRate(List.of(cpu(20, 0.3), cpu(60, 0.2), cpu(90, 0.1))).isEmpty());
        // points without a services-alone phase (0 req/s) are left out
        List<PointTimings> withMissing = List.of(cpu(20, 0.108), cpu(0, 0.9), cpu(60, 0.224), cpu(150, 0.485));
        assertEquals(2.9, ProfileMeasurements.cpuOverRate(withMissing).orElseThrow().cpuMsPerRequest(), 1e-9);
        assertEquals(0.05, ProfileMeasurements.cpuOverRate(withMissing).orElseThrow().idleCores(), 1e-12);
    }

    @Test
    void collectorPausesAndTheirCpuAreFittedPerRequestAndPerSampleWithoutAnIntercept() {
        // 1 pause per 500 requests and 1 per 3000 samples, exact: 1000 requests -> 2; 6000 samples -> 2;
        // 500 + 3000 -> 1 + 1; 1500 + 9000 -> 3 + 3. The collector's CPU 0.1 ms per request and 0.01 per sample:
        // 100, 60, 50 + 30, 150 + 90 ms; the cleanup 0.05 and 0.002: 50, 12, 25 + 6, 75 + 18 ms
        GcPauses g = ProfileMeasurements.gcPauses(List.of(gc(1000, 0, 2, 100, 50), gc(0, 6000, 2, 60, 12),
                gc(500, 3000, 2, 80, 31), gc(1500, 9000, 6, 240, 93))).orElseThrow();
        assertGc(new GcPauses(0.002, 1.0 / 3000, 0.1, 0.01, 0.05, 0.002), g);
        // only requests (no window trained): the requests' coefficients alone, 3 pauses / 1500 requests and
        // (1000 x 80 + 500 x 40) / (1000^2 + 500^2) = 0.08 ms of CPU per request
        GcPauses served = ProfileMeasurements.gcPauses(List.of(gc(1000, 0, 2, 80), gc(500, 0, 1, 40))).orElseThrow();
        assertGc(new GcPauses(0.002, 0, 0.08, 0, 0, 0), served);
        // one window without the cleanup's CPU: the rest as before, no cleanup figure from part of the design
        GcPauses partial = ProfileMeasurements.gcPauses(List.of(gc(1000, 0, 2, 100, 50), gc(0, 6000, 2, 60, -1),
                gc(500, 3000, 2, 80, 31), gc(1500, 9000, 6, 240, 93))).orElseThrow();
        assertGc(new GcPauses(0.002, 1.0 / 3000, 0.1, 0.01, 0, 0), partial);
    }

    @Test
    void aNegativeCoefficientIsZeroAndTheOtherRefittedAlone() {
        // (requests, samples, pauses, CPU) = (100, 0, 0, 0), (100, 3000, 1, 50), (0, 3000, 2, 94): sums rr = 2e4,
        // ss = 1.8e7, rs = 3e5; pauses: rp = 100, sp = 9000, det = 2.7e11, perRequest = (1.8e7 x 100 - 3e5 x 9000) /
        // det = -1/300 < 0, so 0, and perTrainSample = 9000 / 1.8e7 = 0.0005; CPU: ry = 5000, sy = 432000,
        // (1.8e7 x 5000 - 3e5 x 432000) < 0, so 0 per request and 432000 / 1.8e7 = 0.024 ms per sample
        GcPauses noRequests = ProfileMeasurements.gcPauses(List.of(gc(100, 0, 0, 0), gc(100, 3000, 1, 50),
                gc(0, 3000, 2, 94))).orElseThrow();
        assertGc(new GcPauses(0, 0.0005, 0, 0.024, 0, 0), noRequests);
        // the same with requests and samples swapped
        GcPauses noSamples = ProfileMeasurements.gcPauses(List.of(gc(0, 100, 0, 0), gc(3000, 100, 1, 50),
                gc(3000, 0, 2, 94))).orElseThrow();
        assertGc(new GcPauses(0.0005, 0, 0.024, 0, 0, 0), noSamples);
    }

    private static void assertGc(GcPauses expected, GcPauses actual) {
        double[] e = {expected.perRequest(), expected.perTrainSample(), expected.cpuMsPerRequest(),
                expected.cpuMsPerTrainSample(), expected.cleanupCpuMsPerRequest(), expected.cleanupCpuMsPerTrainSample()};
        double[] a = {actual.perRequest(), actual.perTrainSample(), actual.cpuMsPerRequest(),
                actual.cpuMsPerTrainSample(), actual.cleanupCpuMsPerRequest(), actual.cleanupCpuMsPerTrainSample()};
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-12, "component " + i + " of " + actual);
        }
    }

    @Test
    void noPauseFigureWithoutTheAgentsCpuAPauseOrSeparableWork() {
        // one window without the collector's CPU (gc_pause_cpu_ms -1): no figure from the others
        assertTrue(ProfileMeasurements.gcPauses(List.of(gc(1000, 0, 2, 90), gc(0, 6000, 2, -1))).isEmpty());
        // no pause (also every window of an agent before protocol 1.5, whose fields are all 0)
        assertTrue(ProfileMeasurements.gcPauses(List.of(gc(1000, 0, 0, 0), gc(0, 6000, 0, 0))).isEmpty());
        assertTrue(ProfileMeasurements.gcPauses(List.of()).isEmpty());
        // pauses but no work
        assertTrue(ProfileMeasurements.gcPauses(List.of(gc(0, 0, 1, 40))).isEmpty());
        // requests and samples in the same proportion in every window: any split fits as well
        assertTrue(ProfileMeasurements.gcPauses(List.of(gc(100, 600, 1, 40), gc(200, 1200, 2, 90))).isEmpty());
    }

    private static GcWindow gc(long requests, long samples, long pauses, double cpuMs) {
        return gc(requests, samples, pauses, cpuMs, 0);
    }

    private static GcWindow gc(long requests, long samples, long pauses, double cpuMs, double cleanupMs) {
        return new GcWindow(pauses, cpuMs, 1.5 * Math.max(0, cpuMs), cleanupMs, requests, samples, 2.0);
    }

    @Test
    void theWorkersCpuTimeIsPooledLikeTheServiceTimeWhenEveryPointHasIt() {
        // service times as in the pooling test below; CPU times: 10 of mean 2 and sd 1, 30 of mean 3 and sd 0:
        // mean (20 + 90) / 40 = 2.75; sum of squares 9 x 1 + 10 x 4 + 30 x 9 = 319, variance (319 - 40 x 2.75^2) / 39
        PointTimings a = withCpu(point(1, 1, "a", 4, 0.5, 10, 8), new ServiceTimes(10, 2, 0.5));
        PointTimings b = withCpu(point(1, 1, "a", 6, 0, 30, 8), new ServiceTimes(30, 3, 0));
        ServiceProfile s = ProfileMeasurements.service("a", "model-x", List.of(a, b), 7.5);
        assertEquals(2.75, s.cpuMeanMs(), 1e-12);
        assertEquals(Math.sqrt((319 - 40 * 2.75 * 2.75) / 39) / 2.75, s.cpuCv(), 1e-12);
        assertEquals(5.5, s.meanMs(), 1e-12);
        assertEquals(7.5, s.capacityMs());
        // one point without CPU times (an older agent): none at all, rather than a figure from part of the design
        ServiceProfile partial = ProfileMeasurements.service("a", "model-x", List.of(a, point(1, 1, "a", 6, 0, 30, 8)), 7.5);
        assertEquals(0, partial.cpuMeanMs());
        assertEquals(0, partial.cpuCv());
    }

    private static PointTimings withCpu(PointTimings t, ServiceTimes cpu) {
        return new PointTimings(t.trainAloneSamplesPerSec(), t.trainColocatedSamplesPerSec(), t.alone(), t.colocated(),
                0, 0, Map.of("a", cpu));
    }

    private static PointTimings cpu(double requestsPerSec, double cores) {
        return new PointTimings(100, 50, Map.of(), Map.of(), requestsPerSec, cores, Map.of());
    }

    @Test
    void aDesignPointsServiceTimesAreTheRateWeightedMeanOfItsServices() {
        Map<String, Double> share = new LinkedHashMap<>();
        share.put("a", 0.75);
        share.put("b", 0.25);
        DesignPoint p = new DesignPoint(16, 40);
        PointTimings t = new PointTimings(200, 150,
                Map.of("a", new ServiceTimes(10, 4, 0.5), "b", new ServiceTimes(10, 10, 0)),
                Map.of("a", new ServiceTimes(10, 8, 0), "b", new ServiceTimes(10, 12, 0)), 0, 0, Map.of());
        Measurement m = ProfileMeasurements.measurement(p, t, share);
        assertEquals(p, m.point());
        assertEquals(200, m.trainAloneSamplesPerSec());
        assertEquals(150, m.trainColocatedSamplesPerSec());
        assertEquals(5.5, m.serviceAloneMeanMs(), 1e-12);      // 0.75 x 4 + 0.25 x 10
        assertEquals(9.0, m.serviceColocatedMeanMs(), 1e-12);  // 0.75 x 8 + 0.25 x 12
        assertEquals(0.22, m.utilisation(), 1e-12);            // 40/s x 5.5 ms
        assertFalse(m.latencyColocated().measured());
        // the co-located phase's latency at the clients goes with the point as measured
        ColocatedLatency l = new ColocatedLatency(15.5, 7.25, 93.5);
        PointTimings withLatency = new PointTimings(t.trainAloneSamplesPerSec(), t.trainColocatedSamplesPerSec(),
                t.alone(), t.colocated(), 0, 0, Map.of(), Map.of(), TrainingCpu.NONE, l);
        assertEquals(l, ProfileMeasurements.measurement(p, withLatency, share).latencyColocated());
        assertFalse(ProfileMeasurements.measurement(p, withLatency, share).latencyAlone().measured());
        // and the services-alone phase's beside it, each to its own figure
        ColocatedLatency alone = new ColocatedLatency(15, 3.5, 21.25);
        PointTimings withBoth = new PointTimings(t.trainAloneSamplesPerSec(), t.trainColocatedSamplesPerSec(),
                t.alone(), t.colocated(), 0, 0, Map.of(), Map.of(), TrainingCpu.NONE, l, PhaseSpans.NONE, alone);
        Measurement both = ProfileMeasurements.measurement(p, withBoth, share);
        assertEquals(l, both.latencyColocated());
        assertEquals(alone, both.latencyAlone());
    }

    @Test
    void aServiceIsPooledOverThePointsByItsRequests() {
        // 10 requests of mean 4 and sd 2 (cv 0.5), 30 of mean 6 and sd 0: mean 220 / 40 = 5.5; sum of squares
        // 9 x 4 + 10 x 16 + 30 x 36 = 1276, so the variance is (1276 - 40 x 5.5^2) / 39 = 66 / 39
        ServiceProfile s = ProfileMeasurements.service("a", "model-x", List.of(point(1, 1, "a", 4, 0.5, 10, 8),
                point(1, 1, "a", 6, 0, 30, 9)));
        assertEquals("a", s.name());
        assertEquals(5.5, s.meanMs(), 1e-12);
        assertEquals(Math.sqrt(66.0 / 39) / 5.5, s.cv(), 1e-12);
        assertEquals(40, s.samples());
    }

    @Test
    void serviceTimesOfRawValuesUseTheSampleStandardDeviation() {
        // 2, 4, 6: mean 4, squares 4 + 0 + 4 = 8 over 2 degrees of freedom: sd 2, cv 0.5; median 4
        ServiceTimes t = ServiceTimes.of(new float[] {2, 4, 6});
        assertEquals(new ServiceTimes(3, 4, 0.5, 4), t);
        assertEquals(7, ServiceTimes.of(new float[] {9, 1, 5, 20}).medianMs(), 1e-12); // (5 + 9) / 2
        assertEquals(new ServiceTimes(0, 0, 0), ServiceTimes.of(new float[0]));
        // pooling one part gives it back
        ServiceTimes pooled = ServiceTimes.pooled(List.of(t));
        assertEquals(3, pooled.count());
        assertEquals(4, pooled.meanMs(), 1e-12);
        assertEquals(0.5, pooled.cv(), 1e-12);
    }

    @Test
    void aMissingServiceOrTrainingFigureIsNamed() {
        Map<String, Double> share = Map.of("c", 1.0);
        DesignPoint p = new DesignPoint(8, 10);
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ProfileMeasurements.measurement(p, point(1, 1, "a", 4, 0, 1, 5), share));
        assertEquals("no timing of service c (has [a])", missing.getMessage());
        IllegalStateException noTraining = assertThrows(IllegalStateException.class,
                () -> ProfileMeasurements.measurement(p, point(100, Double.NaN, "c", 4, 0, 1, 5), share));
        assertEquals("design point batch 8, rate 10.0/s: no timed gradient completed in a condition",
                noTraining.getMessage());
        IllegalStateException noRequest = assertThrows(IllegalStateException.class,
                () -> ProfileMeasurements.measurement(p, point(100, 90, "c", 0, 0, 0, 5), share));
        assertEquals("service c at design point batch 8, rate 10.0/s: no request completed in a condition"
                + " (raise the rate or the measuring time)", noRequest.getMessage());
    }
}
