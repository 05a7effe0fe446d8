package io.deepedge.sim;

import io.deepedge.models.Plan;
import io.deepedge.models.RunResult;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
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
        for (long seed = 1; seed <= 20; seed++) {
            RunResult r = SimulationRun.simulate(twoDevices(0, Topology.PARAMETER_SERVER).build(),
                    PolicyRegistry.get("random"), new RunSpec(0, seed));
            Map<String, Double> rates = Map.of("a", 100.0, "b", 50.0);
            double expected = 0;
            Map<String, Long> shares = parsePlan(r.plan());
            for (int k = 0; k < 20; k++) {
                double slowest = 0;
                for (var e : shares.entrySet()) {
                    slowest = Math.max(slowest, Plan.localBatch(e.getValue(), 20, k) / rates.get(e.getKey()));
                }
                expected += slowest;
            }
            assertEquals(2 * expected, r.retrainTimeSec(), 1e-9, r.plan());
        }
    }

    @Test
    void unevenSharesFollowTheIntegerBatchesExactly() {
        // 1000 samples, batch 64: 16 iterations; equal split 500/500 over 16 iterations -> batches of 31 or 32
        var s = Scenarios.builder().device("a", 100).device("b", 100).job(1000, 1, 64, 0, Topology.RING_ALLREDUCE);
        RunResult r = run(s, "equal-split");
        double expected = 0;
        for (int k = 0; k < 16; k++) {
            expected += Plan.localBatch(500, 16, k) / 100.0;
        }
        assertEquals(expected, r.retrainTimeSec(), 1e-9);
        assertEquals(1000, r.samplesTrained());
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
        // the analytic model the policies rank plans with predicts the same time: 8 s of compute an epoch
        TrainingJob job = new TrainingJob("t", 1200, 2, 60, 1_000_000, 0, topology, 0, 0);
        java.util.List<io.deepedge.models.Worker> workers = java.util.List.of(
                new io.deepedge.models.Worker("a", new io.deepedge.models.DeviceProfile(100, 8192, io.deepedge.models.Interference.NONE), Scenarios.LINK, java.util.List.of()),
                new io.deepedge.models.Worker("b", new io.deepedge.models.DeviceProfile(50, 8192, io.deepedge.models.Interference.NONE), Scenarios.LINK, java.util.List.of()));
        double predicted = io.deepedge.models.RetrainTime.expectedSec(job, Scenarios.LINK, workers, new long[] {800, 400});
        assertEquals(predicted, r.retrainTimeSec(), 1e-9);
    }

    @Test
    void singleDeviceNeedsNoSynchronisation() {
        RunResult r = run(twoDevices(1_000_000, Topology.PARAMETER_SERVER), "fastest-single");
        assertEquals(24.0, r.retrainTimeSec(), 1e-9);
    }

    @Test
    void checkpointsAddTheirTransferTime() {
        // 40 iterations of 0.4 s; a checkpoint when >= 2 s passed since the last: after iterations 5, 10, .., 35
        // each moving 1e6 B over the 80 Mbps server link: 1 ms + 0.1 s
        var job = new TrainingJob("t", 1200, 2, 60, 1_000_000, 0, Topology.RING_ALLREDUCE, 2.0, 0);
        var s = Scenarios.builder().device("a", 100).device("b", 50).job(job);
        RunResult r = run(s, "throughput-proportional");
        double iterationSec = 0.4 + 0.102;
        int iterationsPerCheckpoint = (int) Math.ceil(2.0 / iterationSec);
        int checkpoints = (40 - 1) / iterationsPerCheckpoint;
        assertEquals(40 * iterationSec + checkpoints * 0.101, r.retrainTimeSec(), 1e-9);
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

    static Map<String, Long> parsePlan(String plan) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String pair : plan.split(";")) {
            String[] kv = pair.split(":");
            out.put(kv[0], Long.parseLong(kv[1]));
        }
        return out;
    }
}
