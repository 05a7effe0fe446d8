package io.deepedge.hw.profile;

import io.deepedge.hw.cgroup.CpuQuotas;
import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.device.ServiceModels;
import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.hw.load.RequestInputs;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.local.TestAgentMain;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.hw.train.UpdaterSpec;
import io.deepedge.models.Arrivals;
import io.deepedge.models.GcPauses;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.Measurement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One design point measured on a real local agent through the testbed's paths (remote open-loop requests, gradient
 * calls with parameters), with a busy-spin service of known duration.
 */
class RemoteDesignPointTest {
    private static final double SPIN_MS = 2;
    /** Poisson rate: utilisation 0.04 of the service, a few percent of the agent's 1-core quota. */
    private static final double RATE_PER_SEC = 20;
    private static final int BATCH = 8;
    private static final double MEASURE_SEC = 1.5;
    private static final long SEED = 11;
    /** Small enough that a gradient takes milliseconds, a real CNN all the same. */
    private static final NetworkSpec TINY_CNN = new NetworkSpec.Cnn(4, 8, 32);
    /**
     * A young generation small enough that the point's ~4.5 s hold several collections: with the test agents' default
     * (126 MB young at -Xmx512m on this 24 GB machine) the agent allocated about one young generation per point.
     */
    private static final String YOUNG_GENERATION = "-Xmn16m";

    @Test
    void aPointMeasuredThroughTheTestbedPathsHasTheSpinsServiceTimeAndEveryFigure() throws Exception {
        LabelledImages images = FashionMnist.subset().train().slice(0, 4 * BATCH);
        DeviceProfiler.HostedService spin = new DeviceProfiler.HostedService("spin",
                ServiceModels.SPIN_PREFIX + SPIN_MS, 1000, 1.0);
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("test-remote-point",
                List.of(new LocalCluster.Device("edge", 1.0)), TestAgentMain.launcher(List.of(YOUNG_GENERATION))));
             AgentClient agent = cluster.client("edge", CallDeadlines.defaults(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES)) {
            assertTrue(agent.hello("test").getVersion().getMinor() >= RemoteDesignPoint.GC_PAUSES_MINOR);
            agent.loadShard(new ShardSpec("point", ImageShard.FORMAT, images.count(), TINY_CNN.describe(),
                    NetworkSpecs.configBytes(TINY_CNN)), ImageShard.encode(images));
            agent.startServices(List.of(new ServiceSpec(spin.name(), spin.modelId(), spin.deadlineMs())));
            float[] params = TINY_CNN.build(28, 28, 10, 3, UpdaterSpec.sgd(1)).params().toFloatVector();
            // a gradient call carries the parameters there and a gradient back, a shard its images: never free
            TrainingPathProbe.Figures path = TrainingPathProbe.measure(agent, "edge", images, TINY_CNN, params, BATCH);
            assertTrue(path.roundOverheadMs() > 0 && path.shardLoadMsPerSample() > 0, path.toString());
            try (RemoteDesignPoint remote = new RemoteDesignPoint(cluster, agent, "edge", List.of(spin),
                    RequestInputs.images(images), params, images.count())) {
                remote.warm(0.5, BATCH, BATCH);
                assertTrue(remote.probeServiceMs(10, 5) >= SPIN_MS, "a busy-spin never ends early");
                // the idle agent uses some CPU (heartbeats, the metrics window), far below its 1-CPU quota
                double idleCores = remote.idleCores(1000);
                assertTrue(idleCores >= 0 && idleCores < 0.5, "idle agent " + idleCores + " cores");
                // every request costs the agent CPU: a capacity time, finite (the arithmetic: ProbeArithmeticTest)
                double capacityMs = remote.capacityMs(20, 1.0, idleCores).get(spin.name());
                assertTrue(capacityMs > 0 && capacityMs < 1000, "capacity time " + capacityMs + " ms");
                // under open-loop load every request still burns its whole spin on the agent's CPU: one more request
                // per second costs at least a spin, so at a 1-CPU quota the capacity time is at least the spin's
                // (the arithmetic: ProbeArithmeticTest)
                RemoteDesignPoint.OpenLoop low = remote.openLoop(RATE_PER_SEC, SEED, MEASURE_SEC);
                RemoteDesignPoint.OpenLoop high = remote.openLoop(4 * RATE_PER_SEC, SEED + 1, MEASURE_SEC);
                double pilotMs = RemoteDesignPoint.openLoopCapacityMs(low, high, 1.0);
                assertTrue(pilotMs >= SPIN_MS && pilotMs < 1000, "open-loop capacity time " + pilotMs + " ms ("
                        + low + ", " + high + ")");
                DesignPoint p = new DesignPoint(BATCH, RATE_PER_SEC);
                long start = System.nanoTime();
                PointTimings t = remote.measure(p, SEED, MEASURE_SEC);
                System.out.printf(Locale.ROOT, "one design point at measureSec %.1f took %.1f s%n", MEASURE_SEC,
                        (System.nanoTime() - start) / 1e9);
                check(t, p, spin);
                checkGc(remote.gcWindows(), t, spin);
                checkSpans(t.spans(), start, System.nanoTime());
            }
        }
    }

    /**
     * The phases' stretches, which the host-speed probe is read over: inside the call, in order, none overlapping,
     * none empty (each ends with its last gradient or reply).
     */
    private static void checkSpans(PhaseSpans s, long callFromNanos, long callToNanos) {
        assertTrue(s.timed());
        long[] bounds = {callFromNanos, s.trainAloneFromNanos(), s.trainAloneToNanos(), s.servicesAloneFromNanos(),
                s.servicesAloneToNanos(), s.togetherFromNanos(), s.togetherToNanos(), callToNanos};
        for (int i = 1; i < bounds.length; i++) {
            assertTrue(bounds[i] >= bounds[i - 1], "phase bound " + i + " before the one before it: " + s);
        }
        assertTrue(s.trainAloneToNanos() > s.trainAloneFromNanos() && s.servicesAloneToNanos()
                > s.servicesAloneFromNanos() && s.togetherToNanos() > s.togetherFromNanos(), s.toString());
    }

    /**
     * The point's metrics windows, contiguous from its first on: training alone, the services alone, training's
     * start, both together; every request of the two service phases in them, and the agent's collector measured.
     */
    private static void checkGc(List<GcWindow> windows, PointTimings t, DeviceProfiler.HostedService spin) {
        assertEquals(4, windows.size(), windows.toString());
        long requests = windows.stream().mapToLong(GcWindow::requests).sum();
        assertEquals(t.alone().get(spin.name()).count() + t.colocated().get(spin.name()).count(), requests);
        assertTrue(windows.get(0).samples() > 0 && windows.get(0).requests() == 0, windows.get(0).toString());
        assertTrue(windows.stream().allMatch(w -> w.gcPauseCpuMs() >= 0), "the agent reads /proc: " + windows);
        long pauses = windows.stream().mapToLong(GcWindow::gcPauses).sum();
        double cpuMs = windows.stream().mapToDouble(GcWindow::gcPauseCpuMs).sum();
        double wallMs = windows.stream().mapToDouble(GcWindow::gcPauseMs).sum();
        double sec = windows.stream().mapToDouble(GcWindow::windowSec).sum();
        System.out.printf(Locale.ROOT, "collector over the point's %.1f s: %d pauses, %.1f ms CPU, %.1f ms wall;"
                + " %d requests, %d samples%n", sec, pauses, cpuMs, wallMs, requests,
                windows.stream().mapToLong(GcWindow::samples).sum());
        GcPauses gc = ProfileMeasurements.gcPauses(windows).orElseThrow(() -> new AssertionError(
                "no collector pauses fitted from " + windows));
        System.out.println("fitted: " + gc);
        assertTrue(gc.cpuMsPerRequest() + gc.cpuMsPerTrainSample() > 0 && gc.any(), gc.toString());
    }

    private static void check(PointTimings t, DesignPoint p, DeviceProfiler.HostedService spin) {
        // the alone window holds exactly the seeded schedule's arrivals before measureSec, computed here apart
        int scheduled = ArrivalSchedule.times(new Arrivals.Poisson(RATE_PER_SEC),
                RemoteDesignPoint.arrivalSeed(SEED, 0), MEASURE_SEC).length;
        ServiceTimes alone = t.alone().get(spin.name());
        ServiceTimes beside = t.colocated().get(spin.name());
        assertEquals(scheduled, alone.count());
        // the co-located phase replays the same times and may run on while it waits for timed gradients
        assertTrue(beside.count() >= scheduled, beside.count() + " requests beside training, " + scheduled + " alone");
        // each service time is a busy-spin's, which preemption can only lengthen; at 4 % of a 1-core quota the agent
        // is never throttled, and a throttled cgroup waits at most the rest of one CFS period: a mean beyond spin +
        // one period is not this service's time (units, queueing or another window)
        double periodMs = CpuQuotas.PERIOD_US / 1000.0;
        for (ServiceTimes s : List.of(alone, beside)) {
            assertTrue(s.meanMs() >= SPIN_MS && s.meanMs() <= SPIN_MS + periodMs, "mean service time " + s.meanMs()
                    + " ms of a " + SPIN_MS + " ms spin");
        }
        Measurement m = ProfileMeasurements.measurement(p, t, Map.of(spin.name(), 1.0));
        assertTrue(m.trainAloneSamplesPerSec() > 0 && m.trainColocatedSamplesPerSec() > 0);
        assertTrue(m.serviceAloneMeanMs() > 0 && m.serviceColocatedMeanMs() > 0);
        assertEquals(alone.meanMs(), m.serviceAloneMeanMs(), 1e-12);
        assertEquals(beside.meanMs(), m.serviceColocatedMeanMs(), 1e-12);
        // the co-located phase's latency at the client: sent for measureSec at least (longer while it waits for
        // gradients, not beyond its bound); a request's latency holds its spin and its service time, so the median is
        // at least the spin's, and the p99 at least the median
        var l = m.latencyColocated();
        assertTrue(l.measured());
        assertTrue(l.sec() >= MEASURE_SEC && l.sec() <= MEASURE_SEC + RemoteDesignPoint.MAX_EXTRA_SEC, l.toString());
        assertTrue(l.medianMs() >= SPIN_MS && l.p99Ms() >= l.medianMs(), l.toString());
    }
}
