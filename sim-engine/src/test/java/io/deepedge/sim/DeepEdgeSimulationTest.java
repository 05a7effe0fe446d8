package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.RunResult;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceStats;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.forecast.ForecastSpec;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deep-Edge carried out by the simulator: SLOs kept where interference-blind splits break them. */
class DeepEdgeSimulationTest {
    private static Device device(String name, double rate, double serviceSlowdown) {
        return new Device(name, "", new DeviceProfile(rate, 8192, new Interference(serviceSlowdown, 1.0)), Scenarios.LINK);
    }

    private static RunResult run(Scenario s, String policy) {
        return SimulationRun.simulate(s, PolicyRegistry.get(policy), new RunSpec(0, 2024));
    }

    @Test
    void leavesOutTheFastestDeviceWhenColocationWouldBreakItsSloAndKeepsItOnTheDevicesItTrainsOn() {
        // M/M/1, 50 ms at 10/s on fast: p99 460 ms alone, 4.2 s while training slows service 1.8x; deadline 1 s.
        // M/M/1, 50 ms at 4/s on each slow device: p99 0.49 s while training slows service 1.5x; deadline 1 s.
        var critical = new ServiceInstance("critical", "fast", new Arrivals.Poisson(10),
                new ServiceTime.Exponential(50), 1000, 0.99);
        var light1 = new ServiceInstance("light", "slow-1", new Arrivals.Poisson(4), new ServiceTime.Exponential(50),
                1000, 0.99);
        var light2 = new ServiceInstance("light", "slow-2", new Arrivals.Poisson(4), new ServiceTime.Exponential(50),
                1000, 0.99);
        var job = new TrainingJob("t", 60_000, 1, 64, 0, 0, Topology.RING_ALLREDUCE, 0, 0);
        Scenario s = new Scenario("slo", 2000, List.of(device("fast", 300, 1.8), device("slow-1", 100, 1.5),
                device("slow-2", 100, 1.5)), List.of(critical, light1, light2), Optional.of(job), List.of(),
                Scenarios.LINK);

        RunResult deepEdge = run(s, "deep-edge");
        assertEquals("slow-1:30000;slow-2:30000", deepEdge.plan());
        assertEquals(deepEdge.plan(), deepEdge.finalPlan());
        assertFalse(deepEdge.services().get(0).colocated());
        assertEquals(0, deepEdge.services().get(0).colocation().requests());
        // the co-location view of the instances it trains beside: ~300 s x 4/s requests each, SLO kept
        for (ServiceStats light : deepEdge.services().subList(1, 3)) {
            assertTrue(light.colocated() && light.colocation().requests() > 900, light.device());
            assertTrue(light.colocation().sloLatencyMs() <= light.deadlineMs(),
                    light.device() + " co-located p99 " + light.colocation().sloLatencyMs());
            assertTrue(light.colocSloMet());
        }
        assertEquals(0, deepEdge.colocSloViolations());

        RunResult blind = run(s, "throughput-proportional");
        ServiceStats broken = blind.services().get(0);
        assertTrue(broken.colocated() && broken.colocation().requests() > 500);
        assertTrue(broken.colocation().sloLatencyMs() > broken.deadlineMs(),
                "throughput-proportional co-located p99 " + broken.colocation().sloLatencyMs());
        assertFalse(broken.colocSloMet());
        assertTrue(blind.retrainTimeSec() < deepEdge.retrainTimeSec(), "the SLO costs re-training time");
    }

    @Test
    void loadStepTriggersReplanningThatMovesDataAwayFromTheLoadedDevice() {
        // 2/s until 300 s, then 12/s: co-located p99 goes from 0.4 s to 3.5 s against a 0.6 s deadline
        var steps = new Arrivals.Steps(List.of(new Arrivals.Step(0, 2), new Arrivals.Step(300, 12)));
        var service = new ServiceInstance("critical", "fast", steps, new ServiceTime.Exponential(50), 600, 0.99);
        var job = new TrainingJob("t", 300_000, 1, 64, 0, 0, Topology.RING_ALLREDUCE, 30, 0);
        Scenario s = new Scenario("step", 5000, List.of(device("fast", 200, 1.5), device("slow", 100, 1.0)),
                List.of(service), Optional.of(job), List.of(), Scenarios.LINK, ForecastSpec.DEFAULT);

        RunResult r = run(s, "deep-edge");
        assertEquals("fast:200000;slow:100000", r.plan());
        assertTrue(r.replans() >= 1, "replans " + r.replans());
        assertEquals("slow:300000", r.finalPlan());
        assertTrue(r.finished());
        assertEquals(300_000, r.samplesTrained());

        RunResult blind = run(s, "throughput-proportional");
        // the mechanism asks every policy again; the load-blind one keeps its plan
        assertEquals(blind.plan(), blind.finalPlan());
        assertTrue(blind.services().get(0).colocation().p99Ms() > r.services().get(0).colocation().p99Ms());
    }
}
