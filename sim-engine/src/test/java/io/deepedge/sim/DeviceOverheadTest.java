package io.deepedge.sim;

import io.deepedge.models.Assignment;
import io.deepedge.models.CpuQuota;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.GcPauses;
import io.deepedge.models.Interference;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.Plan;
import io.deepedge.models.RetrainTime;
import io.deepedge.models.RunResult;
import io.deepedge.models.Scenario;
import io.deepedge.models.SyncCost;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.Worker;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The devices' own work per synchronisation round and per shard sample ({@link DeviceOverhead}) against the
 * closed-form re-training time {@code transfer + iterations x (compute + network sync + largest round overhead)
 * + checkpoints}, each figure computed by hand. Links are {@link Scenarios#LINK}: 80 Mbps = 1e7 B/s, 1 ms.
 */
class DeviceOverheadTest {
    private static RunResult run(Scenario scenario, Plan plan) {
        return SimulationRun.simulate(scenario, new FixedPlanPolicy(plan), new RunSpec(0, 7));
    }

    private static Plan plan(String a, long aSamples, String b, long bSamples) {
        return new Plan(List.of(new Assignment(a, aSamples), new Assignment(b, bSamples)));
    }

    /** The scenario's devices as the cost model sees them, in plan order. */
    private static List<Worker> workers(Scenario s) {
        return s.devices().stream().map(d -> new Worker(d.name(), d.profile(), d.link(), List.of())).toList();
    }

    @Test
    void eachRoundAddsTheSlowestDevicesOverheadAndTheTransferEachDevicesLoading() {
        // D = 1200, B = 60: 20 iterations an epoch, E = 2: 40; P = 1e6 B ring; 1000 B a sample; checkpoint every 2 s
        TrainingJob job = new TrainingJob("t", 1200, 2, 60, 1_000_000, 1000, Topology.RING_ALLREDUCE, 2.0, 0);
        Scenario s = Scenarios.builder().device("a", 100, new DeviceOverhead(30, 0.5))
                .device("b", 50, new DeviceOverhead(80, 2)).job(job).build();
        RunResult r = run(s, plan("a", 800, "b", 400));
        // transfer: a 1 ms + 8e5 B / 1e7 B/s + 800 x 0.5 ms = 0.481 s; b 1 ms + 4e5 / 1e7 + 400 x 2 ms = 0.841 s
        double transferSec = Math.max(0.001 + 0.08 + 0.4, 0.001 + 0.04 + 0.8);
        // compute: a 40 samples at 100/s, b 20 at 50/s: 0.4 s; ring of 2: 2 (1 ms + 1e6 / (2 x 1e7)) = 0.102 s;
        // the slower device's own work: 80 ms
        double iterationSec = 0.4 + 0.102 + 0.080;
        // a checkpoint after every 4th iteration (4 x 0.582 >= 2 > 3 x 0.582), none after the 40th: 9 of 1 ms + 0.1 s
        double expectedSec = transferSec + 40 * iterationSec + 9 * 0.101;
        assertEquals(25.03, expectedSec, 1e-12);
        assertTrue(r.finished());
        assertEquals(expectedSec, r.retrainTimeSec(), 1e-9);
        // the cost model the policies plan with charges the same
        assertEquals(expectedSec, RetrainTime.expectedSec(job, Scenarios.LINK, workers(s), new long[] {800, 400}), 1e-9);
    }

    @Test
    void theTransferLastsTheLargestOfEachDevicesNetworkTimePlusItsOwnLoading() {
        // the device with the shorter network transfer loads longest: the phase is the max of the sums, not the
        // max network time plus the max loading (0.081 + 0.2 = 0.281 s)
        TrainingJob job = new TrainingJob("t", 1200, 2, 60, 0, 1000, Topology.RING_ALLREDUCE, 0, 0);
        Scenario s = Scenarios.builder().device("a", 100, new DeviceOverhead(0, 0.1))
                .device("b", 50, new DeviceOverhead(0, 0.5)).job(job).build();
        RunResult r = run(s, plan("a", 800, "b", 400));
        // a: 1 ms + 0.08 s + 800 x 0.1 ms = 0.161 s; b: 1 ms + 0.04 s + 400 x 0.5 ms = 0.241 s; 40 iterations of 0.4 s
        double expectedSec = 0.241 + 40 * 0.4;
        assertEquals(expectedSec, r.retrainTimeSec(), 1e-9);
        assertEquals(expectedSec, RetrainTime.expectedSec(job, Scenarios.LINK, workers(s), new long[] {800, 400}), 1e-9);
    }

    @Test
    void aRoundWaitsOnlyForTheDevicesThatComputeInIt() {
        // D = 8, B = 2: 4 iterations. a (d = 6, 10/s) computes 1, 2, 1, 2 samples; b (d = 2, 2/s) 0, 1, 0, 1.
        // Rounds without b: 0.1 s + a's 100 ms; rounds with b: max(0.2, 0.5) s + b's 300 ms. No network sync (P = 0)
        TrainingJob job = new TrainingJob("t", 8, 1, 2, 0, 0, Topology.RING_ALLREDUCE, 0, 0);
        Scenario s = Scenarios.builder().device("a", 10, new DeviceOverhead(100, 0))
                .device("b", 2, new DeviceOverhead(300, 0)).job(job).build();
        RunResult r = run(s, plan("a", 6, "b", 2));
        assertEquals(2 * (0.1 + 0.1) + 2 * (0.5 + 0.3), r.retrainTimeSec(), 1e-9);
    }

    @Test
    void aRoundAlsoWaitsForTheLargestOwnWorkPlusCoordinationOfItsDevices() {
        // the rounds of aRoundWaitsOnlyForTheDevicesThatComputeInIt, a now with a 40 ms coordination wait and b with
        // 25 ms: rounds without b wait a's 100 + 40 ms, rounds with b max(100 + 40, 300 + 25) = 325 ms
        TrainingJob job = new TrainingJob("t", 8, 1, 2, 0, 0, Topology.RING_ALLREDUCE, 0, 0);
        Scenario s = Scenarios.builder().device("a", 10, new DeviceOverhead(100, 0, 40))
                .device("b", 2, new DeviceOverhead(300, 0, 25)).job(job).build();
        RunResult r = run(s, plan("a", 6, "b", 2));
        assertEquals(2 * (0.1 + 0.14) + 2 * (0.5 + 0.325), r.retrainTimeSec(), 1e-9);
        // the cost model the policies plan with charges every round the plan's largest sum
        assertEquals(0.325, SyncCost.roundOverheadSeconds(List.of(new DeviceOverhead(100, 0, 40),
                new DeviceOverhead(300, 0, 25))), 1e-12);
    }

    @Test
    void underACpuQuotaTheCoordinationStaysAWaitWhileTheDevicesOwnWorkSpendsTheBudget() {
        // a 0.5-CPU device measured at 1,000 samples/s (averaged over periods): its one thread computes at 2,000
        // samples/s while the budget lasts, so a round of 50 samples is 25 ms of CPU and of wall time. With a 60 ms
        // coordination wait after each round's compute, rounds start 85 ms apart and no 100 ms period holds more
        // than 25 + 15 = 40 ms of compute: the 50 ms budget is never spent, whatever the period's drawn phase, and
        // 40 rounds take 40 x 85 ms. As the device's own work the same 60 ms would be 30 ms of CPU on the budget.
        TrainingJob job = new TrainingJob("t", 2000, 1, 50, 0, 0, Topology.RING_ALLREDUCE, 0, 0);
        DeviceProfile waits = new DeviceProfile(1000, 8192, Interference.NONE, TrainingMemory.NONE, List.of(),
                new DeviceOverhead(0, 0, 60), new CpuQuota(0.5, 100, 2), GcPauses.NONE);
        assertEquals(0.06, waits.roundWaitSec(), 1e-12);
        assertEquals(0.0, waits.roundWorkSec(), 1e-12);
        DeviceProfile works = new DeviceProfile(1000, 8192, Interference.NONE, TrainingMemory.NONE, List.of(),
                new DeviceOverhead(60, 0, 0), new CpuQuota(0.5, 100, 2), GcPauses.NONE);
        assertEquals(0.0, works.roundWaitSec(), 1e-12);
        assertEquals(0.06, works.roundWorkSec(), 1e-12);
        Scenario s = Scenarios.builder().device("a", waits).job(job).build();
        for (long seed = 1; seed <= 4; seed++) {
            RunResult r = SimulationRun.simulate(s, new FixedPlanPolicy(new Plan(List.of(new Assignment("a", 2000)))),
                    new RunSpec(0, seed));
            assertEquals(40 * (0.025 + 0.06), r.retrainTimeSec(), 1e-9, "seed " + seed);
        }
    }

    @Test
    void aSingleDevicePaysItsOwnOverheadEveryRoundThoughItSynchronisesWithNoOne() {
        // one device: no network synchronisation, but it still receives the parameters and returns its gradient
        TrainingJob job = new TrainingJob("t", 8, 1, 2, 1_000_000, 0, Topology.PARAMETER_SERVER, 0, 0);
        Scenario s = Scenarios.builder().device("a", 10, new DeviceOverhead(100, 0)).job(job).build();
        RunResult r = run(s, new Plan(List.of(new Assignment("a", 8))));
        assertEquals(4 * (0.2 + 0.1), r.retrainTimeSec(), 1e-9);
        Device a = s.devices().get(0);
        assertEquals(4 * (0.2 + 0.1), RetrainTime.expectedSec(job, Scenarios.LINK,
                List.of(new Worker("a", a.profile(), a.link(), List.of())), new long[] {8}), 1e-9);
    }

    @Test
    void underACpuQuotaTheRoundsOverheadSpendsTheBudgetInsteadOfLettingItRefill() {
        // 1,000 samples/s and a 50 ms round overhead, both measured under 0.5 CPU in 100 ms periods: a round of 50
        // samples is 50 + 50 ms of averaged time, 50 ms of CPU, one period's budget. Alone, with no network cost
        // (P = 0) and no shard transfer (0 bytes a sample), round 1 runs at full core speed from 0 with a full
        // budget; the first refill comes at f (the run's drawn phase of the period), each later one 0.1 s after.
        // With f > 0.05, round 1 spends the budget by 0.05 and every later round waits for a refill and runs 50 ms:
        // round 40 ends at f + 0.05 + 38 x 0.1. With f <= 0.05 the refill at f tops round 1 up, it ends at 0.05
        // with f left, and every later round runs out of budget f into its work and finishes 0.05 - f after the
        // next refill: round k ends at 0.05 + (k - 1) x 0.1, round 40 at 3.95. (As a wait, the overhead let the
        // budget refill: 25 ms of CPU every 75 ms, 3.0 s.) Seeds covering both cases are checked.
        TrainingJob job = new TrainingJob("t", 2000, 1, 50, 0, 0, Topology.RING_ALLREDUCE, 0, 0);
        DeviceProfile quotaLimited = new DeviceProfile(1000, 8192, Interference.NONE, TrainingMemory.NONE, List.of(),
                new DeviceOverhead(50, 0), new CpuQuota(0.5, 100, 2), GcPauses.NONE);
        Scenario s = Scenarios.builder().device("a", quotaLimited).job(job).build();
        boolean early = false;
        boolean late = false;
        for (long seed = 1; seed <= 12; seed++) {
            RunSpec spec = new RunSpec(0, seed);
            double f = 0.1 * new RandomStreams(spec.seed()).stream("cfs-phase:a").nextDouble();
            early |= f <= 0.05;
            late |= f > 0.05;
            double expectedSec = f > 0.05 ? f + 0.05 + 38 * 0.1 : 0.05 + 39 * 0.1;
            RunResult r = SimulationRun.simulate(s,
                    new FixedPlanPolicy(new Plan(List.of(new Assignment("a", 2000)))), spec);
            assertEquals(expectedSec, r.retrainTimeSec(), 1e-9, "seed " + seed + ", first refill at " + f);
            // a round's 50 ms of CPU is half compute, half the round's own work: runs.csv's training CPU is the
            // compute's, 25 ms a round of 50 samples, as the testbed's agents measure only their compute
            assertEquals(0.5, r.trainingCpu().get("a").msPerSample(), 1e-9, "seed " + seed);
        }
        assertTrue(early && late, "the seeds cover both cases of the first refill");
    }
}
