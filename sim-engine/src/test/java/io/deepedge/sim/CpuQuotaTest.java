package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.CpuQuota;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.DeviceProfile;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CFS bandwidth model: a device's threads run at core speed until the period's budget is spent, then wait for
 * the next period; training's averaged figure becomes the same average over whole periods; and the averaged
 * interference factors are not applied on top (the scenarios' devices carry x5 factors that would show).
 */
class CpuQuotaTest {
    private static final double PERIOD_SEC = 0.1;

    @Test
    void serviceAloneMatchesAnIndependentReplayOfTheBudget() {
        // 0.6 CPU in 100 ms periods starting at 0: 60 ms of service per period. 25 ms requests at 20/s use 0.5 of a
        // core, 0.83 of the budget, so many requests straddle a budget's end and wait for the next period.
        Simulator sim = new Simulator(new SplayTree());
        sim.init();
        Device d = quotaDevice(new CpuQuota(0.6, 100, 2));
        DeviceSim device = new DeviceSim(d, sim, 0.0, null);
        var instance = new ServiceInstance("s", "d", new Arrivals.Poisson(20), new ServiceTime.Constant(25), 1e6, 0.99);
        LcQueue queue = new LcQueue(instance, device, sim, new RandomStreams(5));
        List<Double> arrivals = new ArrayList<>();
        List<Double> departures = new ArrayList<>();
        queue.observeArrivals(arrivals::add);
        queue.observe((a, dep) -> departures.add(dep));
        queue.start();
        Scenarios.at(sim, 200, sim::stop);
        sim.start();

        BudgetReplay cpu = new BudgetReplay(0.06, PERIOD_SEC);
        double free = 0;
        for (int i = 0; i < departures.size(); i++) {
            free = cpu.run(Math.max(arrivals.get(i), free), 0.025);
            assertEquals(free, departures.get(i), 1e-9, "request " + i);
        }
        assertTrue(departures.size() > 3500 && cpu.refillsWaited > 300, departures.size() + " served, "
                + cpu.refillsWaited + " waits for a refill");
    }

    @Test
    void countsTheWindowsPeriodsAndThoseWhoseBudgetRanOut() {
        // The same service as above, counted over a window of 10.05..190.05 s (the periods ending in it; the edges
        // off the period grid, where the simulated clock's sums of 0.1 s are not exact): 1,800 periods, and as
        // throttled those at whose end work waited for the refill in an independent replay of the budget (at 0.5
        // of a core against 0.6, many of them).
        Simulator sim = new Simulator(new SplayTree());
        sim.init();
        DeviceSim device = new DeviceSim(quotaDevice(new CpuQuota(0.6, 100, 2)), sim, 0.0, null);
        device.countCfsOver(new io.deepedge.models.metrics.MetricsWindow(10.05, 190.05));
        var instance = new ServiceInstance("s", "d", new Arrivals.Poisson(20), new ServiceTime.Constant(25), 1e6, 0.99);
        LcQueue queue = new LcQueue(instance, device, sim, new RandomStreams(5));
        List<Double> arrivals = new ArrayList<>();
        queue.observeArrivals(arrivals::add);
        queue.start();
        Scenarios.at(sim, 200, sim::stop);
        sim.start();

        BudgetReplay cpu = new BudgetReplay(0.06, PERIOD_SEC);
        double free = 0;
        for (double arrival : arrivals) {
            free = cpu.run(Math.max(arrival, free), 0.025);
        }
        long throttled = cpu.throttledPeriods.stream().filter(k -> k >= 100 && k < 1900).count(); // ends 10.1..190.0
        assertTrue(throttled > 100 && throttled < 1800, throttled + " throttled");
        io.deepedge.models.CfsCounts counts = device.cfsCounts().orElseThrow();
        assertEquals(1800, counts.periods());
        assertEquals(throttled, counts.throttled());
        // the CPU used between the window's first and last period ends (10.1 and 190.0 s): periods 101..1899 of the
        // replay, over their 179.9 s
        double cpuSec = 0;
        for (long k = 101; k < 1900; k++) {
            cpuSec += cpu.usedInPeriod(k);
        }
        assertEquals(cpuSec / 179.9, counts.cpuCores(), 1e-9);
        assertTrue(counts.cpuCores() > 0.45 && counts.cpuCores() < 0.55, "about 20/s x 25 ms: " + counts.cpuCores());
    }

    @Test
    void aRunReportsTheCountsOfEveryQuotaLimitedDeviceOverItsWindow() {
        // fastest-single trains on a alone (1,000 samples/s against b's 100) for 100 s, at 0.5 CPU spending every
        // period's budget: the 10..60 s window holds 500 period ends (the periods' phase is drawn, never on the
        // window's edges), all throttled, so it used exactly its 0.5 cores; b, without a modelled quota, has no counts
        var s = Scenarios.builder().device("a", 1000, new CpuQuota(0.5, 100, 2)).device("b", 100)
                .job(new TrainingJob("t", 100_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                .metrics(10, 60).horizon(200).build();
        RunResult r = SimulationRun.simulate(s, PolicyRegistry.get("fastest-single"), new RunSpec(0, 3));
        assertEquals(java.util.Set.of("a"), r.cfs().keySet());
        assertEquals(500, r.cfs().get("a").periods());
        assertEquals(500, r.cfs().get("a").throttled());
        assertEquals(0.5, r.cfs().get("a").cpuCores(), 1e-9);
    }

    @Test
    void aRunReportsEachQuotaLimitedDevicesTrainingCpuPerSample() {
        // fastest-single trains on a alone, profiled at 1,000 samples/s under its quota: 1 ms of averaged time per
        // sample, during which training used the cores it averages under the quota, min(1, cpus - idle). So 0.5 ms
        // of CPU per sample at 0.5 CPU, 0.4 with 0.1 cores of idle process, 1 at 1.5 CPU (one thread), whatever the
        // throttling; b, without a modelled quota, has no CPU model and no figure.
        double[][] cpusIdleAndMsPerSample = {{0.5, 0, 0.5}, {0.5, 0.1, 0.4}, {1.5, 0, 1.0}};
        for (double[] c : cpusIdleAndMsPerSample) {
            var s = Scenarios.builder().device("a", 1000, new CpuQuota(c[0], 100, 2, c[1])).device("b", 100)
                    .job(new TrainingJob("t", 100_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                    .horizon(200).build();
            RunResult r = SimulationRun.simulate(s, PolicyRegistry.get("fastest-single"), new RunSpec(0, 3));
            assertEquals(java.util.Set.of("a"), r.trainingCpu().keySet(), "cpus " + c[0]);
            assertEquals(100_000, r.trainingCpu().get("a").samples());
            assertEquals(c[2], r.trainingCpu().get("a").msPerSample(), 1e-9, "cpus " + c[0] + ", idle " + c[1]);
        }
    }

    @Test
    void sharingTheHostsCoreSlowsTrainingButNotItsCpuPerSample() {
        // two devices of one CPU each, profiled at 1,000 samples/s on a core of their own, on a host of one core:
        // both train at once, each on half the core, so at half the speed; a sample still costs 1 ms of CPU
        var s = Scenarios.builder().device("a", 1000, new CpuQuota(1, 100, 1)).device("b", 1000, new CpuQuota(1, 100, 1))
                .job(new TrainingJob("t", 100_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                .horizon(500).build();
        RunResult r = SimulationRun.simulate(s, PolicyRegistry.get("throughput-proportional"), new RunSpec(0, 3));
        assertTrue(r.finished() && r.retrainTimeSec() > 90, "50,000 samples each at 500/s: " + r.retrainTimeSec());
        assertEquals(java.util.Set.of("a", "b"), r.trainingCpu().keySet());
        for (String d : List.of("a", "b")) {
            assertEquals(50_000, r.trainingCpu().get(d).samples(), d);
            assertEquals(1.0, r.trainingCpu().get(d).msPerSample(), 1e-9, d);
        }
    }

    @Test
    void trainingAloneAveragesItsProfiledThroughputOverWholePeriods() {
        // 1,000 samples/s measured under 0.5 CPU: 100-sample batches are 0.1 s of averaged time, 0.05 s of CPU,
        // one period's budget. 1,000 back-to-back batches (one device, nothing to synchronise) take 100 s within a
        // period, whatever the phase; the x5 slowdowns of the averaged model must not apply (no service here). By
        // 50 s the thread used 50 x min(1, cpus) CPU seconds, within one period's budget.
        // The throughput was measured with the agent's idle process spending the same budget, so with it simulated
        // (0.1 cores) the batches still take 100 s: throttled at 0.5 CPU every period's budget is spent, 25 CPU
        // seconds by 50 s; at 1.5 CPU (one thread and 0.1 cores never reach it) 50 x (1 + 0.1) = 55.
        double[][] cpusIdleAndCpuSecAt50 = {{0.5, 0, 25}, {0.3, 0, 15}, {1.5, 0, 50}, {0.5, 0.1, 25}, {1.5, 0.1, 55}};
        for (double[] c : cpusIdleAndCpuSecAt50) {
            var s = Scenarios.builder().device("a", 1000, new CpuQuota(c[0], 100, 2, c[1]))
                    .job(new TrainingJob("t", 100_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                    .horizon(200).build();
            List<Double> cpuUsed = new ArrayList<>();
            RunResult r = SimulationRun.simulate(s, PolicyRegistry.get("fastest-single"), new RunSpec(0, 3),
                    new HeapEventList(), run -> at(run, 50, () -> cpuUsed.add(run.devices().get("a").cpuSecUsed())));
            String what = "cpus " + c[0] + ", idle " + c[1];
            assertEquals(100.0, r.retrainTimeSec(), PERIOD_SEC, what);
            assertEquals(c[2], cpuUsed.get(0), c[0] * PERIOD_SEC, what);
        }
    }

    @Test
    void aServiceThatIsAlwaysBusyTakesHalfTheBudgetFromTraining() {
        // 10 ms requests at 1,000/s keep the service thread runnable all the time; with training's thread that is two
        // threads on two cores (or sharing one core at half speed each): either way each gets half of 0.5 CPU. The
        // 10 s of averaged training (at 0.5 CPU alone) then take 20 s, and the service completes 0.025 s of work per
        // 100 ms period: 2.5 requests, 25 per second.
        for (int hostCores : new int[] {2, 1}) {
            BusyRun r = alwaysBusyServiceBesideTraining(new CpuQuota(0.5, 100, hostCores));
            assertEquals(20.0, r.retrainSec(), 2 * PERIOD_SEC, "host cores " + hostCores);
            assertEquals(18 * 25, r.completedIn(1, 19), 3, "host cores " + hostCores);
        }
    }

    @Test
    void theIdleProcessGetsItsWholeRateOfEveryPeriodTheBudgetRunsOut() {
        // The same always-busy service and training under 0.5 CPU, beside 0.1 cores of idle process: its work keeps
        // arriving while the budget is spent and runs at the refill, so every period gives it 10 of its 50 ms and
        // the service and training threads 20 ms each. Training's 10 s of averaged time were measured beside that
        // idle process (0.4 cores of training, 4 CPU seconds), so at 0.2 cores they take 20 s, and the service
        // completes 2 requests of 10 ms per period, 20 per second. (Were the idle process a third thread spending
        // the budget only while it lasts, training and the service would get 50 / 2.1 ms each: 19.1 s, 23.8/s.)
        for (int hostCores : new int[] {2, 1}) {
            BusyRun r = alwaysBusyServiceBesideTraining(new CpuQuota(0.5, 100, hostCores, 0.1));
            assertEquals(20.0, r.retrainSec(), 2 * PERIOD_SEC, "host cores " + hostCores);
            assertEquals(18 * 20, r.completedIn(1, 19), 3, "host cores " + hostCores);
        }
    }

    @Test
    void coLocationTermsScaleTrainingBesideAServiceAndTheCpuOfRequestsQueuedBesideIt() {
        // The same always-busy service and training under 0.5 CPU (no idle process). With training at half speed
        // while a request is in service, the budget splits as before (25 ms each) but training progresses half as
        // far: 40 s instead of 20, the service still 25 requests/s. With queued requests at half their CPU (every
        // request but the first starts behind another), the service demands half a core: training gets 1 / 1.5 of
        // each 50 ms (33.3 ms, 0.333 cores) and its 5 CPU seconds take 15 s; the service spends 16.7 ms per period
        // on 10 ms requests at half a core each, 3.33 per period, 33.3/s. With training on half a core while a request
        // is in service, the two spend 1.5 cores: the budget lasts 33.3 ms, the service does 33.3 ms of requests (33.3/s)
        // and training 16.7 ms of CPU per period, a third of the 0.5 cores it has alone: 30 s for the 10 s it takes
        // alone. (On one host core: both at 2/3 of it for the whole 50 ms, the same shares.)
        double[][] termsRetrainAndRate = {{1, 0.5, 1, 40, 25}, {0.5, 1, 1, 15, 100.0 / 3}, {1, 1, 0.5, 30, 100.0 / 3}};
        for (double[] c : termsRetrainAndRate) {
            for (int hostCores : new int[] {2, 1}) {
                BusyRun r = alwaysBusyServiceBesideTraining(new CpuQuota(0.5, 100, hostCores, 0,
                        new io.deepedge.models.ColocationTerms(c[0], c[1], c[2])));
                String what = "terms " + c[0] + " / " + c[1] + " / " + c[2] + ", host cores " + hostCores;
                assertEquals(c[3], r.retrainSec(), 2 * PERIOD_SEC, what);
                assertEquals(13 * c[4], r.completedIn(1, 14), 3, what);
                // once training has finished the service is alone, at the CPU the profile's services-alone phases
                // measured whatever the terms: 50 ms of 10 ms requests per 100 ms period, 50/s
                assertEquals(50 * 15, r.completedIn(42, 57), 3, what);
            }
        }
    }

    @Test
    void devicesUnderAQuotaShareTheHostsCores() {
        // two devices at 1.0 CPU (one thread each: never throttled) split 100-sample batches equally, 50 samples
        // at 1,000 samples/s = 0.05 s each per iteration. On a host of 2 cores they compute side by side; on one
        // core both at half speed, 0.1 s: over 100 iterations the job takes exactly 5 s longer (same synchronisation)
        double[] retrain = new double[3];
        int i = 0;
        for (int hostCores : new int[] {2, 1, 3}) {
            var s = Scenarios.builder().device("a", 1000, new CpuQuota(1.0, 100, hostCores))
                    .device("b", 1000, new CpuQuota(1.0, 100, hostCores))
                    .job(new TrainingJob("t", 10_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                    .horizon(100).build();
            retrain[i++] = SimulationRun.simulate(s, PolicyRegistry.get("equal-split"), new RunSpec(0, 3))
                    .retrainTimeSec();
        }
        assertEquals(5.0, retrain[1] - retrain[0], 1e-6);
        assertEquals(retrain[0], retrain[2], 1e-9);  // a third core changes nothing
    }

    @Test
    void theDeviceNeverUsesMoreThanItsQuota() {
        // random quotas, host sizes, service loads and service-time shapes, with training: by any time t the
        // device's threads used at most cpus x (periods begun by t) x period of CPU, and at most their cores' time
        MRG32k3a rng = new MRG32k3a();
        for (int trial = 0; trial < 25; trial++) {
            double cpus = 0.1 + 1.9 * rng.nextDouble();
            int hostCores = 1 + rng.nextInt(0, 2);
            double rate = 1 + 60 * rng.nextDouble();
            double meanMs = 1 + 20 * rng.nextDouble();
            var s = Scenarios.builder().device("a", 500, new CpuQuota(cpus, 100, hostCores)).device("b", 300)
                    .service("lc", "a", rate, new ServiceTime.Exponential(meanMs))
                    .service("lc2", "a", rate / 2, new ServiceTime.Constant(meanMs))
                    .job(new TrainingJob("t", 20_000, 1, 64, 10_000, 0, Topology.RING_ALLREDUCE, 0, 0))
                    .horizon(40).build();
            double[] checkAtSec = {3.3, 12.7, 39.9};
            List<Double> used = new ArrayList<>();
            SimulationRun.simulate(s, PolicyRegistry.get("equal-split"), new RunSpec(0, trial), new HeapEventList(),
                    run -> {
                        for (double t : checkAtSec) {
                            at(run, t, () -> used.add(run.devices().get("a").cpuSecUsed()));
                        }
                    });
            for (int i = 0; i < checkAtSec.length; i++) {
                double t = checkAtSec[i];
                double bound = Math.min(cpus * PERIOD_SEC * (Math.floor(t / PERIOD_SEC) + 2), hostCores * t);
                assertTrue(used.get(i) <= bound + 1e-9, "trial " + trial + ": " + used.get(i) + " CPU s by " + t
                        + " s, bound " + bound);
                assertTrue(used.get(i) > 0, "trial " + trial + " used no CPU");
            }
        }
    }

    @Test
    void theIdleProcessSpendsTheBudgetWhileTheAgentIsUpOnly() {
        // 0.1 cores of idle process under 0.6 CPU, nothing else: 1 CPU second per 10 s, never throttled; down from
        // 10 to 20 s (the process is gone), back from 20 s
        Simulator sim = new Simulator(new SplayTree());
        sim.init();
        DeviceSim device = new DeviceSim(quotaDevice(new CpuQuota(0.6, 100, 2, 0.1)), sim, 0.37, null);
        device.countCfsOver(new io.deepedge.models.metrics.MetricsWindow(0.5, 9.5));
        List<Double> used = new ArrayList<>();
        Scenarios.at(sim, 10, () -> {
            used.add(device.cpuSecUsed());
            device.fail();
        });
        Scenarios.at(sim, 20, () -> {
            used.add(device.cpuSecUsed());
            device.recover();
        });
        Scenarios.at(sim, 30, () -> {
            used.add(device.cpuSecUsed());
            sim.stop();
        });
        sim.start();
        assertEquals(List.of(1.0, 1.0, 2.0), used.stream().map(v -> Math.round(v * 1e9) / 1e9).toList());
        assertEquals(0, device.cfsCounts().orElseThrow().throttled());
    }

    @Test
    void trainingAveragesTheCoresItsThreadsCanUseUpToTheQuota() {
        assertEquals(0.6, new CpuQuota(0.6, 100, 2).averageTrainingCores(), 1e-12);  // one thread, throttled
        assertEquals(1.0, new CpuQuota(1.5, 100, 2).averageTrainingCores(), 1e-12);  // one thread cannot spend 1.5
        assertEquals(2.0, new CpuQuota(2.5, 100, 4).averageTrainingCores(), 1e-12);  // two threads
        assertEquals(1.0, new CpuQuota(2.5, 100, 1).averageTrainingCores(), 1e-12);  // one core for both
        assertEquals(1.0, CpuQuota.NONE.averageTrainingCores(), 1e-12);
        assertEquals(2, new CpuQuota(2.5, 100, 4).trainingThreads());
        // beside an idle process of 0.2 cores: a throttled thread gets what the idle process leaves of 0.6 every
        // period, 0.4; one that never reaches the quota (1 + 0.2 <= 1.5) keeps its core; two threads of 2.5 would
        // take 2.3, beyond them
        assertEquals(0.4, new CpuQuota(0.6, 100, 2, 0.2).averageTrainingCores(), 1e-12);
        assertEquals(1.0, new CpuQuota(1.5, 100, 2, 0.2).averageTrainingCores(), 1e-12);
        assertEquals(2.0, new CpuQuota(2.5, 100, 4, 0.2).averageTrainingCores(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new CpuQuota(0.6, 100, 2, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new CpuQuota(0.6, 100, 2, -0.1));
    }

    /** Training's 10 s of averaged time at 1,000 samples/s beside a service sent 10 ms requests at 1,000/s. */
    private record BusyRun(double retrainSec, List<Double> completedSec) {
        /** Requests completed in (fromSec, toSec]. */
        long completedIn(double fromSec, double toSec) {
            return completedSec.stream().filter(t -> t > fromSec && t <= toSec).count();
        }
    }

    private static BusyRun alwaysBusyServiceBesideTraining(CpuQuota quota) {
        var s = Scenarios.builder().device("a", 1000, quota)
                .service("lc", "a", 1000, new ServiceTime.Constant(10))
                .job(new TrainingJob("t", 10_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                .horizon(60).build();
        List<Double> completed = new ArrayList<>();
        RunResult r = SimulationRun.simulate(s, PolicyRegistry.get("fastest-single"), new RunSpec(0, 3),
                new HeapEventList(), run -> run.queues().get(0).observe((a, dep) -> completed.add(dep)));
        return new BusyRun(r.retrainTimeSec(), completed);
    }

    private static Device quotaDevice(CpuQuota quota) {
        return new Device("d", "", new DeviceProfile(100, 4096, new Interference(5, 5), TrainingMemory.NONE, List.of(),
                DeviceOverhead.NONE, quota), Scenarios.LINK);
    }


    static void at(SimulationRun run, double timeSec, Runnable action) {
        Scenarios.at(run.simulator(), timeSec, action);
    }
}
