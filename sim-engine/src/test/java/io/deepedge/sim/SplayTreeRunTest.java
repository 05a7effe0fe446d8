package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Interference;
import io.deepedge.models.Reliability;
import io.deepedge.models.RunResult;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import umontreal.ssj.simevents.eventlist.SplayTree;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The simulator gives identical results on SSJ's own {@link SplayTree} event list and on {@link HeapEventList}:
 * the whole run (interference, training, checkpoints, failures and recoveries, stochastic failures, load
 * re-planning, the metrics window) depends on the event order only, and both lists keep SSJ's order.
 */
class SplayTreeRunTest {
    private static Scenario scenario() {
        Interference slowing = new Interference(1.6, 1.4);
        var steps = new Arrivals.Steps(List.of(new Arrivals.Step(0, 2), new Arrivals.Step(200, 9)));
        Scenario base = Scenarios.builder().device("a", 150, slowing, new Reliability(400, 30))
                .device("b", 90, slowing).device("c", 60, slowing)
                .service("s", "a", 5, new ServiceTime.Exponential(40))
                .service("t", "b", 4, new ServiceTime.Lognormal(50, 1.2))
                .job(new TrainingJob("j", 40_000, 2, 64, 2_000_000, 1000, Topology.PARAMETER_SERVER, 20, 30, 2))
                .failure("c", 120, 60).horizon(1500).metrics(30, 1200).build();
        List<ServiceInstance> services = new ArrayList<>(base.services());
        services.add(new ServiceInstance("u", "c", steps, new ServiceTime.Constant(60), 150, 0.95));
        return new Scenario(base.experiment(), base.horizonSec(), base.devices(), services, base.job(),
                base.failures(), base.serverLink(), base.monitoring(), base.metrics());
    }

    @ParameterizedTest
    @ValueSource(strings = {"deep-edge", "equal-split", "random"})
    void runIsIdenticalUnderSsjSplayTree(String policy) {
        RunResult heap = SimulationRun.simulate(scenario(), PolicyRegistry.get(policy), new RunSpec(1, 99),
                new HeapEventList(), run -> { });
        RunResult splay = SimulationRun.simulate(scenario(), PolicyRegistry.get(policy), new RunSpec(1, 99),
                new SplayTree(), run -> { });
        assertEquals(heap.withPlanTimeMs(0), splay.withPlanTimeMs(0));
    }
}
