package io.deepedge.experiments.config;

import io.deepedge.models.ServiceTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Testbed configs may leave out the figures the agents calibrate; what a config writes is recorded, and a
 * service's {@code testbed.model} is validated. {@code simulate}'s validation is unchanged.
 */
class ConfigTestbedFiguresTest {
    private static final String OMITTED = """
            name: t
            seed: 1
            replications: 1
            horizonSec: 60
            devices:
              - name: big
                profile: { memoryMiB: 1024 }
              - name: given
                profile: { trainSamplesPerSec: 50, memoryMiB: 1024, interference: { trainingSlowdown: 1.5 } }
            services:
              - name: classifier
                devices: [big, given]
                arrivals: { poisson: { ratePerSec: 5 } }
                deadlineMs: 50
                testbed: { model: mlp }
              - name: tagger
                devices: [given]
                arrivals: { poisson: { ratePerSec: 5 } }
                serviceTimeMs: { constant: { ms: 4 } }
                deadlineMs: 500
            training:
              model: lenet
              parameterBytes: 1724320
              samples: 640
              epochs: 1
              batchSize: 64
            policies: [deep-edge]
            """;

    @TempDir
    Path dir;

    private ExperimentConfig load(String yaml, RunOptions options) throws ConfigException {
        return ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", yaml), options);
    }

    private static RunOptions testbed() {
        return RunOptions.defaults().withCalibratedFigures();
    }

    @Test
    void testbedAcceptsOmittedFiguresAndRecordsWhatIsWritten() throws ConfigException {
        GridPoint point = load(OMITTED, testbed()).gridPoints().get(0);
        TestbedSettings t = point.testbed();
        assertEquals(Set.of(), t.givenFigures("big"));
        assertEquals(Set.of(TestbedSettings.TRAIN_SAMPLES_PER_SEC, TestbedSettings.TRAINING_SLOWDOWN),
                t.givenFigures("given"));
        assertEquals(new TestbedSettings.Service("mlp", false), t.service("classifier"));
        assertEquals(new TestbedSettings.Service("base", true), t.service("tagger"));
        // the tagger's written time is kept; the classifier's is the placeholder the calibration replaces
        assertEquals(new ServiceTime.Constant(4), point.scenario().services().stream()
                .filter(s -> s.service().equals("tagger")).findFirst().orElseThrow().serviceTime());
    }

    @Test
    void simulateStillNeedsEveryFigure() {
        List<String> problems = assertThrows(ConfigException.class,
                () -> load(OMITTED, RunOptions.defaults())).problems();
        String file = dir.resolve("config.yaml").toString();
        assertEquals(List.of(
                file + ":7: devices[0].profile.trainSamplesPerSec: missing required field, expected a number in"
                        + " [1e-6, 1e9]",
                file + ":11: services[0].serviceTimeMs: missing required field, expected catalog, profile, or a mapping with"
                        + " exactly one of exponential, constant, lognormal"), problems);
    }

    @Test
    void anUnknownServedModelIsNamedWithItsLine() {
        String yaml = OMITTED.replace("testbed: { model: mlp }", "testbed: { model: resnet, cores: 2 }");
        List<String> problems = assertThrows(ConfigException.class, () -> load(yaml, testbed())).problems();
        String file = dir.resolve("config.yaml").toString();
        assertEquals(List.of(
                file + ":15: services[0].testbed.cores: unknown key (cores), expected one of model",
                file + ":15: services[0].testbed.model: unknown testbed model (resnet), expected one of base, mlp,"
                        + " lenet-untrained, mlp-untrained"), problems);
    }

    @Test
    void theConfigsServedModelsAreTheRunnersChoices() {
        assertEquals(io.deepedge.hw.coordinator.ServedModels.CHOICES, TestbedSettings.SERVICE_MODELS);
    }
}
