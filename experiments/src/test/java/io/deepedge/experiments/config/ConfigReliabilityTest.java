package io.deepedge.experiments.config;

import io.deepedge.models.Reliability;
import io.deepedge.models.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.deepedge.experiments.config.ConfigFiles.VALID;
import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stochastic failures (device and type reliability) and the training heartbeat timeout. */
class ConfigReliabilityTest {
    private static final String NANO_PROFILE = "    profile: { interference: { trainingSlowdown: 2.5 } }\n";
    private static final String FAST_NETWORK = "    network: { latencyMs: 0.5 }\n";

    @TempDir
    Path dir;

    private Scenario load(String yaml) throws ConfigException {
        return ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", yaml)).gridPoints().get(0).scenario();
    }

    private String onlyProblem(String yaml) {
        Path file = ConfigFiles.write(dir, "config.yaml", yaml);
        List<String> problems = assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).problems();
        assertEquals(1, problems.size(), () -> String.join("\n", problems));
        return problems.get(0);
    }

    private void assertProblem(String yaml, int line, String path, String value, String mention) {
        String problem = onlyProblem(yaml);
        String prefix = dir.resolve("config.yaml") + ":" + line + ": " + path + ": ";
        assertTrue(problem.startsWith(prefix) && problem.contains(mention) && (value == null || problem.contains("(" + value + ")")),
                () -> "expected '" + prefix + "... (" + value + ")' mentioning " + mention + ", got " + problem);
    }

    @Test
    void devicesNeverFailStochasticallyByDefault() throws ConfigException {
        load(VALID).devices().forEach(d -> assertEquals(Reliability.NEVER_FAILS, d.reliability()));
        assertEquals(0, load(VALID).job().orElseThrow().heartbeatTimeoutSec());
    }

    @Test
    void anEntryBlockWinsOverItsTypesBlock() throws ConfigException {
        String yaml = validWith(FAST_NETWORK, FAST_NETWORK + "    reliability: { mtbfSec: 3600, mttrSec: 120 }\n")
                + "reliability:\n  jetson-nano: { mtbfSec: 7200, mttrSec: 300 }\n  jetson-tx2: { mtbfSec: 1, mttrSec: 1 }\n";
        Scenario scenario = load(yaml);
        assertEquals(new Reliability(7200, 300), scenario.device("nano-1").reliability());
        assertEquals(new Reliability(7200, 300), scenario.device("nano-2").reliability());
        assertEquals(new Reliability(3600, 120), scenario.device("fast").reliability());
        String override = validWith(NANO_PROFILE, NANO_PROFILE + "    reliability: { mtbfSec: 10, mttrSec: 5 }\n")
                + "reliability:\n  jetson-nano: { mtbfSec: 7200, mttrSec: 300 }\n";
        assertEquals(new Reliability(10, 5), load(override).device("nano-2").reliability());
    }

    @Test
    void reportsMalformedReliability() {
        String entry = NANO_PROFILE + "    reliability: ";
        assertProblem(validWith(NANO_PROFILE, entry + "{ mtbfSec: 0, mttrSec: 5 }\n"), 10,
                "devices[0].reliability.mtbfSec", "0", "must be positive");
        assertProblem(validWith(NANO_PROFILE, entry + "{ mtbfSec: 10 }\n"), 10, "devices[0].reliability.mttrSec", null,
                "missing required field");
        assertProblem(validWith(NANO_PROFILE, entry + "{ mtbfSec: 10, mttrSec: 5, mtbf: 3 }\n"), 10,
                "devices[0].reliability.mtbf", "mtbf", "unknown key");
        assertProblem(validWith(NANO_PROFILE, entry + "often\n"), 10, "devices[0].reliability", "often", "must be a mapping");
        assertProblem(VALID + "reliability:\n  jetson-nanoo: { mtbfSec: 10, mttrSec: 5 }\n", 50,
                "reliability.jetson-nanoo", "jetson-nanoo", "unknown device type");
        assertProblem(VALID + "reliability:\n  jetson-nano: { mtbfSec: 10, mttrSec: -1 }\n", 50,
                "reliability.jetson-nano.mttrSec", "-1", "must be positive");
        assertProblem(VALID + "reliability: [1]\n", 49, "reliability", "a list", "must be a mapping");
    }

    @Test
    void readsTheHeartbeatTimeout() throws ConfigException {
        String yaml = validWith("  checkpointEverySec: 60\n", "  checkpointEverySec: 60\n  heartbeatTimeoutSec: 5\n");
        assertEquals(5, load(yaml).job().orElseThrow().heartbeatTimeoutSec());
        assertProblem(validWith("  checkpointEverySec: 60\n", "  checkpointEverySec: 60\n  heartbeatTimeoutSec: -2\n"),
                45, "training.heartbeatTimeoutSec", "-2", "must not be negative");
        assertProblem(validWith("  checkpointEverySec: 60\n", "  checkpointEverySec: 60\n  heartbeatTimeoutSec: soon\n"),
                45, "training.heartbeatTimeoutSec", "soon", "must be a number");
    }
}
