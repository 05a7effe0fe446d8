package io.deepedge.sim;

import io.deepedge.models.RunResult;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures roll the job back and re-plan; the same seed reproduces a run exactly. */
class FailureAndDeterminismTest {
    private static Scenarios cluster() {
        return Scenarios.builder().device("a", 100).device("b", 50).device("c", 50)
                .service("s", "b", 5, new ServiceTime.Exponential(20))
                .job(new TrainingJob("t", 12_000, 2, 60, 0, 0, Topology.RING_ALLREDUCE, 10, 0)).horizon(1000);
    }

    private static RunResult run(Scenarios s, String policy, long seed) {
        return SimulationRun.simulate(s.build(), PolicyRegistry.get(policy), new RunSpec(0, seed));
    }

    @Test
    void failureMidJobDelaysItReportsLostWorkAndConservesSamples() {
        RunResult clean = run(cluster(), "throughput-proportional", 1);
        RunResult failed = run(cluster().failure("b", 55, 1e9), "throughput-proportional", 1);
        assertTrue(failed.finished());
        assertTrue(failed.retrainTimeSec() > clean.retrainTimeSec());
        assertEquals(1, failed.failures());
        // checkpoints every 10 s of 0.3 s iterations: the last one at or after 50 s, so at most ~10 s is lost
        assertTrue(failed.workLostSec() > 0 && failed.workLostSec() <= 10.5, "lost " + failed.workLostSec());
        assertEquals(24_000, failed.samplesTrained());
        assertEquals(1, failed.replans());
        // the service on b loses what was queued at the failure and every request arriving after it (5/s)
        assertTrue(failed.services().get(0).lost() > 0, "lost " + failed.services().get(0).lost());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "equal-split, 13", "equal-split, 41.5", "throughput-proportional, 7", "throughput-proportional, 77",
        "random, 23", "random, 64", "fastest-single, 5",
    })
    void samplesAreConservedAcrossFailuresRecoveriesAndReplans(String policy, double failAtSec) {
        var s = Scenarios.builder().device("a", 97).device("b", 51).device("c", 33)
                .job(new TrainingJob("t", 4_999, 3, 61, 10_000, 0, Topology.RING_ALLREDUCE, 4, 0))
                .failure("a", failAtSec, 9).failure("b", failAtSec + 3, 20).failure("c", failAtSec + 50, 5);
        RunResult r = run(s, policy, 3);
        assertTrue(r.finished());
        assertEquals(4_999L * 3, r.samplesTrained());
    }

    @Test
    void failedDeviceLosesItsQueuedRequestsAndArrivalsWhileDown() {
        var s = Scenarios.builder().device("a", 100).service("s", "a", 10, new ServiceTime.Exponential(50))
                .failure("a", 100, 100).horizon(300);
        RunResult r = run(s, "equal-split", 5);
        // about 100 s x 10/s arrivals are lost while down
        assertEquals(1000, r.services().get(0).lost(), 5 * Math.sqrt(1000));
        assertEquals(1, r.failures());
    }

    @Test
    void jobWaitsWhileNoDeviceIsUpAndResumesOnRecovery() {
        var s = Scenarios.builder().device("a", 100)
                .job(new TrainingJob("t", 6000, 1, 60, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                .failure("a", 30, 100);
        RunResult r = run(s, "equal-split", 5);
        // 30 s of work lost (no checkpoints), 100 s down, then 60 s from scratch
        assertEquals(190.0, r.retrainTimeSec(), 1e-9);
        assertEquals(30.0, r.workLostSec(), 1e-9);
        assertEquals(6000, r.samplesTrained());
    }

    @Test
    void jobThatCannotContinueIsUnfinishedAtTheHorizon() {
        var s = Scenarios.builder().device("a", 100)
                .job(new TrainingJob("t", 6000, 1, 60, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                .failure("a", 30, Double.POSITIVE_INFINITY).horizon(500);
        RunResult r = run(s, "equal-split", 5);
        assertFalse(r.finished());
    }

    @Test
    void sameSeedGivesTheSameRunAndDifferentSeedDifferentLcResults() {
        RunResult a = run(cluster(), "equal-split", 42);
        RunResult b = run(cluster(), "equal-split", 42);
        RunResult c = run(cluster(), "equal-split", 43);
        assertEquals(a.withPlanTimeMs(0), b.withPlanTimeMs(0));
        assertNotEquals(a.services(), c.services());
    }

    @Test
    void policiesOfOneReplicationSeeTheSameArrivals() {
        // no training interferes here, so the LC outcome depends only on the random streams
        var s = Scenarios.builder().device("a", 100).device("b", 100)
                .service("s", "b", 5, new ServiceTime.Exponential(20)).horizon(1000);
        RunResult x = run(s, "equal-split", 9);
        RunResult y = run(s, "fastest-single", 9);
        assertEquals(x.services(), y.services());
    }
}
