package io.deepedge.sim;

import io.deepedge.models.Assignment;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Plan;
import io.deepedge.models.RetrainTime;
import io.deepedge.models.RunResult;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.Worker;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-training time of the baselines against the analytic synchronous data-parallel model. */
class TrainingTimeTest {
    /** Two devices at 100 and 50 samples/s; D = 1200, B = 60 (20 iterations an epoch), E = 2. */
    private static Scenarios twoDevices(long parameterBytes, Topology topology) {
        return Scenarios.builder().device("a", 100).device("b", 50).job(1200, 2, 60, parameterBytes, topology);
    }

    private static RunResult run(Scenarios scenario, String policy) {
        return SimulationRun.simulate(scenario.build(), PolicyRegistry.get(policy), new RunSpec(0, 7));
    }

    @ParameterizedTest
    @CsvSource({
        // equal split: 600 each, 30 a device per iteration, the slow device sets the pace: 40 x 30/50
        "equal-split, 24.0, a:600;b:600",
        // proportional: 800/400, both take 0.4 s an iteration
        "throughput-proportional, 16.0, a:800;b:400",
        // fastest alone: 60 samples per iteration at 100 samples/s
        "fastest-single, 24.0, a:1200",
    })
    void baselineMatchesAnalyticTimeWithFreeSynchronisation(String policy, double expectedSec, String plan) {
        RunResult r = run(twoDevices(0, Topology.PARAMETER_SERVER), policy);
        assertTrue(r.finished());
        assertEquals(plan, r.plan());
        assertEquals(expectedSec, r.retrainTimeSec(), 1e-9);
    }

    @Test
    void randomPolicyMatchesAnalyticTimeOfWhateverItDrew() {
        // the random subsets of {a, b}, equal shares, 2 epochs of 20 iterations: a alone 60 samples at 100/s;
        // b alone 60 at 50/s; both 30 each, b's 0.6 s paces every iteration
        Map<String, Double> expected = Map.of("a:1200", 2 * 20 * 0.6, "b:1200", 2 * 20 * 1.2, "a:600;b:600", 2 * 20 * 0.6);
        java.util.Set<String> drawn = new java.util.HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            RunResult r = SimulationRun.simulate(twoDevices(0, Topology.PARAMETER_SERVER).build(),
                    PolicyRegistry.get("random"), new RunSpec(0, seed));
            assertTrue(expected.containsKey(r.plan()), r.plan());
            assertEquals(expected.get(r.plan()), r.retrainTimeSec(), 1e-9, r.plan());
            drawn.add(r.plan());
        }
        assertEquals(3, drawn.size(), "every subset drawn in 20 seeds " + drawn);
    }

    @Test
    void unevenSharesFollowTheIntegerBatchesExactly() {
        // 1000 samples, batch 64: 16 iterations; equal split 500 = 16 x 31 + 4 on two identical devices: both carry
        // 32 samples in the same 4 iterations and 31 in the other 12, so each iteration takes its batch / 100 s
        var s = Scenarios.builder().device("a", 100).device("b", 100).job(1000, 1, 64, 0, Topology.RING_ALLREDUCE);
        RunResult r = run(s, "equal-split");
        assertEquals((4 * 32 + 12 * 31) / 100.0, r.retrainTimeSec(), 1e-9);
        assertEquals(1000, r.samplesTrained());
    }

    @Test
    void theSlowestDeviceOfEachIterationPacesIt() {
        // D = 8, B = 2: 4 iterations. Cumulative samples after k iterations are floor(k d / 4):
        // a (d = 6, 10/s): batches 1, 2, 1, 2; b (d = 2, 2/s): batches 0, 1, 0, 1.
        // Iterations take 0.1, max(0.2, 0.5), 0.1, max(0.2, 0.5) = 1.2 s
        var s = Scenarios.builder().device("a", 10).device("b", 2).job(8, 1, 2, 0, Topology.RING_ALLREDUCE);
        Plan plan = new Plan(List.of(new Assignment("a", 6), new Assignment("b", 2)));
        RunResult r = SimulationRun.simulate(s.build(), new FixedPlanPolicy(plan), new RunSpec(0, 7));
        assertEquals(1.2, r.retrainTimeSec(), 1e-9);
        // and the cost model predicts it
        double predicted = RetrainTime.expectedSec(s.build().job().orElseThrow(), Scenarios.LINK,
                List.of(plain("a", 10), plain("b", 2)), new long[] {6, 2});
        assertEquals(1.2, predicted, 1e-9);
    }

    @ParameterizedTest
    @CsvSource({
        // ring, 2 devices, P = 1e6 B, 80 Mbps = 1e7 B/s, 1 ms: C = 2 (n-1) (lat + P / (n bw)) = 0.102 s
        "RING_ALLREDUCE, 0.102",
        // parameter server on an 80 Mbps link: C = 2 (lat + max(n P / bw_ps, P / bw_min)) = 0.402 s
        "PARAMETER_SERVER, 0.402",
    })
    void synchronisationTermMatchesTopologyFormula(Topology topology, double syncSec) {
        RunResult r = run(twoDevices(1_000_000, topology), "throughput-proportional");
        assertEquals(16.0 + 40 * syncSec, r.retrainTimeSec(), 1e-9);
        // the cost model the policies rank plans with predicts the same time
        TrainingJob job = new TrainingJob("t", 1200, 2, 60, 1_000_000, 0, topology, 0, 0);
        double predicted = RetrainTime.expectedSec(job, Scenarios.LINK, List.of(plain("a", 100), plain("b", 50)),
                new long[] {800, 400});
        assertEquals(16.0 + 40 * syncSec, predicted, 1e-9);
    }

    @Test
    void singleDeviceNeedsNoSynchronisation() {
        RunResult r = run(twoDevices(1_000_000, Topology.PARAMETER_SERVER), "fastest-single");
        assertEquals(24.0, r.retrainTimeSec(), 1e-9);
    }

    @Test
    void checkpointsAddTheirTransferTime() {
        // 40 iterations of 0.4 s + 0.102 s ring sync; a checkpoint after the first iteration ending >= 2 s after the
        // previous one: after 4 iterations (2.008 s), the clock restarting when it ends: after iterations 4, 8, .., 36,
        // none after the last; each moves 1e6 B over the 80 Mbps server link: 1 ms + 0.1 s
        var job = new TrainingJob("t", 1200, 2, 60, 1_000_000, 0, Topology.RING_ALLREDUCE, 2.0, 0);
        var s = Scenarios.builder().device("a", 100).device("b", 50).job(job);
        RunResult r = run(s, "throughput-proportional");
        double iterationSec = 0.4 + 0.102;
        int checkpoints = (40 - 1) / 4;
        assertEquals(40 * iterationSec + checkpoints * 0.101, r.retrainTimeSec(), 1e-9);
        // the cost model counts the same checkpoints
        double predicted = RetrainTime.expectedSec(job, Scenarios.LINK, List.of(plain("a", 100), plain("b", 50)),
                new long[] {800, 400});
        assertEquals(40 * iterationSec + checkpoints * 0.101, predicted, 1e-9);
    }

    private static Worker plain(String name, double samplesPerSec) {
        return new Worker(name, new DeviceProfile(samplesPerSec, 8192, Interference.NONE), Scenarios.LINK, List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"equal-split", "throughput-proportional", "fastest-single", "random"})
    void samplesAreConserved(String policy) {
        var s = Scenarios.builder().device("a", 100).device("b", 37).device("c", 55)
                .job(9_999, 3, 128, 10_000, Topology.RING_ALLREDUCE);
        RunResult r = run(s, policy);
        assertTrue(r.finished());
        assertEquals(9_999L * 3, r.samplesTrained());
    }

    @Test
    void submissionDelayIsNotPartOfTheRetrainingTime() {
        var job = new TrainingJob("t", 1200, 2, 60, 0, 0, Topology.PARAMETER_SERVER, 0, 100);
        RunResult r = run(Scenarios.builder().device("a", 100).device("b", 50).job(job), "throughput-proportional");
        assertEquals(16.0, r.retrainTimeSec(), 1e-9);
    }

    @Test
    void jobNotFinishedByTheHorizonIsReportedUnfinished() {
        RunResult r = run(twoDevices(0, Topology.PARAMETER_SERVER).horizon(10), "equal-split");
        assertFalse(r.finished());
        assertTrue(Double.isNaN(r.retrainTimeSec()));
    }
}
