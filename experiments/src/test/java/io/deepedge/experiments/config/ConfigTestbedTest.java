package io.deepedge.experiments.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code devices[].testbed: { cpus: X }}: the agent's CPU quota under {@code testbed --local}. */
class ConfigTestbedTest {
    @TempDir
    Path dir;

    private ExperimentConfig load(String yaml) throws ConfigException {
        return ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", yaml));
    }

    private List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml)).problems();
    }

    @Test
    void aQuotaAppliesToEveryDeviceOfItsEntryAndOthersGetOneCore() throws ConfigException {
        String yaml = validWith("    count: 2\n", "    count: 2\n    testbed: { cpus: 0.25 }\n");
        TestbedSettings testbed = load(yaml).gridPoints().get(0).testbed();
        assertEquals(new TreeMap<>(Map.of("nano-1", 0.25, "nano-2", 0.25)), testbed.cpusByDevice());
        assertEquals(0.25, testbed.cpus("nano-2"));
        assertEquals(OptionalDouble.empty(), testbed.configuredCpus("fast"));
        assertEquals(TestbedSettings.DEFAULT_CPUS, testbed.cpus("fast"));
        // the simulator's scenario is the same with or without the block
        assertEquals(load(ConfigFiles.VALID).gridPoints().get(0).scenario(), load(yaml).gridPoints().get(0).scenario());
    }

    @Test
    void aSweepCanVaryTheQuota() throws ConfigException {
        String yaml = validWith("    count: 2\n", "    count: 2\n    testbed: { cpus: 0.25 }\n")
                + "sweep:\n  devices.nano.testbed.cpus: [0.25, 0.5, 1]\n";
        List<Double> swept = load(yaml).gridPoints().stream().map(p -> p.testbed().cpus("nano-1")).toList();
        assertEquals(List.of(0.25, 0.5, 1.0), swept);
    }

    @Test
    void badQuotasAreNamedWithTheirRange() {
        String file = dir.resolve("config.yaml").toString();
        assertEquals(List.of(file + ":9: devices[0].testbed.cpus: must be at least 0.01 (0), expected a number in"
                        + " [0.01, 1024]"),
                problems(validWith("    count: 2\n", "    count: 2\n    testbed: { cpus: 0 }\n")));
        List<String> unknown = problems(validWith("    count: 2\n", "    count: 2\n    testbed: { cores: 2 }\n"));
        assertEquals(List.of(file + ":9: devices[0].testbed.cores: unknown key (cores), expected one of cpus",
                file + ":9: devices[0].testbed.cpus: missing required field, expected a number in [0.01, 1024]"), unknown);
    }
}
