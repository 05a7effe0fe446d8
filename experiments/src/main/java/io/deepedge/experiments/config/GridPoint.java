package io.deepedge.experiments.config;

import io.deepedge.models.Scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One point of an experiment's sweep grid and the scenario it resolves to.
 *
 * @param values swept path to the value's text as written, in sweep order; empty without a sweep
 * @param scenario the validated scenario with this point's values substituted
 * @param testbed the hardware runner's settings of this point's devices ({@code testbed} blocks; simulate ignores them)
 */
public record GridPoint(Map<String, String> values, Scenario scenario, TestbedSettings testbed) {
    public GridPoint {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(testbed, "testbed");
    }

    /** A point without testbed settings (every device gets {@link TestbedSettings#DEFAULT_CPUS}). */
    public GridPoint(Map<String, String> values, Scenario scenario) {
        this(values, scenario, TestbedSettings.none());
    }
}
