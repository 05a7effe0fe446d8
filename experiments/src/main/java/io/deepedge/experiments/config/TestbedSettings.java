package io.deepedge.experiments.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The hardware runner's settings ({@code devices[].testbed} and {@code services[].testbed} in the config), and which
 * planning figures the config writes; {@code simulate} ignores them. {@code testbed: { cpus: 0.5 }} is the CPU quota,
 * in cores, of the device's agent under {@code testbed --local} (a cgroup quota, or thread limits where cgroups are
 * not writable); a service's {@code testbed: { model: base }} is the model its instances serve.
 *
 * @param cpusByDevice expanded device name to its configured quota; devices without a {@code testbed} block are absent
 * @param givenFiguresByDevice expanded device name to the planning figures its entry writes (of {@link #FIGURES});
 *                             a device that writes none is absent. The testbed calibrates every other figure.
 * @param services service name to its testbed settings
 */
public record TestbedSettings(SortedMap<String, Double> cpusByDevice, SortedMap<String, Set<String>> givenFiguresByDevice,
                              SortedMap<String, Service> services) {
    /** The quota of a device whose entry has no {@code testbed} block: one core. */
    public static final double DEFAULT_CPUS = 1.0;
    public static final String TRAIN_SAMPLES_PER_SEC = "trainSamplesPerSec";
    public static final String SERVICE_SLOWDOWN = "serviceSlowdown";
    public static final String TRAINING_SLOWDOWN = "trainingSlowdown";
    public static final List<String> FIGURES = List.of(TRAIN_SAMPLES_PER_SEC, SERVICE_SLOWDOWN, TRAINING_SLOWDOWN);
    /** What a service may serve on the testbed (the hardware runner's {@code ServedModels.CHOICES}). */
    public static final List<String> SERVICE_MODELS = List.of("base", "mlp", "lenet-untrained", "mlp-untrained");
    public static final String DEFAULT_SERVICE_MODEL = "base";
    /** A service's cold-start model ({@code services[].coldStart}): the simulator's; the testbed measures the cost. */
    public static final String COLD_START = "coldStart";
    /**
     * The keys of a {@code services} entry that only the simulator reads: a twin config that differs from the real
     * runs' in these alone is still the same experiment for the testbed ({@code validate} compares it, warned).
     */
    public static final List<String> SIMULATOR_ONLY_SERVICE_KEYS = List.of(COLD_START);

    /**
     * A service's testbed settings.
     *
     * @param model what it serves, one of {@link #SERVICE_MODELS}
     * @param serviceTimeGiven whether its entry writes {@code serviceTimeMs} (else the testbed calibrates it)
     */
    public record Service(String model, boolean serviceTimeGiven) {
    }

    public TestbedSettings {
        cpusByDevice = Collections.unmodifiableSortedMap(new TreeMap<>(cpusByDevice));
        givenFiguresByDevice = Collections.unmodifiableSortedMap(new TreeMap<>(givenFiguresByDevice));
        services = Collections.unmodifiableSortedMap(new TreeMap<>(services));
    }

    public TestbedSettings(SortedMap<String, Double> cpusByDevice) {
        this(cpusByDevice, new TreeMap<>(), new TreeMap<>());
    }

    public static TestbedSettings none() {
        return new TestbedSettings(new TreeMap<>());
    }

    TestbedSettings withServices(Map<String, Service> byName) {
        return new TestbedSettings(cpusByDevice, givenFiguresByDevice, new TreeMap<>(byName));
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

    /** The planning figures (of {@link #FIGURES}) the entry of {@code device} writes. */
    public Set<String> givenFigures(String device) {
        return givenFiguresByDevice.getOrDefault(device, Set.of());
    }

    /** The settings of {@code service}: its model ({@link #DEFAULT_SERVICE_MODEL} unless set). */
    public Service service(String service) {
        return services.getOrDefault(service, new Service(DEFAULT_SERVICE_MODEL, false));
    }
}
