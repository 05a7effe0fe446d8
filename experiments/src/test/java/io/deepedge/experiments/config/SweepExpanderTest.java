package io.deepedge.experiments.config;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.deepedge.experiments.config.ConfigFiles.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SweepExpanderTest {
    private static final String RATE = "services.detector.arrivals.poisson.ratePerSec";
    private static final String COUNT = "devices.nano.count";

    @TempDir
    Path dir;

    private ExperimentConfig load(String yaml) throws ConfigException {
        return ConfigLoader.load(ConfigFiles.write(dir, "sweep.yaml", yaml));
    }

    @Test
    void expandsTheCartesianProductWithTheFirstPathVaryingSlowest() throws ConfigException {
        ExperimentConfig config = load(VALID + "sweep:\n  " + RATE + ": [2, 5, 10]\n  " + COUNT + ": [2, 4]\n");
        assertEquals(List.of(RATE, COUNT), config.sweepPaths());
        List<List<String>> expected = List.of(List.of("2", "2"), List.of("2", "4"), List.of("5", "2"),
                List.of("5", "4"), List.of("10", "2"), List.of("10", "4"));
        assertEquals(6, config.gridPoints().size());
        for (int k = 0; k < expected.size(); k++) {
            GridPoint point = config.gridPoints().get(k);
            Map<String, String> values = new LinkedHashMap<>();
            values.put(RATE, expected.get(k).get(0));
            values.put(COUNT, expected.get(k).get(1));
            assertEquals(List.copyOf(values.entrySet()), List.copyOf(point.values().entrySet()), "order of values");
            assertSubstituted(point.scenario(), Double.parseDouble(expected.get(k).get(0)),
                    Integer.parseInt(expected.get(k).get(1)));
        }
    }

    private static void assertSubstituted(Scenario scenario, double rate, int nanos) {
        List<String> names = scenario.devices().stream().map(Device::name).toList();
        List<String> expectedNames = new java.util.ArrayList<>(List.of("fast"));
        for (int i = 1; i <= nanos; i++) {
            expectedNames.add("nano-" + i);
        }
        assertEquals(expectedNames, names);
        scenario.services().stream().filter(s -> s.service().equals("detector"))
                .forEach(s -> assertEquals(new Arrivals.Poisson(rate), s.arrivals()));
        // The unswept service keeps its own rate.
        scenario.services().stream().filter(s -> s.service().equals("speech"))
                .forEach(s -> assertEquals(new Arrivals.Poisson(2), s.arrivals()));
    }

    @Test
    void sweepsTheHorizonAndTrainingFieldsPerPoint() throws ConfigException {
        ExperimentConfig config = load(VALID + "sweep:\n  horizonSec: [3600, 7200]\n  training.samples: [640, 6400]\n");
        assertEquals(7200.0, config.horizonSec());
        assertEquals(List.of(3600.0, 3600.0, 7200.0, 7200.0),
                config.gridPoints().stream().map(p -> p.scenario().horizonSec()).toList());
        assertEquals(List.of(640L, 6400L, 640L, 6400L),
                config.gridPoints().stream().map(p -> p.scenario().job().orElseThrow().samples()).toList());
    }

    @Test
    void keepsTheValueTextAsWritten() throws ConfigException {
        ExperimentConfig config = load(VALID + "sweep:\n  network.latencyMs: [0.50, 2]\n");
        assertEquals("0.50", config.gridPoints().get(0).values().get("network.latencyMs"));
        assertEquals(0.5, config.gridPoints().get(0).scenario().serverLink().latencyMs());
        assertEquals(2.0, config.gridPoints().get(1).scenario().device("nano-1").link().latencyMs());
    }
}
