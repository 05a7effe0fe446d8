package io.deepedge.experiments.config;

import io.deepedge.models.ColdStart;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service's {@code coldStart} block reaches every instance of it; absent, none; bad values refused together. */
class ConfigColdStartTest {
    @TempDir
    Path dir;

    /** VALID with {@code block} (one line, without indentation) among the first service's (detector's) keys. */
    private static String detectorWith(String block) {
        return validWith("sloQuantile: 0.99", "sloQuantile: 0.99\n    " + block);
    }

    private Scenario scenario(String yaml) throws ConfigException {
        return ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", yaml)).gridPoints().get(0).scenario();
    }

    @Test
    void theBlockReachesEveryInstanceOfItsServiceOnly() throws Exception {
        Scenario s = scenario(detectorWith("coldStart: { extraMs: 1.1, recoveryMs: 3 }"));
        List<ServiceInstance> detectors = s.services().stream().filter(i -> i.service().equals("detector")).toList();
        assertEquals(2, detectors.size());
        detectors.forEach(i -> assertEquals(new ColdStart(1.1, 3), i.coldStart(), i.id()));
        s.services().stream().filter(i -> !i.service().equals("detector"))
                .forEach(i -> assertEquals(ColdStart.NONE, i.coldStart(), i.id()));
        // recoveryMs may be left out: at once
        assertEquals(new ColdStart(2, 0), scenario(detectorWith("coldStart: { extraMs: 2 }")).services()
                .get(0).coldStart());
        assertEquals(ColdStart.NONE, scenario(ConfigFiles.VALID).services().get(0).coldStart());
    }

    @Test
    void badBlocksAreRefusedTogetherNamingTheField() {
        Path file = ConfigFiles.write(dir, "bad.yaml",
                detectorWith("coldStart: { extraMs: -1, recoveryMs: slow, warmMs: 2 }"));
        List<String> problems = assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("services[0].coldStart.extraMs: must not be negative (-1)")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("services[0].coldStart.recoveryMs: must be a number (slow)")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("services[0].coldStart") && p.contains("warmMs")),
                problems.toString());
        Path missing = ConfigFiles.write(dir, "missing.yaml", detectorWith("coldStart: { recoveryMs: 3 }"));
        List<String> one = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing)).problems();
        assertTrue(one.size() == 1 && one.get(0).contains("services[0].coldStart.extraMs"), one.toString());
    }
}
