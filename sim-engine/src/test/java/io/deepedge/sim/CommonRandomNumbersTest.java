package io.deepedge.sim;

import io.deepedge.models.Interference;
import io.deepedge.models.Reliability;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Common random numbers with a training job present: whatever a policy does to the devices (which train, when
 * they fail, how long the job runs), every policy of one replication sees the same requests arrive on every
 * service instance, and stochastic failures do not shift them either.
 */
class CommonRandomNumbersTest {
    private static Scenarios cluster(Reliability reliability) {
        Interference slowing = new Interference(1.5, 1.3);
        return Scenarios.builder().device("a", 120, slowing, reliability).device("b", 60, slowing, reliability)
                .device("c", 40, slowing, reliability)
                .service("s", "a", 6, new ServiceTime.Exponential(40))
                .service("s", "b", 3, new ServiceTime.Lognormal(60, 0.8))
                .service("t", "c", 9, new ServiceTime.Constant(30))
                .job(new TrainingJob("j", 20_000, 2, 64, 1_000_000, 0, Topology.RING_ALLREDUCE, 15, 5))
                .failure("b", 40, 30).horizon(900);
    }

    /** Arrival times on each instance (in the scenario's instance order), served or lost. */
    private record Observed(RunResult result, List<List<Double>> arrivals) {
    }

    private static Observed run(Scenarios s, String policy) {
        List<List<Double>> arrivals = new ArrayList<>();
        RunResult r = SimulationRun.simulate(s.build(), PolicyRegistry.get(policy), new RunSpec(0, 77),
                new HeapEventList(), run -> run.queues().forEach(q -> {
                    List<Double> times = new ArrayList<>();
                    arrivals.add(times);
                    q.observeArrivals(times::add);
                }));
        return new Observed(r, arrivals);
    }

    @Test
    void policiesWithATrainingJobSeeIdenticalArrivalsOnEveryInstance() {
        Observed equal = run(cluster(Reliability.NEVER_FAILS), "equal-split");
        Observed fastest = run(cluster(Reliability.NEVER_FAILS), "fastest-single");
        Observed random = run(cluster(Reliability.NEVER_FAILS), "random");
        // the policies did different things to the devices ...
        assertNotEquals(equal.result().plan(), fastest.result().plan());
        assertNotEquals(equal.result().retrainTimeSec(), fastest.result().retrainTimeSec());
        assertNotEquals(colocated(equal.result()), colocated(fastest.result()));
        // ... and every instance saw the same requests: about 900 s x 6, 3, 9 per second
        for (int i = 0; i < 3; i++) {
            assertTrue(equal.arrivals().get(i).size() > 1000, "instance " + i);
            assertSameArrivals(equal.arrivals().get(i), fastest.arrivals().get(i), "instance " + i);
            assertSameArrivals(equal.arrivals().get(i), random.arrivals().get(i), "instance " + i);
            // judged or lost, every request of the window is counted under every policy
            assertEquals(judgedOrLost(equal.result(), i), judgedOrLost(fastest.result(), i));
            assertEquals(judgedOrLost(equal.result(), i), judgedOrLost(random.result(), i));
        }
    }

    @Test
    void stochasticFailuresLeaveTheArrivalsAlone() {
        Observed steady = run(cluster(Reliability.NEVER_FAILS), "equal-split");
        Observed flaky = run(cluster(new Reliability(200, 20)), "equal-split");
        assertTrue(flaky.result().failures() > steady.result().failures());
        assertNotEquals(steady.result().workLostSec(), flaky.result().workLostSec());
        for (int i = 0; i < 3; i++) {
            assertSameArrivals(steady.arrivals().get(i), flaky.arrivals().get(i), "instance " + i);
        }
    }

    /** Equal sequences; on a difference, the message names the first index that differs (not both lists). */
    private static void assertSameArrivals(List<Double> expected, List<Double> actual, String what) {
        int n = Math.min(expected.size(), actual.size());
        for (int k = 0; k < n; k++) {
            if (!expected.get(k).equals(actual.get(k))) {
                throw new AssertionError(what + ": arrival " + k + " at " + actual.get(k) + " s, expected "
                        + expected.get(k) + " s");
            }
        }
        assertEquals(expected.size(), actual.size(), what + ": arrivals");
    }

    private static List<Boolean> colocated(RunResult r) {
        return r.services().stream().map(ServiceStats::colocated).toList();
    }

    private static long judgedOrLost(RunResult r, int instance) {
        ServiceStats s = r.services().get(instance);
        return s.requests() + s.lost();
    }
}
