package io.deepedge.policies.deepedge;

import io.deepedge.models.Device;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.forecast.ForecastSpec;
import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.policies.Trigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The planners charge a device's own work per round ({@link DeviceOverhead}) as the simulator does. */
class RoundOverheadPlanningTest {
    private static final Link LINK = new Link(1000, 1);

    private static DeviceState device(String name, double rate, double roundOverheadMs) {
        DeviceProfile profile = new DeviceProfile(rate, 8192, Interference.NONE, TrainingMemory.NONE, List.of(),
                new DeviceOverhead(roundOverheadMs, 0));
        return new DeviceState(new Device(name, "", profile, LINK), true);
    }

    private static String plan(String policy, List<DeviceState> devices) {
        // 12000 samples in batches of 60: 200 rounds; free network synchronisation (P = 0)
        TrainingJob job = new TrainingJob("t", 12_000, 1, 60, 0, 0, Topology.RING_ALLREDUCE, 0, 0);
        PlanningRequest request = new PlanningRequest(0, devices, List.of(), job, LINK, Trigger.JOB_SUBMITTED, 1,
                ForecastSpec.DEFAULT);
        return assertInstanceOf(Decision.Assign.class, PolicyRegistry.get(policy).decide(request)).plan().render();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deep-edge", "optimal"})
    void aDeviceWithALargeRoundOverheadIsLeftOutWhenItCostsMoreThanItComputes(String policy) {
        // without overhead all three share the rounds: 60 samples at 200/s, 0.3 s a round (DeepEdgePolicyTest)
        assertEquals("a:6000;b:3000;c:3000", plan(policy, List.of(device("a", 100, 0), device("b", 50, 0),
                device("c", 50, 0))));
        // c's 200 ms a round: {a, b, c} 200 x (0.3 + 0.2) = 100 s; {a, b} 200 x 60 / 150 = 80 s; {a} 200 x 0.6 = 120 s
        assertEquals("a:8000;b:4000", plan(policy, List.of(device("a", 100, 0), device("b", 50, 0),
                device("c", 50, 200))));
        // at 50 ms a round c is worth it again: 200 x (0.3 + 0.05) = 70 s < 80 s
        assertEquals("a:6000;b:3000;c:3000", plan(policy, List.of(device("a", 100, 0), device("b", 50, 0),
                device("c", 50, 50))));
    }
}
