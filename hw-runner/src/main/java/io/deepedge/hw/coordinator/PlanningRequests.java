package io.deepedge.hw.coordinator;

import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.ServiceLoad;
import io.deepedge.policies.Trigger;

import java.util.List;

/**
 * The request a policy gets when the job is submitted, built as the simulator builds it at that moment: every
 * device available, each LC instance known by its configured mean rate (nothing monitored yet), the scenario's
 * server link and forecast settings, the run seed.
 */
public final class PlanningRequests {
    private PlanningRequests() {
    }

    public static PlanningRequest atSubmission(Scenario scenario, long runSeed, double nowSec) {
        TrainingJob job = scenario.job().orElseThrow(() -> new IllegalArgumentException("the scenario has no training job"));
        List<DeviceState> devices = scenario.devices().stream().map(d -> new DeviceState(d, true)).toList();
        List<ServiceLoad> loads = scenario.services().stream().map(s -> load(s, scenario)).toList();
        return new PlanningRequest(nowSec, devices, loads, job, scenario.serverLink(), Trigger.JOB_SUBMITTED, runSeed,
                scenario.monitoring());
    }

    private static ServiceLoad load(ServiceInstance instance, Scenario scenario) {
        return new ServiceLoad(instance, instance.arrivals().meanRatePerSec(), List.of(),
                scenario.monitoring().intervalSec());
    }
}
