package io.deepedge.sim;

import io.deepedge.models.RunResult;
import io.deepedge.models.ServiceStats;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LC metrics cover the scenario's metrics window whatever the policy: the run goes on after the job until
 * the window's end, every request arriving in the window is judged or lost, and those still in the system
 * at its end count with their age.
 */
class MetricsWindowTest {
    private static final TrainingJob JOB = new TrainingJob("t", 12_000, 1, 60, 0, 0, Topology.RING_ALLREDUCE, 0, 50);

    private static Scenarios cluster() {
        return Scenarios.builder().device("a", 100).device("b", 10)
                .service("s", "a", 5, new ServiceTime.Exponential(50))
                .service("s", "b", 5, new ServiceTime.Exponential(50)).job(JOB).horizon(2000);
    }

    /** Runs and counts, per instance, the arrivals in [fromSec, toSec). */
    private static RunResult run(Scenarios s, String policy, double fromSec, double toSec, List<long[]> counts) {
        return SimulationRun.simulate(s.build(), PolicyRegistry.get(policy), new RunSpec(0, 4), new HeapEventList(),
                run -> run.queues().forEach(q -> {
                    long[] count = new long[1];
                    counts.add(count);
                    q.observeArrivals(t -> count[0] += t >= fromSec && t < toSec ? 1 : 0);
                }));
    }

    @Test
    void everyPolicyIsJudgedOverTheSameWindowFromSubmissionToTheHorizon() {
        List<long[]> fastCounts = new ArrayList<>();
        List<long[]> slowCounts = new ArrayList<>();
        // a alone: 120 s; a and b at 30 samples each per iteration: b paces 200 iterations of 3 s, 600 s; both are
        // judged from the submission (50 s) to the horizon (2,000 s)
        RunResult fast = run(cluster(), "fastest-single", 50, 2000, fastCounts);
        RunResult slow = run(cluster(), "equal-split", 50, 2000, slowCounts);
        assertEquals(120.0, fast.retrainTimeSec(), 1e-6);
        assertEquals(600.0, slow.retrainTimeSec(), 1e-6);
        for (int i = 0; i < 2; i++) {
            ServiceStats f = fast.services().get(i);
            ServiceStats s = slow.services().get(i);
            assertEquals(fastCounts.get(i)[0], f.requests() + f.lost());
            assertEquals(slowCounts.get(i)[0], s.requests() + s.lost());
            assertEquals(f.requests(), s.requests());
            // 1,950 s at 5/s
            assertEquals(9750, f.requests(), 5 * Math.sqrt(9750));
        }
        assertEquals(fast.lcRequests(), slow.lcRequests());
    }

    @Test
    void requestsStillQueuedAtTheWindowsEndAreCountedWithTheirAge() {
        // an overloaded queue (rho = 1.5) judged over [0, 400): a third of the window's arrivals are still queued
        var s = Scenarios.builder().device("a", 100).service("s", "a", 30, new ServiceTime.Exponential(50))
                .horizon(600).metrics(0, 400);
        List<long[]> counts = new ArrayList<>();
        RunResult r = run(s, "equal-split", 0, 400, counts);
        ServiceStats q = r.services().get(0);
        assertEquals(counts.get(0)[0], q.requests());
        assertEquals(0, q.lost());
        // the server, always busy, completes about 20/s: 8,000 of the 12,000 arrivals; the rest are unfinished
        // (standard deviation about sqrt(12,000 + 8,000) = 141)
        assertEquals(4000, q.unfinished(), 600);
        assertEquals(q.unfinished(), r.lcUnfinished());
        // the queue grows about 10/s, so the median request waits ~100 s: far beyond its 200 ms deadline
        assertTrue(q.misses() > 0.95 * q.requests(), q.misses() + " of " + q.requests());
        assertTrue(q.p50Ms() > 50_000, "p50 " + q.p50Ms());
        assertTrue(q.p99Ms() <= 400_000, "an age is at most the window's length");
    }

    @Test
    void coLocationViewHoldsTheRequestsThatArrivedWhileTrainingRanOnTheDevice() {
        // a trains from 50 s to 170 s alone: its instance's co-location view is ~120 s x 5/s requests; b never trains
        RunResult r = run(cluster(), "fastest-single", 50, 2000, new ArrayList<>());
        ServiceStats onA = r.services().get(0);
        ServiceStats onB = r.services().get(1);
        assertEquals(600, onA.colocation().requests(), 5 * Math.sqrt(600));
        assertTrue(onA.colocated());
        assertEquals(0, onB.colocation().requests());
        assertTrue(onB.colocSloMet() && Double.isNaN(onB.colocation().p99Ms()));
    }

    @Test
    void jobViewHoldsTheRequestsThatArrivedWhileTrainingRanOnAnyDevice() {
        // a trains alone from 50 s to 170 s (12,000 samples at 100/s): both instances' job views are exactly their
        // arrivals in [50, 170), counted apart from the simulator's own bookkeeping; b's co-location view is empty
        List<long[]> counts = new ArrayList<>();
        RunResult r = run(cluster(), "fastest-single", 50, 170, counts);
        assertEquals(120.0, r.retrainTimeSec(), 1e-6);
        ServiceStats onA = r.services().get(0);
        ServiceStats onB = r.services().get(1);
        assertEquals(counts.get(0)[0], onA.job().requests());
        assertEquals(onA.colocation(), onA.job());
        assertEquals(counts.get(1)[0], onB.job().requests());
        assertTrue(onB.job().requests() > 400, "about 600 arrivals: " + onB.job().requests());
        assertEquals(0, onB.colocation().requests());
    }
}
