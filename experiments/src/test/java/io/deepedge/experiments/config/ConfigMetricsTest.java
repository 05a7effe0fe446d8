package io.deepedge.experiments.config;

import io.deepedge.models.metrics.MetricsWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.deepedge.experiments.config.ConfigFiles.VALID;
import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code metrics} block: the LC metrics window, its defaults and its problems. */
class ConfigMetricsTest {
    @TempDir
    Path dir;

    private MetricsWindow window(String yaml) throws ConfigException {
        return ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", yaml)).gridPoints().get(0).scenario().metrics();
    }

    private List<String> problems(String yaml) {
        Path file = ConfigFiles.write(dir, "bad.yaml", yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).problems();
    }

    private String at(int line) {
        return dir.resolve("bad.yaml") + ":" + line + ": ";
    }

    @Test
    void defaultsFromTheJobsSubmissionToTheHorizon() throws ConfigException {
        assertEquals(new MetricsWindow(0, 7200), window(VALID));
        assertEquals(new MetricsWindow(900, 7200), window(validWith("  checkpointEverySec: 60\n",
                "  checkpointEverySec: 60\n  submitAtSec: 900\n")));
    }

    @Test
    void withoutAJobTheWindowStartsAtZero() throws ConfigException {
        String noJob = validWith("""
                training:
                  model: mobilenet-v2
                  parameterBytes: 14000000
                  samples: 40000
                  epochs: 1
                  batchSize: 64
                  topology: parameter-server
                  checkpointEverySec: 60
                """, "");
        assertEquals(new MetricsWindow(0, 7200), window(noJob));
    }

    @Test
    void givenFieldsOverrideTheDefaults() throws ConfigException {
        assertEquals(new MetricsWindow(600, 3600), window(VALID + "metrics: { fromSec: 600, toSec: 3600 }\n"));
        assertEquals(new MetricsWindow(0, 3600), window(VALID + "metrics:\n  toSec: 3600\n"));
    }

    @Test
    void aWindowBeyondTheHorizonOrEmptyIsReportedAtItsField() {
        List<String> beyond = problems(VALID + "metrics:\n  toSec: 9000\n");
        assertEquals(List.of(at(50) + "metrics.toSec: must not exceed horizonSec = 7200 (9000), expected a number"
                + " > metrics.fromSec and <= 7200"), beyond);
        List<String> empty = problems(VALID + "metrics:\n  fromSec: 7200\n");
        assertEquals(List.of(at(50) + "metrics.fromSec: must be before metrics.toSec (default horizonSec) = 7200"
                + " (7200), expected a number >= 0 and < 7200"), empty);
        List<String> inverted = problems(VALID + "metrics:\n  fromSec: 500\n  toSec: 100\n");
        assertEquals(1, inverted.size(), String.join("\n", inverted));
        assertEquals(at(50), inverted.get(0).substring(0, at(50).length()));
    }

    @Test
    void anAbsurdTimeIsRefusedWithTheAcceptedRange() {
        assertEquals(List.of(at(50) + "metrics.toSec: must be at most 1e8 (1e12), expected a number in (0, 1e8]"),
                problems(VALID + "metrics:\n  toSec: 1e12\n"));
        assertEquals(List.of(at(50) + "metrics.fromSec: must be at most 1e8 (1e300), expected a number in [0, 1e8]"),
                problems(VALID + "metrics:\n  fromSec: 1e300\n"));
    }

    @Test
    void unknownKeysAndBadValuesAreReportedTogether() {
        List<String> found = problems(VALID + "metrics:\n  fromSec: -1\n  untilSec: 5\n");
        assertEquals(2, found.size(), String.join("\n", found));
        assertEquals(1, found.stream().filter(p -> p.startsWith(at(50) + "metrics.fromSec: must not be negative")).count());
        assertEquals(1, found.stream().filter(p -> p.startsWith(at(51) + "metrics.untilSec")).count());
    }
}
