package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.GridPoint;
import io.deepedge.experiments.config.TestbedSettings;
import io.deepedge.hw.coordinator.AgentCalibration;
import io.deepedge.hw.coordinator.CalibrationMeasurements;
import io.deepedge.hw.coordinator.FigureSources;
import io.deepedge.hw.coordinator.PlanningFigures;
import io.deepedge.hw.coordinator.ServedModels;
import io.deepedge.hw.coordinator.TestbedData;
import io.deepedge.hw.coordinator.TestbedSetup;
import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.models.Device;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The testbed's planning figures and served models from a config's settings: which figures the config gives, the
 * agents' calibration for the rest, and the manifest's record of both.
 */
final class TestbedFigures {
    private TestbedFigures() {
    }

    /** Each service's agent model id, from its {@code testbed.model} (the cached base classifier by default). */
    static Map<String, String> servedModelIds(GridPoint point, TestbedData data, int epochs, PrintWriter announce)
            throws IOException {
        Map<String, String> ids = new TreeMap<>();
        for (ServiceInstance s : point.scenario().services()) {
            if (!ids.containsKey(s.service())) {
                ids.put(s.service(), ServedModels.modelId(point.testbed().service(s.service()).model(), data, epochs,
                        announce));
            }
        }
        return ids;
    }

    /** What the config writes, in the hardware runner's terms. */
    static FigureSources sources(GridPoint point) {
        Map<String, Set<FigureSources.Figure>> byDevice = new TreeMap<>();
        for (Device d : point.scenario().devices()) {
            Set<FigureSources.Figure> given = EnumSet.noneOf(FigureSources.Figure.class);
            for (String f : point.testbed().givenFigures(d.name())) {
                given.add(switch (f) {
                    case TestbedSettings.TRAIN_SAMPLES_PER_SEC -> FigureSources.Figure.TRAIN_SAMPLES_PER_SEC;
                    case TestbedSettings.SERVICE_SLOWDOWN -> FigureSources.Figure.SERVICE_SLOWDOWN;
                    case TestbedSettings.TRAINING_SLOWDOWN -> FigureSources.Figure.TRAINING_SLOWDOWN;
                    default -> throw new IllegalStateException("unknown figure " + f);
                });
            }
            byDevice.put(d.name(), given);
        }
        Set<String> timeGiven = new TreeSet<>();
        point.scenario().services().stream().map(ServiceInstance::service)
                .filter(name -> point.testbed().service(name).serviceTimeGiven()).forEach(timeGiven::add);
        return new FigureSources(byDevice, timeGiven);
    }

    /** Whether some figure is missing from the config (then every agent calibrates). */
    static boolean needsCalibration(Scenario scenario, FigureSources sources) {
        for (Device d : scenario.devices()) {
            for (FigureSources.Figure f : FigureSources.Figure.values()) {
                if (!sources.given(d.name(), f)) {
                    return true;
                }
            }
        }
        return scenario.services().stream().anyMatch(s -> !sources.serviceTimeGiven(s.service()));
    }

    /** Calibrates the agents when the config leaves a figure out; the setup every run uses. */
    static TestbedSetup calibrate(GridPoint point, AgentCluster cluster, Map<String, String> modelIds,
                                  NetworkSpec network, TestbedData data, PrintWriter progress) throws IOException {
        FigureSources sources = sources(point);
        Map<String, CalibrationMeasurements> measured = Map.of();
        if (needsCalibration(point.scenario(), sources)) {
            Map<String, Double> cpus = new TreeMap<>();
            point.scenario().devices().forEach(d -> cpus.put(d.name(), point.testbed().cpus(d.name())));
            measured = AgentCalibration.run(point.scenario(), cluster, cpus, modelIds, network, data, progress);
        }
        return new TestbedSetup(new PlanningFigures(sources, measured), modelIds);
    }

    /** The manifest's {@code testbed} block. */
    static Map<String, Object> manifestBlock(NetworkSpec network, TestbedData data, String quotaMode,
                                             String quotaWarning, TestbedSetup setup, GridPoint point,
                                             Object agents, String transport) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agents", agents);
        m.put("transport", transport);
        m.put("network", network.describe());
        m.put("data", data.original().train().source());
        m.put("baseModel", data.baseModelFile().getFileName().toString());
        m.put("cpuQuotaMode", quotaMode);
        m.put("cpuQuotaWarning", quotaWarning);
        Map<String, Object> served = new TreeMap<>();
        setup.modelIdByService().forEach((service, id) -> served.put(service,
                Map.of("model", point.testbed().service(service).model(), "modelId", id)));
        m.put("servedModels", served);
        m.put("calibration", "each agent in turn (never concurrently), after all agents started and before the first"
                + " run, inside its CPU quota; only figures the config does not write are calibrated");
        List<Object> figures = new ArrayList<>();
        setup.figures().used(point.scenario()).forEach(u -> figures.add(u.asMap()));
        m.put("planningFigures", figures);
        return m;
    }
}
