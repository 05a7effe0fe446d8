package io.deepedge.experiments.run;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Config settings only the simulator reads: a twin variant that differs from the real runs' config in these alone is
 * still the same experiment for the testbed, so {@code validate} compares it (with a warning) instead of refusing
 * it. Today one: each service's {@code coldStart} block (a model of the simulated service's cost after idle time).
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
        List<String> removed = new ArrayList<>();
        if (tree instanceof Map<?, ?> top && top.get("services") instanceof List<?> services) {
            Map<Object, Object> copy = new LinkedHashMap<>(top);
            List<Object> kept = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                Object service = services.get(i);
                if (service instanceof Map<?, ?> m && m.containsKey("coldStart")) {
                    Map<Object, Object> without = new LinkedHashMap<>(m);
                    without.remove("coldStart");
                    kept.add(without);
                    removed.add("services[" + i + "].coldStart");
                } else {
                    kept.add(service);
                }
            }
            copy.put("services", kept);
            tree = copy;
        }
        return Optional.of(new Stripped(tree, removed));
    }
}
