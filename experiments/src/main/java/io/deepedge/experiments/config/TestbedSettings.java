package io.deepedge.experiments.config;

import java.util.Collections;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The hardware runner's settings of each device ({@code devices[].testbed} in the config); {@code simulate} ignores
 * them. {@code testbed: { cpus: 0.5 }} is the CPU quota, in cores, of the device's agent under
 * {@code testbed --local} (a cgroup quota, or thread limits where cgroups are not writable).
 *
 * @param cpusByDevice expanded device name to its configured quota; devices without a {@code testbed} block are absent
 */
public record TestbedSettings(SortedMap<String, Double> cpusByDevice) {
    /** The quota of a device whose entry has no {@code testbed} block: one core. */
    public static final double DEFAULT_CPUS = 1.0;

    public TestbedSettings {
        cpusByDevice = Collections.unmodifiableSortedMap(new TreeMap<>(cpusByDevice));
    }

    public static TestbedSettings none() {
        return new TestbedSettings(new TreeMap<>());
    }

    /** The quota the config gives {@code device}, if it gives one. */
    public OptionalDouble configuredCpus(String device) {
        Double cpus = cpusByDevice.get(device);
        return cpus == null ? OptionalDouble.empty() : OptionalDouble.of(cpus);
    }

    /** The quota of {@code device}: the configured one, else {@link #DEFAULT_CPUS}. */
    public double cpus(String device) {
        return cpusByDevice.getOrDefault(device, DEFAULT_CPUS);
    }
}
