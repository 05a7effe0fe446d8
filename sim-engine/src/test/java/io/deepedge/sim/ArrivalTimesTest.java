package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Interference;
import io.deepedge.models.Reliability;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ArrivalTimes} gives exactly (bit for bit) the arrival times the simulator's queues see in a run with a
 * training job, for every kind of arrival process: the testbed replays these, so twin and testbed share arrivals.
 */
class ArrivalTimesTest {
    @Test
    void equalsTheArrivalsTheSimulatorsQueuesSee() {
        Interference slowing = new Interference(1.5, 1.3);
        Scenarios s = Scenarios.builder().device("a", 120, slowing, Reliability.NEVER_FAILS)
                .device("b", 60, slowing, Reliability.NEVER_FAILS)
                .service("poisson", "a", 7, new ServiceTime.Exponential(40))
                .job(new TrainingJob("j", 20_000, 2, 64, 1_000_000, 0, Topology.RING_ALLREDUCE, 15, 5)).horizon(600);
        s.instance(new ServiceInstance("steps", "b", new Arrivals.Steps(List.of(new Arrivals.Step(0, 2),
                new Arrivals.Step(100, 20), new Arrivals.Step(300, 0), new Arrivals.Step(400, 5))),
                new ServiceTime.Constant(10), 200, 0.99));
        s.instance(new ServiceInstance("trace", "b", new Arrivals.Recorded("t", List.of(0.3, 1.7, 2.2), 5),
                new ServiceTime.Constant(10), 200, 0.99));
        Scenario scenario = s.build();
        long runSeed = 4242;
        List<List<Double>> seen = new ArrayList<>();
        SimulationRun.simulate(scenario, PolicyRegistry.get("equal-split"), new RunSpec(0, runSeed), new HeapEventList(),
                run -> run.queues().forEach(q -> {
                    List<Double> times = new ArrayList<>();
                    seen.add(times);
                    q.observeArrivals(times::add);
                }));
        for (int i = 0; i < scenario.services().size(); i++) {
            ServiceInstance instance = scenario.services().get(i);
            double[] expected = seen.get(i).stream().mapToDouble(Double::doubleValue).toArray();
            assertTrue(expected.length > 100, instance.id() + ": " + expected.length);
            assertArrayEquals(expected, ArrivalTimes.of(instance, runSeed, scenario.horizonSec()), 0.0, instance.id());
        }
    }
}
