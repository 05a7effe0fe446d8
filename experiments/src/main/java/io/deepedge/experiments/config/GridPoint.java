package io.deepedge.experiments.config;

import io.deepedge.models.HostProbe;
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
 * @param profileHost the host a digital twin's figures were measured on: every device's profile-file host-speed
 *        probe pooled ({@link HostProbe#pooled}); {@link HostProbe#NONE} unless every device comes from a profile file
 *        that recorded one. {@code simulate} writes it as each run's host ({@code host-speed.csv})
 */
public record GridPoint(Map<String, String> values, Scenario scenario, TestbedSettings testbed, HostProbe profileHost) {
    public GridPoint {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(testbed, "testbed");
        Objects.requireNonNull(profileHost, "profileHost");
    }

    /** A point whose figures are not a profile's with a probed host. */
    public GridPoint(Map<String, String> values, Scenario scenario, TestbedSettings testbed) {
        this(values, scenario, testbed, HostProbe.NONE);
    }

    /** A point without testbed settings (every device gets {@link TestbedSettings#DEFAULT_CPUS}). */
    public GridPoint(Map<String, String> values, Scenario scenario) {
        this(values, scenario, TestbedSettings.none());
    }
}
