package io.deepedge.hw.coordinator;

import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.models.ServiceInstance;

import java.util.Map;

/**
 * What the runs of a testbed experiment share beyond the data: the figures the policy plans with and the model
 * id each LC service is served with.
 *
 * @param figures the config's figures where given, the agents' calibrated ones elsewhere
 * @param modelIdByService service name to the agent's model id ({@link ServedModels#modelId})
 * @param arrivals each LC instance's arrival times in a run; the testbed command gives the simulator's own
 *        ({@code io.deepedge.sim.ArrivalTimes}), so the digital twin and the testbed see identical arrivals
 */
public record TestbedSetup(PlanningFigures figures, Map<String, String> modelIdByService, Arrivals arrivals) {
    /** Where an LC instance's arrival times come from (plain numbers: this module knows no simulator). */
    @FunctionalInterface
    public interface Arrivals {
        /** The arrival times (seconds from the run's start, ascending) of {@code instance} before {@code untilSec}. */
        double[] timesSec(ServiceInstance instance, long runSeed, double untilSec);

        /** Drawn by {@link ArrivalSchedule} from the run seed and the instance's name (not the simulator's draws). */
        Arrivals SAMPLED = (instance, runSeed, untilSec) -> ArrivalSchedule.times(instance.arrivals(),
                ArrivalSchedule.streamSeed(runSeed, "arrivals/" + instance.service() + "/" + instance.device()), untilSec);
    }

    public TestbedSetup {
        modelIdByService = Map.copyOf(modelIdByService);
        if (arrivals == null) {
            throw new IllegalArgumentException("arrivals must be given");
        }
    }

    /** With arrivals drawn by {@link Arrivals#SAMPLED}. */
    public TestbedSetup(PlanningFigures figures, Map<String, String> modelIdByService) {
        this(figures, modelIdByService, Arrivals.SAMPLED);
    }

    public String modelId(String service) {
        String id = modelIdByService.get(service);
        if (id == null) {
            throw new IllegalArgumentException("no served model for service " + service);
        }
        return id;
    }
}
