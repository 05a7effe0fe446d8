package io.deepedge.hw.coordinator;

import java.util.Map;

/**
 * What the runs of a testbed experiment share beyond the data: the figures the policy plans with and the model
 * id each LC service is served with.
 *
 * @param figures the config's figures where given, the agents' calibrated ones elsewhere
 * @param modelIdByService service name to the agent's model id ({@link ServedModels#modelId})
 */
public record TestbedSetup(PlanningFigures figures, Map<String, String> modelIdByService) {
    public TestbedSetup {
        modelIdByService = Map.copyOf(modelIdByService);
    }

    public String modelId(String service) {
        String id = modelIdByService.get(service);
        if (id == null) {
            throw new IllegalArgumentException("no served model for service " + service);
        }
        return id;
    }
}
