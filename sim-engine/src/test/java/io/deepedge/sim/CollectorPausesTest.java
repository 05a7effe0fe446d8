package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.CpuQuota;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.GcPauses;
import io.deepedge.models.Interference;
import io.deepedge.models.RunResult;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.TrainingMemory;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.SplayTree;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Collector pauses on a quota-limited device: owed per request and per trained sample, they stop the device's
 * services and training while the collector's threads spend the budget; each test's expectation is worked out
 * without the simulator (a replay of the budget, or the CPU seconds by hand).
 */
class CollectorPausesTest {
    private static final double PERIOD_SEC = 0.1;

    @Test
    void aServiceAloneWaitsForEachPauseAndItsBudgetAsAnIndependentReplaySays() {
        // 0.6 CPU in 100 ms periods starting at 0 (60 ms per period), one collector thread; 3 ms requests at Poisson
        // 60/s (0.18 cores) and a 40 ms pause as every 8th request's service starts (1/8 is exact in binary; each
        // request owes 5 ms of the collector's CPU; 0.3 cores), which that request waits for: 80 % of the
        // budget, and a pause spends two thirds of a period's, so the requests behind it often wait for the next
        // period, too.
        Simulator sim = new Simulator(new SplayTree());
        sim.init();
        Device d = device(new CpuQuota(0.6, 100, 2), new GcPauses(0.125, 0, 5, 0, 0, 0));
        DeviceSim device = new DeviceSim(d, sim, 0.0, null);
        var instance = new ServiceInstance("s", "d", new Arrivals.Poisson(60), new ServiceTime.Constant(3), 1e6, 0.99);
        LcQueue queue = new LcQueue(instance, device, sim, new RandomStreams(9));
        List<Double> arrivals = new ArrayList<>();
        List<Double> departures = new ArrayList<>();
        queue.observeArrivals(arrivals::add);
        queue.observe((a, dep) -> departures.add(dep));
        queue.start();
        Scenarios.at(sim, 100, sim::stop);
        sim.start();

        BudgetReplay cpu = new BudgetReplay(0.06, PERIOD_SEC);
        double free = 0;
        double waitedBehindPauses = 0;
        for (int i = 0; i < departures.size(); i++) {
            double start = Math.max(arrivals.get(i), free);
            if (i % 8 == 0 && i > 0) {
                waitedBehindPauses += Math.max(0, free - arrivals.get(i));
            }
            if ((i + 1) % 8 == 0) {
                start = cpu.run(start, 0.040);  // the pause starts as the 8th request's service does, before its work
            }
            free = cpu.run(start, 0.003);
            assertEquals(free, departures.get(i), 1e-9, "request " + i);
        }
        assertTrue(departures.size() > 5_500, departures.size() + " served");
        assertTrue(cpu.refillsWaited > 300 && waitedBehindPauses > 10, cpu.refillsWaited + " refills waited for, "
                + waitedBehindPauses + " s waited behind pauses");
        assertEquals(departures.size() / 8, device.collectorPauses());
    }

    @Test
    void trainingAloneTakesLongerByEveryPausesCpuAtTheQuota() {
        // 1,000 samples/s measured under 0.5 CPU: a 100-sample batch is 0.05 s of CPU. A 50 ms pause owed every 4
        // batches (1/400 per sample: 0.25 per batch, exact; 0.125 ms of CPU per sample): 1,000 batches and 249 pauses before the last batch
        // (the 250th starts as it ends and delays nothing) are 62.45 CPU seconds, 124.9 s at 0.5 CPU within a period.
        var s = Scenarios.builder().device("a", 1000, new CpuQuota(0.5, 100, 2), new GcPauses(0, 1.0 / 400, 0, 0.125, 0, 0))
                .job(new TrainingJob("t", 100_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                .horizon(300).build();
        RunResult r = SimulationRun.simulate(s, PolicyRegistry.get("fastest-single"), new RunSpec(0, 3));
        assertEquals(124.9, r.retrainTimeSec(), PERIOD_SEC);
    }

    @Test
    void pausesOnTwoCollectorThreadsTakeHalfTheirCpuInTimeAndTheServiceWaitsForTheCleanupOnAFreeCore() {
        // 2.5 CPU on 2 host cores: never throttled (at most 2 cores run), and the collector runs on min(ceil(2.5), 2)
        // = 2 threads, so a 20 ms pause lasts 10 ms; its 30 ms cleanup then runs on one core at full speed while the
        // service waits for it (no request starts meanwhile, so nothing more is owed): 40 ms as every 4th 2 ms
        // request's service starts, before its work. The replay needs no budget.
        List<double[]> served = serveAlone(new CpuQuota(2.5, 100, 2), new GcPauses(0.25, 0, 5, 0, 7.5, 0), 50, 2, 40);
        double free = 0;
        int waitedForCleanup = 0;
        for (int i = 0; i < served.size(); i++) {
            waitedForCleanup += served.get(i)[0] < free && i % 4 == 0 && i > 0 ? 1 : 0;
            free = Math.max(served.get(i)[0], free) + ((i + 1) % 4 == 0 ? 0.010 + 0.030 : 0) + 0.002;
            assertEquals(free, served.get(i)[1], 1e-9, "request " + i);
        }
        assertTrue(served.size() > 1800 && waitedForCleanup > 300, served.size() + " served, " + waitedForCleanup
                + " arrived while a pause or its cleanup held the service");
    }

    @Test
    void onTheOnlyCoreTheServiceWaitsForPauseAndCleanup() {
        // 1.5 CPU on a 1-core host: never throttled (one core at most), one collector thread. As every 4th 2 ms
        // request's service starts, a 4 ms pause and then a 6 ms cleanup hold it: 10 ms, each at full speed (the
        // service demands no core meanwhile, so the cleanup has the core to itself).
        List<double[]> served = serveAlone(new CpuQuota(1.5, 100, 1), new GcPauses(0.25, 0, 1, 0, 1.5, 0), 100, 2, 20);
        double free = 0;
        for (int i = 0; i < served.size(); i++) {
            free = Math.max(served.get(i)[0], free) + ((i + 1) % 4 == 0 ? 0.004 + 0.006 : 0) + 0.002;
            assertEquals(free, served.get(i)[1], 1e-9, "request " + i);
        }
        assertTrue(served.size() > 1500, served.size() + " served");
    }

    @Test
    void trainingGoesOnBesideACleanupSharingTheOnlyCoreOrOnAFreeOne() {
        // 1,000 samples/s (one training thread, which the figure holds at one core): 100,000 samples are 100 s of a
        // core. Every sample owes 1/400 of a pause, 0.125 ms of the collector's CPU and 0.0625 ms of cleanup; a pause
        // starts as a batch of 100 ends and holds the CPU of the samples since the last one. How full the young
        // generation starts (u in [0, 1)) is drawn: pauses start after batch k when u + k / 4 passes a whole number,
        // so the last before the final batch follows batch k = 996, 997, 998 or 999, and its pauses hold the CPU of
        // 100 k samples. At 1.5 CPU (never throttled):
        // - on a 1-core host the cleanups share the core with training (processor sharing loses no work): the job
        //   takes 100 s + 0.1875 ms x 100 k = 100 + 0.01875 k s;
        // - on a 3-core host the collector has 2 threads (pauses last half their CPU) and a cleanup runs on a core
        //   training does not use, costing it nothing: 100 + 0.00625 k s (training held during the cleanups would add
        //   another 0.00625 k).
        assertJobTakes(1, 0.01875);
        assertJobTakes(3, 0.00625);
    }

    private static void assertJobTakes(int hostCores, double secPerBatchOfPauses) {
        var s = Scenarios.builder().device("a", 1000, new CpuQuota(1.5, 100, hostCores),
                        new GcPauses(0, 1.0 / 400, 0, 0.125, 0, 0.0625))
                .job(new TrainingJob("t", 100_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                .horizon(300).build();
        java.util.Set<Long> lastPauseBatches = new java.util.TreeSet<>();
        for (int replication = 0; replication < 12; replication++) {
            double sec = SimulationRun.simulate(s, PolicyRegistry.get("fastest-single"), new RunSpec(0, replication))
                    .retrainTimeSec();
            double k = (sec - 100) / secPerBatchOfPauses;
            String at = hostCores + " cores, replication " + replication + ": " + sec + " s";
            assertEquals(Math.rint(k), k, 1e-6, at);
            assertTrue(Math.rint(k) >= 996 && Math.rint(k) <= 999, at + ": last pause after batch " + k);
            lastPauseBatches.add(Math.round(k));
        }
        assertTrue(lastPauseBatches.size() > 1, "12 replications drew one phase only: " + lastPauseBatches);
    }

    /** Arrival and departure times of a Poisson service of constant {@code serviceMs} alone on a quota device. */
    private static List<double[]> serveAlone(CpuQuota quota, GcPauses pauses, double ratePerSec, double serviceMs,
                                             double untilSec) {
        Simulator sim = new Simulator(new SplayTree());
        sim.init();
        DeviceSim device = new DeviceSim(device(quota, pauses), sim, 0.0, null);
        var instance = new ServiceInstance("s", "d", new Arrivals.Poisson(ratePerSec),
                new ServiceTime.Constant(serviceMs), 1e6, 0.99);
        LcQueue queue = new LcQueue(instance, device, sim, new RandomStreams(4));
        List<double[]> served = new ArrayList<>();
        queue.observe((a, dep) -> served.add(new double[] {a, dep}));
        queue.start();
        Scenarios.at(sim, untilSec, sim::stop);
        sim.start();
        return served;
    }

    @Test
    void withPausesTheDeviceStillNeverUsesMoreThanItsQuota() {
        MRG32k3a rng = new MRG32k3a();
        for (int trial = 0; trial < 15; trial++) {
            double cpus = 0.1 + 1.9 * rng.nextDouble();
            int hostCores = 1 + rng.nextInt(0, 2);
            double perRequest = 0.002 + 0.05 * rng.nextDouble();
            double perSample = 0.01 * rng.nextDouble();
            double cpuMs = 1 + 60 * rng.nextDouble();
            GcPauses pauses = new GcPauses(perRequest, perSample, perRequest * cpuMs, perSample * cpuMs,
                    perRequest * cpuMs / 2, perSample * cpuMs / 2);
            var s = Scenarios.builder().device("a", 500, new CpuQuota(cpus, 100, hostCores), pauses).device("b", 300)
                    .service("lc", "a", 1 + 60 * rng.nextDouble(), new ServiceTime.Exponential(1 + 10 * rng.nextDouble()))
                    .job(new TrainingJob("t", 20_000, 1, 64, 10_000, 0, Topology.RING_ALLREDUCE, 0, 0))
                    .horizon(40).build();
            double[] checkAtSec = {3.3, 12.7, 39.9};
            List<Double> used = new ArrayList<>();
            List<Long> paused = new ArrayList<>();
            SimulationRun.simulate(s, PolicyRegistry.get("equal-split"), new RunSpec(0, trial), new HeapEventList(),
                    run -> {
                        for (double t : checkAtSec) {
                            Scenarios.at(run.simulator(), t, () -> {
                                used.add(run.devices().get("a").cpuSecUsed());
                                paused.add(run.devices().get("a").collectorPauses());
                            });
                        }
                    });
            for (int i = 0; i < checkAtSec.length; i++) {
                double t = checkAtSec[i];
                double bound = Math.min(cpus * PERIOD_SEC * (Math.floor(t / PERIOD_SEC) + 2), hostCores * t);
                assertTrue(used.get(i) <= bound + 1e-9, "trial " + trial + ": " + used.get(i) + " CPU s by " + t
                        + " s, bound " + bound);
            }
            assertTrue(paused.get(2) > 0, "trial " + trial + ": no pause");
        }
    }

    private static Device device(CpuQuota quota, GcPauses pauses) {
        return new Device("d", "", new DeviceProfile(100, 4096, new Interference(5, 5), TrainingMemory.NONE, List.of(),
                DeviceOverhead.NONE, quota, pauses), Scenarios.LINK);
    }
}
