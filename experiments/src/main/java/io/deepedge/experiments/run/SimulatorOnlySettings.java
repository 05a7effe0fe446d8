package io.deepedge.experiments.run;

import io.deepedge.experiments.config.TestbedSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Config settings only the simulator reads ({@link TestbedSettings#SIMULATOR_ONLY_SERVICE_KEYS}): a twin variant
 * that differs from the real runs' config in these alone is still the same experiment for the testbed, so {@code
 * validate} compares it (with a warning) instead of refusing it.
 */
final class SimulatorOnlySettings {
    private SimulatorOnlySettings() {
    }

    /**
     * The config as a tree without the simulator-only settings, and where they were ({@code services[i].coldStart});
     * empty when the text is not one YAML document.
     */
    record Stripped(Object tree, List<String> removed) {
    }

    static Optional<Stripped> strip(String configText) {
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(configText);
        } catch (RuntimeException e) {
            return Optional.empty(); // the text difference is reported as it is
        }
        if (!(tree instanceof Map<?, ?> top && top.get("services") instanceof List<?> services)) {
            return Optional.of(new Stripped(tree, List.of()));
        }
        List<String> removed = new ArrayList<>();
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            kept.add(withoutSimulatorOnly(services.get(i), "services[" + i + "].", removed));
        }
        Map<Object, Object> copy = new LinkedHashMap<>(top);
        copy.put("services", kept);
        return Optional.of(new Stripped(copy, removed));
    }

    /** A services entry without its simulator-only keys, each removed one added to {@code removed} as a path. */
    private static Object withoutSimulatorOnly(Object service, String path, List<String> removed) {
        if (!(service instanceof Map<?, ?> m)) {
            return service;
        }
        Map<Object, Object> copy = new LinkedHashMap<>(m);
        for (String key : TestbedSettings.SIMULATOR_ONLY_SERVICE_KEYS) {
            if (copy.containsKey(key)) {
                copy.remove(key);
                removed.add(path + key);
            }
        }
        return copy;
    }
}
