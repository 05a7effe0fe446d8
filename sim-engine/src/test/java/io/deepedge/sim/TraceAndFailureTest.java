package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Reliability;
import io.deepedge.models.RunResult;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.SplayTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trace-driven arrivals, stochastic failures and the barrier's heartbeat timeout. */
class TraceAndFailureTest {
    private static List<Double> arrivalTimes(Arrivals arrivals, double untilSec) {
        Simulator sim = new Simulator(new SplayTree());
        sim.init();
        Device d = new Device("d", "", new DeviceProfile(100, 4096, Interference.NONE), Scenarios.LINK);
        var instance = new ServiceInstance("s", "d", arrivals, new ServiceTime.Constant(0.001), 1000, 0.99);
        LcQueue queue = new LcQueue(instance, new DeviceSim(d), sim, new RandomStreams(11));
        List<Double> times = new ArrayList<>();
        queue.observe((arrival, departure) -> times.add(arrival));
        queue.start();
        new umontreal.ssj.simevents.Event(sim) {
            @Override
            public void actions() {
                sim.stop();
            }
        }.schedule(untilSec);
        sim.start();
        return times;
    }

    @Test
    void perMinuteCountsReplayWithinPoissonNoise() {
        // a per-minute invocation-count row, as in the Azure Functions layout, replayed as steps
        int[] counts = {120, 600, 30, 0, 900, 450, 60, 1200, 300, 5};
        List<Arrivals.Step> steps = new ArrayList<>();
        for (int m = 0; m < counts.length; m++) {
            steps.add(new Arrivals.Step(60.0 * m, counts[m] / 60.0));
        }
        List<Double> times = arrivalTimes(new Arrivals.Steps(steps), 60.0 * counts.length);
        int[] observed = new int[counts.length];
        times.forEach(t -> observed[(int) (t / 60)]++);
        double chiSquare = 0;
        int cells = 0;
        for (int m = 0; m < counts.length; m++) {
            assertTrue(Math.abs(observed[m] - counts[m]) <= 4 * Math.sqrt(Math.max(counts[m], 1)) + 1,
                    "minute " + m + ": " + observed[m] + " vs " + counts[m]);
            if (counts[m] > 0) {
                chiSquare += Math.pow(observed[m] - counts[m], 2) / counts[m];
                cells++;
            }
        }
        assertEquals(0, observed[3], "a zero-rate minute has no arrivals");
        // chi-square with 9 degrees of freedom: its 99.9th percentile is 27.9
        assertTrue(chiSquare < 27.9 && cells == 9, "chi2 " + chiSquare);
    }

    @Test
    void recordedTraceIsReplayedExactlyAndRepeatsWithItsPeriod() {
        List<Double> trace = List.of(0.5, 0.5, 1.25, 7.0);
        List<Double> times = arrivalTimes(new Arrivals.Recorded("test", trace, 10), 25);
        assertEquals(List.of(0.5, 0.5, 1.25, 7.0, 10.5, 10.5, 11.25, 17.0, 20.5, 20.5, 21.25), times);
        assertEquals(trace, arrivalTimes(new Arrivals.Recorded("test", trace, 0), 25));
    }

    private static Scenario cluster(Reliability reliability, double heartbeatSec, List<io.deepedge.models.Failure> failures) {
        Device a = new Device("a", "", new DeviceProfile(100, 8192, Interference.NONE), Scenarios.LINK, reliability);
        Device b = new Device("b", "", new DeviceProfile(50, 8192, Interference.NONE), Scenarios.LINK, reliability);
        var service = new ServiceInstance("s", "b", new Arrivals.Poisson(5), new ServiceTime.Exponential(20), 200, 0.99);
        var job = new TrainingJob("t", 30_000, 2, 64, 1_000_000, 0, Topology.RING_ALLREDUCE, 20, 0, heartbeatSec);
        return new Scenario("f", 1e5, List.of(a, b), List.of(service), Optional.of(job), failures, Scenarios.LINK);
    }

    @Test
    void heartbeatTimeoutDelaysDetectionAndCostsThatMuchMoreWork() {
        var failure = List.of(new io.deepedge.models.Failure("b", 100, 50));
        RunResult instant = SimulationRun.simulate(cluster(Reliability.NEVER_FAILS, 0, failure),
                PolicyRegistry.get("throughput-proportional"), new RunSpec(0, 1));
        RunResult slow = SimulationRun.simulate(cluster(Reliability.NEVER_FAILS, 5, failure),
                PolicyRegistry.get("throughput-proportional"), new RunSpec(0, 1));
        assertEquals(instant.workLostSec() + 5, slow.workLostSec(), 1e-6);
        assertTrue(slow.retrainTimeSec() > instant.retrainTimeSec());
        assertEquals(60_000, slow.samplesTrained());
    }

    @Test
    void stochasticFailuresAreReproducibleAndLeaveTheArrivalsAlone() {
        Reliability flaky = new Reliability(150, 30);
        RunResult x = SimulationRun.simulate(cluster(flaky, 2, List.of()), PolicyRegistry.get("equal-split"),
                new RunSpec(0, 8));
        RunResult y = SimulationRun.simulate(cluster(flaky, 2, List.of()), PolicyRegistry.get("equal-split"),
                new RunSpec(0, 8));
        assertEquals(x.withPlanTimeMs(0), y.withPlanTimeMs(0));
        assertTrue(x.failures() > 0 && x.workLostSec() > 0, "failures " + x.failures());
        assertTrue(x.finished());
        assertEquals(60_000, x.samplesTrained());
        assertTrue(x.services().get(0).lost() > 0);
    }
}
