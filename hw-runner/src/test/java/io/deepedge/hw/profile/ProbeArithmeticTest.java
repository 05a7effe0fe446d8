package io.deepedge.hw.profile;

import io.deepedge.models.GcPauses;
import io.deepedge.models.profile.DesignPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profiler's arithmetic on hand-made readings, worked out by hand. */
class ProbeArithmeticTest {
    @Test
    void capacityTimeIsTheProcessCpuBeyondIdlePerRequestOverTheQuota() {
        // the busy window: 2.5 s at 0.70 cores of CPU; idle 0.02 cores; 200 requests; quota 0.6 cores:
        // (0.70 - 0.02) x 2.5 s = 1.7 s of CPU for 200 requests = 8.5 ms each; / 0.6 = 14.1666... ms
        assertEquals(8.5 / 0.6, RemoteDesignPoint.capacityMs(0.70, 0.02, 2.5, 200, 0.6), 1e-12);
        // an idle reading above the busy one (noise) is no negative capacity
        assertEquals(0, RemoteDesignPoint.capacityMs(0.01, 0.02, 2.5, 200, 0.6));
    }

    @Test
    void theOpenLoopCapacityIsTheCpusRiseOverTheRatesRiseOverTheQuota() {
        // 0.14 cores at 35 req/s, 0.245 at 70: 0.105 cores more for 35 req/s more = 3 ms per request; / 0.6 = 5 ms
        assertEquals(5.0, RemoteDesignPoint.openLoopCapacityMs(new RemoteDesignPoint.OpenLoop(35, 0.14),
                new RemoteDesignPoint.OpenLoop(70, 0.245), 0.6), 1e-12);
        // rates or CPU that do not rise measured no capacity
        assertEquals(0, RemoteDesignPoint.openLoopCapacityMs(new RemoteDesignPoint.OpenLoop(35, 0.14),
                new RemoteDesignPoint.OpenLoop(35, 0.245), 0.6));
        assertEquals(0, RemoteDesignPoint.openLoopCapacityMs(new RemoteDesignPoint.OpenLoop(35, 0.25),
                new RemoteDesignPoint.OpenLoop(70, 0.245), 0.6));
    }

    @Test
    void theDesignIsPlacedByThePilotsCapacityWhenItHasOneNeverBelowALoneRequest() {
        // the probe read 10.4 ms, the open-loop pilot 5.4: the design's rates go to 0.85 / 5.4 ms = 157 req/s
        assertEquals(5.4, DeviceProfiler.placementMs(2.7, 10.4, 5.4));
        // the Latin hypercube's top rate stratum lies beyond the probe's whole range (0.85 / 10.4 ms = 81.7 req/s)
        double top = DeviceProfiler.plan(settings(), DeviceProfiler.placementMs(2.7, 10.4, 5.4)).points().stream()
                .mapToDouble(p -> p.ratePerSec()).max().orElseThrow();
        assertTrue(top > 0.85 * 1000 / 10.4 && top <= 0.85 * 1000 / 5.4, top + " req/s");
        // no pilot figure: the probe's; a lone request longer than either: the lone request's
        assertEquals(10.4, DeviceProfiler.placementMs(2.7, 10.4, 0));
        assertEquals(12.0, DeviceProfiler.placementMs(12.0, 10.4, 5.4));
    }

    @Test
    void aDesignThatStoppedShortOfTheCapacityItsPhasesMeasuredGetsASecondStageUpToIt() {
        // placed by a 7.17 ms pilot the design's rates go to 0.85 / 7.17 ms = 118.5 req/s at most; its own phases
        // then measured 3.57 ms CPU per request on 0.6 cpus, a capacity of 5.95 ms (168.1 req/s), whose 85 % is
        // 0.85 x 1000 / 5.95 = 142.86 req/s: the design's top is below 0.9 of that (128.6), so 3 more points
        // ((8 + 2) / 3) cover its top rate up to 142.86 req/s, 1 held out (2 of 8 is 0.75 of 3, rounded)
        DeviceProfiler.Settings s = settings();
        DesignPlan first = DeviceProfiler.plan(s, 7.17);
        double top = first.points().stream().mapToDouble(p -> p.ratePerSec()).max().orElseThrow();
        assertTrue(top > 0.85 * 1000 / 7.17 * 7 / 8 && top <= 0.85 * 1000 / 7.17, top + " req/s");
        DesignPlan more = DeviceProfiler.extension(s, first, 5.95).orElseThrow();
        assertEquals(3, more.points().size());
        assertEquals(1, more.held().size());
        for (var p : more.points()) {
            assertTrue(p.ratePerSec() >= top && p.ratePerSec() <= 1000 * 0.85 / 5.95, p + " outside the stage");
            assertTrue(p.batch() >= 8 && p.batch() <= 64, p.toString());
        }
        // the stage is a Latin hypercube of its own: one point in each third of the rate range
        double[] thirds = more.points().stream().mapToDouble(p -> Math.floor(3 * (p.ratePerSec() - top)
                / (1000 * 0.85 / 5.95 - top))).sorted().toArray();
        assertEquals(List.of(0.0, 1.0, 2.0), java.util.Arrays.stream(thirds).boxed().toList());
        // a capacity of 0.85 x 0.9 x 1000 / top ms puts the design's top at 0.9 x 85 % of it: a hair past that, or
        // beyond, no second stage; a hair short of it, one
        double thresholdMs = 0.85 * 0.9 * 1000 / top;
        assertTrue(DeviceProfiler.extension(s, first, 1.001 * thresholdMs).isEmpty());
        assertTrue(DeviceProfiler.extension(s, first, 0.85 * 1000 / top).isEmpty());
        assertTrue(DeviceProfiler.extension(s, first, 0.999 * thresholdMs).isPresent());
        // a factorial design: every batch level of the first stage once more at the top rate
        DeviceProfiler.Settings f = new DeviceProfiler.Settings(DesignPlan.FACTORIAL, 9, 2,
                7, 1, 0.05, 0.85, 8, 64, 1);
        DesignPlan grid = DeviceProfiler.plan(f, 7.17);
        DesignPlan column = DeviceProfiler.extension(f, grid, 5.95).orElseThrow();
        assertEquals(List.of(8, 23, 64), column.points().stream().map(p -> p.batch()).toList());
        column.points().forEach(p -> assertEquals(1000 * 0.85 / 5.95, p.ratePerSec(), 1e-9));
        assertEquals(1, column.held().size());  // 2 of 9 is 0.67 of 3
        // measured after the first stage, the held-out choices of both kept
        DesignPlan all = first.followedBy(more);
        assertEquals(11, all.points().size());
        assertEquals(3, all.held().size());
        assertEquals(more.points(), all.points().subList(8, 11));
    }

    private static DeviceProfiler.Settings settings() {
        return new DeviceProfiler.Settings(DesignPlan.LATIN_HYPERCUBE, 8, 2, 7, 1, 0.05,
                0.85, 8, 64, 1);
    }

    @Test
    void theIdleAgentIsTheFitsInterceptBelowHalfTheQuotaElseNone() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.PrintWriter progress = new java.io.PrintWriter(out, true);
        assertEquals(0.025, DeviceProfiler.idleCpuCores("big", 0.6, fit(0.025), progress));
        assertEquals(0.0, DeviceProfiler.idleCpuCores("small", 0.15, fit(0.075), progress));
        assertEquals(0.0, DeviceProfiler.idleCpuCores("mid", 0.3, Optional.empty(), progress));
        assertEquals(List.of("profiling big: idle agent 0.0250 cores (the CPU-over-rate fit's intercept)",
                "profiling small: the CPU-over-rate fit puts the idle agent at 0.0750 cores, not below half its 0.15"
                        + " cpus: not recorded",
                "profiling mid: no idle CPU figure (the CPU-over-rate fit needs three points with a rising line)"),
                out.toString().lines().toList());
    }

    @Test
    void theMeasuredIdleAgentAndTheCurveAboveItAreRecordedWhenACurveFitsElseTheLinesIntercept() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.PrintWriter progress = new java.io.PrintWriter(out, true);
        // cores = 0.01 + 0.004 rate^0.8 at 10 / 40 / 80 req/s, and a phase that served nothing (left out)
        List<PointTimings> timings = List.of(alone(40), alone(0), alone(10), alone(80));
        DeviceProfiler.AgentCpu a = DeviceProfiler.agentCpu("big", 0.6, 0.01, timings, fit(0.025), progress);
        assertEquals(0.01, a.idleCores());
        assertEquals(List.of(10.0, 40.0, 80.0), a.serviceCpu().points().stream()
                .map(io.deepedge.models.profile.ServiceCpuCurve.Point::ratePerSec).toList());
        // 1000 x 0.004 x 10^-0.2 = 2.52 ms at 10 req/s, 1000 x 0.004 x 80^-0.2 = 1.67 ms at 80
        assertEquals("profiling big: idle agent 0.0100 cores (measured alone); a request's CPU over the design's"
                + " services-alone phases: 2.52 ms at 10.0 req/s, 1.67 ms at 80.0 req/s", out.toString().strip());
        // an idle agent not below half the quota, or one above every phase: the line's intercept and no curve
        DeviceProfiler.AgentCpu busy = DeviceProfiler.agentCpu("big", 0.6, 0.3, timings, fit(0.025), progress);
        assertEquals(new DeviceProfiler.AgentCpu(0.025, io.deepedge.models.profile.ServiceCpuCurve.NONE), busy);
        DeviceProfiler.AgentCpu above = DeviceProfiler.agentCpu("big", 1.0, 0.45, timings, fit(0.025), progress);
        assertEquals(new DeviceProfiler.AgentCpu(0.025, io.deepedge.models.profile.ServiceCpuCurve.NONE), above);
    }

    private static PointTimings alone(double requestsPerSec) {
        double cores = requestsPerSec > 0 ? 0.01 + 0.004 * Math.pow(requestsPerSec, 0.8) : 0.01;
        return new PointTimings(100, 50, java.util.Map.of(), java.util.Map.of(), requestsPerSec, cores,
                java.util.Map.of());
    }

    private static Optional<ProfileMeasurements.CpuOverRate> fit(double idleCores) {
        return Optional.of(new ProfileMeasurements.CpuOverRate(3.0, idleCores));
    }

    @Test
    void theCollectorLineGivesPausesPerThousandAndEachPausesCpuAndWallTime() {
        // 4 pauses of 30 + 50 ms wall over 2 windows of 2.5 s: 20 ms wall each; the fit's figures as given
        List<GcWindow> windows = List.of(new GcWindow(1, 40, 30, 20, 0, 3000, 2.5),
                new GcWindow(3, 140, 50, 130, 1000, 3000, 2.5));
        assertEquals("profiling big: collector pauses 2.00 per 1000 requests, 0.333 per 1000 samples, 20.0 ms wall each;"
                + " collector CPU 0.120 ms per request, 0.0133 ms per sample; cleanup CPU 0.0750 ms per request, 0.00667 ms"
                + " per sample (4 pauses over the design's 5 s)", DeviceProfiler.gcLine("big", windows,
                Optional.of(new GcPauses(0.002, 1.0 / 3000, 0.12, 0.04 / 3, 0.075, 0.02 / 3)), true));
        assertEquals("profiling big: collector pauses not measured: the agent predates protocol 1.5",
                DeviceProfiler.gcLine("big", List.of(), Optional.empty(), false));
        assertEquals("profiling big: collector pauses not measured: no pause over the design's 5 s",
                DeviceProfiler.gcLine("big", List.of(new GcWindow(0, 0, 0, 0, 10, 10, 5)), Optional.empty(), true));
    }

    @Test
    void roundOverheadIsTheMeanOfWallMinusComputeAndShardLoadIsPerSample() {
        // gradient calls of 120, 95, 300 ms wall whose agent-reported compute was 80, 80, 100 ms: 40, 15, 200 ms
        // beyond compute, mean 85 ms (a round pays the throttling stalls too, so the mean, not the median)
        assertEquals(85, TrainingPathProbe.overheadMs(new double[] {120, 95, 300}, new double[] {80, 80, 100}), 1e-12);
        // a compute reported above the wall time (clock granularity) counts as no overhead, not a negative one
        assertEquals(5, TrainingPathProbe.overheadMs(new double[] {100, 110}, new double[] {101, 100}), 1e-12);
        // shard loads of 200, 220, 240 ms for 1,000 samples: 0.22 ms per sample
        assertEquals(0.22, TrainingPathProbe.perSampleMs(new double[] {200, 220, 240}, 1000), 1e-12);
    }

    @Test
    void aGradientCallsCpuIsFittedOverTheTrainingAlonePhases() {
        // an agent idling at 0.01 cores whose calls take 10 ms + 2.5 ms per sample beyond it: at batch b, n calls
        // over w seconds read (0.01 + n (10 + 2.5 b) / 1000 / w) cores
        double idle = 0.01;
        List<PointTimings> points = new java.util.ArrayList<>();
        int[] batches = {8, 20, 40, 64};
        long[] calls = {40, 25, 12, 9};
        double[] windowSec = {2.2, 2.6, 3.1, 3.3};
        for (int i = 0; i < batches.length; i++) {
            double cores = idle + calls[i] * (10 + 2.5 * batches[i]) / 1000 / windowSec[i];
            TrainingCpu cpu = new TrainingCpu(batches[i], calls[i], cores, windowSec[i]);
            assertEquals(10 + 2.5 * batches[i], cpu.cpuMsPerCall(idle), 1e-9);
            points.add(new PointTimings(100, 50, java.util.Map.of(), java.util.Map.of(), 0, 0, java.util.Map.of(),
                    java.util.Map.of(), cpu));
        }
        ProfileMeasurements.CallCpu fit = ProfileMeasurements.callCpu(points, idle).orElseThrow();
        assertEquals(10, fit.perCallMs(), 1e-9);
        assertEquals(2.5, fit.perSampleMs(), 1e-12);
        // one batch, or no phase measured, fits nothing; a phase below the idle agent counts as no CPU
        assertTrue(ProfileMeasurements.callCpu(points.subList(0, 1), idle).isEmpty());
        assertTrue(ProfileMeasurements.callCpu(List.of(alone(0), alone(0)), idle).isEmpty());
        assertTrue(Double.isNaN(TrainingCpu.NONE.cpuMsPerCall(idle)));
        assertEquals(0, new TrainingCpu(8, 10, 0.005, 2).cpuMsPerCall(idle), 0);
    }

    @Test
    void theHostsSpeedSpreadIsHowFarTheCallsCpuLiesAboutItsLineInLogs() {
        // calls of 10 + 2.5 b ms at batches 8, 20, 40, 64 (30, 60, 110, 170 ms), measured 1.10, 0.95, 1.05 and 0.90
        // times that: 33, 57, 115.5, 153 ms. The least-squares line through them, worked out by hand: mean batch 33,
        // mean CPU 89.625; Sxx = 625 + 169 + 49 + 961 = 1804; Sxy = (-25)(-56.625) + (-13)(-32.625) + 7(25.875) +
        // 31(63.375) = 1415.625 + 424.125 + 181.125 + 1964.625 = 3985.5; slope 2.209257, intercept 89.625 - 33 slope
        // = 16.719512. Its values 34.3936, 60.9047, 105.0898, 158.1120; the logs of measured over line -0.041362,
        // -0.066258, +0.094455, -0.032866; squares 0.0017108 + 0.0043902 + 0.0089218 + 0.0010801 = 0.0161029 over
        // 4 - 2 = 2 degrees of freedom: sqrt(0.0080515) = 0.089730
        double idle = 0.01;
        int[] batches = {8, 20, 40, 64};
        double[] factor = {1.10, 0.95, 1.05, 0.90};
        List<PointTimings> points = new java.util.ArrayList<>();
        for (int i = 0; i < batches.length; i++) {
            double cpuMs = (10 + 2.5 * batches[i]) * factor[i];
            double cores = idle + 20 * cpuMs / 1000 / 4.0;  // 20 calls over 4 s
            points.add(new PointTimings(100, 50, java.util.Map.of(), java.util.Map.of(), 0, 0, java.util.Map.of(),
                    java.util.Map.of(), new TrainingCpu(batches[i], 20, cores, 4.0)));
        }
        assertEquals(0.089730, spreadOf(points, idle).orElseThrow(), 1e-6);
        // calls exactly on a line: no spread
        List<PointTimings> exact = new java.util.ArrayList<>();
        for (int b : batches) {
            exact.add(new PointTimings(100, 50, java.util.Map.of(), java.util.Map.of(), 0, 0, java.util.Map.of(),
                    java.util.Map.of(), new TrainingCpu(b, 20, idle + 20 * (10 + 2.5 * b) / 1000 / 4.0, 4.0)));
        }
        assertEquals(0, spreadOf(exact, idle).orElseThrow(), 1e-12);
        // two phases leave no degree of freedom (the line is fitted, its spread is not); phases without a CPU window
        // do not count
        assertTrue(spreadOf(points.subList(0, 2), idle).isEmpty());
        assertTrue(ProfileMeasurements.callCpu(points.subList(0, 2), idle).isPresent());
        assertTrue(spreadOf(List.of(points.get(0), points.get(1), alone(0)), idle).isEmpty());
        // the host's figure is the largest quota's (most calls per phase), the median where several share it; a
        // device without one does not count
        assertEquals(0.05, ProfileMeasurements.hostSpeedSpread(List.of(spread(0.6, 0.05), spread(0.3, 0.11),
                spread(0.15, 0.21))).orElseThrow(), 0);
        assertEquals(0.06, ProfileMeasurements.hostSpeedSpread(List.of(spread(0.6, 0.05), spread(0.6, 0.07),
                spread(0.15, 0.21))).orElseThrow(), 1e-15);
        assertEquals(0.11, ProfileMeasurements.hostSpeedSpread(List.of(spread(0.6, 0), spread(0.3, 0.11),
                spread(0.15, 0.21))).orElseThrow(), 0);
        assertTrue(ProfileMeasurements.hostSpeedSpread(List.of(spread(0.6, 0), spread(0.3, 0))).isEmpty());
    }

    private static java.util.OptionalDouble spreadOf(List<PointTimings> points, double idle) {
        return ProfileMeasurements.callCpu(points, idle).orElseThrow().speedSpread();
    }

    private static ProfileMeasurements.DeviceSpread spread(double cpus, double spread) {
        return new ProfileMeasurements.DeviceSpread(cpus, spread);
    }
}
