package io.deepedge.experiments.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.deepedge.experiments.config.ConfigFiles.VALID;
import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each malformed config is {@link ConfigFiles#VALID} with one mistake, so the reported line is known. */
class ConfigProblemsTest {
    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        Path file = ConfigFiles.write(dir, "bad.yaml", yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).problems();
    }

    private String file() {
        return dir.resolve("bad.yaml").toString();
    }

    /** Asserts the config has exactly one problem, at {@code line}, about {@code path}, naming {@code value}. */
    private String assertOnlyProblem(String yaml, int line, String path, String value, String... mentions) {
        List<String> problems = problems(yaml);
        assertEquals(1, problems.size(), () -> "expected one problem, got:\n" + String.join("\n", problems));
        assertProblem(problems, line, path, value, mentions);
        return problems.get(0);
    }

    private void assertProblem(List<String> problems, int line, String path, String value, String... mentions) {
        String prefix = file() + ":" + line + ": " + path + ": ";
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(prefix) && p.contains("(" + value + ")")
                        && p.contains(", expected ") && Arrays.stream(mentions).allMatch(p::contains)),
                () -> "no problem '" + prefix + "... (" + value + ")' mentioning " + Arrays.toString(mentions)
                        + " among:\n" + String.join("\n", problems));
    }

    @Test
    void rejectsAnUnknownTopLevelKeyListingTheAllowedOnes() {
        assertOnlyProblem(VALID + "colour: blue\n", 49, "colour", "colour", "unknown key", "name, seed, replications");
    }

    @Test
    void rejectsAnUnknownNestedKeyListingTheAllowedOnes() {
        List<String> typo = problems(validWith("  memoryMiB: 8192", "  memMiB: 8192"));
        assertProblem(typo, 14, "devices[1].profile.memMiB", "memMiB", "unknown key",
                "trainSamplesPerSec, memoryMiB, interference");
        // The untyped device now also lacks its memory: both are reported, the missing field at its parent's line.
        assertEquals(file() + ":12: devices[1].profile.memoryMiB: missing required field, expected a number > 0",
                typo.get(0));
        List<String> problems = problems(validWith("poisson: { ratePerSec: 5 }", "poisson: { rate: 5 }"));
        assertProblem(problems, 26, "services[0].arrivals.poisson.rate", "rate", "unknown key", "ratePerSec");
    }

    @Test
    void rejectsANegativeArrivalRate() {
        String problem = assertOnlyProblem(validWith("ratePerSec: 5", "ratePerSec: -5"), 26,
                "services[0].arrivals.poisson.ratePerSec", "-5");
        assertEquals(file() + ":26: services[0].arrivals.poisson.ratePerSec: must be positive (-5), expected a number > 0",
                problem);
    }

    @Test
    void rejectsAnUnknownDeviceTypeListingTheCatalogIds() {
        assertOnlyProblem(validWith("type: jetson-nano", "type: jetson-nanoo"), 7, "devices[0].type", "jetson-nanoo",
                "unknown device type", "jetson-nano, jetson-tx2");
    }

    @Test
    void rejectsAnUnknownDeviceInAServicePlacementListingTheDeviceNames() {
        assertOnlyProblem(validWith("[nano-1, fast]", "[nano-1, ghost]"), 24, "services[0].devices[1]", "ghost",
                "unknown device", "fast, nano-1, nano-2");
    }

    @Test
    void rejectsAnUnknownPolicyListingTheRegisteredOnes() {
        assertOnlyProblem(validWith("fastest-single, random]", "fastest-single, random, deep-edge]"), 48,
                "policies[4]", "deep-edge", "unknown policy", "equal-split, throughput-proportional");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "1.5"})
    void rejectsAnSloQuantileOutsideTheOpenUnitInterval(String quantile) {
        assertOnlyProblem(validWith("sloQuantile: 0.99", "sloQuantile: " + quantile), 30, "services[0].sloQuantile",
                quantile, "(0, 1)");
    }

    @Test
    void rejectsACountOfZero() {
        assertOnlyProblem(validWith("count: 2", "count: 0"), 8, "devices[0].count", "0", "must be at least 1");
    }

    @Test
    void reportsBrokenYamlOnceAtTheLineOfTheSyntaxError() {
        List<String> problems = problems(validWith("bandwidthMbps: 500", "bandwidthMbps: 500: 3"));
        assertEquals(1, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).startsWith(file() + ":20: invalid YAML: "), problems.get(0));
    }

    @Test
    void rejectsWrongTypesNamingTheExpectedType() {
        assertOnlyProblem(validWith("horizonSec: 7200", "horizonSec: soon"), 4, "horizonSec", "soon",
                "must be a number", "a number > 0");
        assertOnlyProblem(validWith("samples: 40000", "samples: 1.5"), 40, "training.samples", "1.5",
                "must be an integer");
        assertOnlyProblem(validWith("policies: [equal-split, throughput-proportional, fastest-single, random]",
                "policies: { first: random }"), 48, "policies", "a mapping", "must be a list");
    }

    @Test
    void reportsAMissingRequiredFieldAtItsParent() {
        List<String> problems = problems(validWith("  samples: 40000\n", ""));
        assertEquals(List.of(file() + ":37: training.samples: missing required field, expected an integer >= 1"),
                problems);
    }

    @Test
    void rejectsADuplicateDeviceName() {
        assertOnlyProblem(validWith("- name: fast", "- name: nano"), 10, "devices[1].name", "nano",
                "duplicate device name");
    }

    @Test
    void rejectsDeviceNamesThatCollideAfterCountExpansion() {
        assertOnlyProblem(validWith("- name: fast", "- name: nano-2"), 10, "devices[1].name", "nano-2",
                "already used by devices[0]");
    }

    @Test
    void rejectsABatchLargerThanTheSamples() {
        assertOnlyProblem(validWith("batchSize: 64", "batchSize: 50000"), 42, "training.batchSize", "50000",
                "must not exceed training.samples = 40000");
    }

    @Test
    void rejectsAFailureOnAnUnknownDevice() {
        assertOnlyProblem(validWith("device: nano-2, atSec: 300", "device: nano-9, atSec: 300"), 46,
                "failures[0].device", "nano-9", "unknown device", "fast, nano-1, nano-2");
    }

    @Test
    void rejectsAServiceTimeWithTwoVariants() {
        assertOnlyProblem(validWith("exponential: { meanMs: 40 }\n",
                "exponential: { meanMs: 40 }\n      constant: { ms: 40 }\n"), 29,
                "services[0].serviceTimeMs", "exponential, constant", "exactly one of exponential, constant, lognormal");
    }

    @Test
    void rejectsTraceArrivalsUntilTheyAreSupported() {
        String problem = assertOnlyProblem(validWith("poisson: { ratePerSec: 5 }", "trace: traces/detector.csv"), 26,
                "services[0].arrivals.trace", "traces/detector.csv");
        assertTrue(problem.endsWith("trace arrivals are not supported by this version (traces/detector.csv), expected poisson"),
                problem);
    }

    @Test
    void rejectsCatalogServiceTimeOnAnUntypedDevice() {
        assertOnlyProblem(validWith("devices: [nano-2]", "devices: [fast]"), 32, "services[1].devices[0]", "fast",
                "no catalog type");
    }

    @Test
    void rejectsATypedDeviceWithoutThroughputForTheJobsModel() {
        // resnet-50 is a catalog model, but no device type has a training figure for it.
        assertOnlyProblem(validWith("model: mobilenet-v2", "model: resnet-50"), 6, "devices[0]", "jetson-nano",
                "resnet-50", "profile.trainSamplesPerSec");
    }

    @Test
    void rejectsASubmissionAfterTheHorizon() {
        assertOnlyProblem(validWith("checkpointEverySec: 60", "checkpointEverySec: 60\n  submitAtSec: 7200"), 45,
                "training.submitAtSec", "7200", "before horizonSec = 7200");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertOnlyProblem(validWith("seed: 42\n", "seed: 42\nseed: 43\n"), 3, "seed", "seed", "duplicate key");
    }

    @Test
    void rejectsAnUnresolvableSweepPathAtTheSweepKey() {
        assertOnlyProblem(VALID + "sweep:\n  services.detectr.arrivals.poisson.ratePerSec: [2, 5]\n", 50,
                "sweep.services.detectr.arrivals.poisson.ratePerSec", "detectr", "no item named detectr", "detector");
    }

    @Test
    void rejectsSweepingExperimentWideFields() {
        assertOnlyProblem(VALID + "sweep:\n  seed: [1, 2]\n", 50, "sweep.seed", "seed", "cannot be swept");
    }

    @Test
    void rejectsSweepingTheNameThatAddressesAListItem() {
        assertOnlyProblem(VALID + "sweep:\n  devices.nano.name: [a, b]\n", 50, "sweep.devices.nano.name",
                "devices.nano.name", "cannot be swept");
    }

    @Test
    void rejectsCatalogServiceTimeForAModelWithoutInferenceFigures() {
        assertOnlyProblem(validWith("serviceTimeMs: catalog", "serviceTimeMs: catalog\n    model: lenet-5"), 32,
                "services[1].devices[0]", "nano-2", "jetson-nano", "lenet-5");
    }

    @Test
    void reportsAProblemOfOneGridPointWithItsSweepValues() {
        String problem = assertOnlyProblem(VALID + "sweep:\n  services.detector.arrivals.poisson.ratePerSec: [2, -5, 10]\n",
                50, "services[0].arrivals.poisson.ratePerSec", "-5");
        assertTrue(problem.endsWith("must be positive (-5), expected a number > 0"
                + " [at sweep point services.detector.arrivals.poisson.ratePerSec=-5]"), problem);
    }

    @Test
    void reportsEveryProblemOfAFileInLineOrder() {
        String yaml = validWith("type: jetson-nano", "type: jetson-nanoo");
        yaml = ConfigFiles.with(yaml, "ratePerSec: 5", "ratePerSec: -5");
        yaml = ConfigFiles.with(yaml, "batchSize: 64", "batchSize: 50000");
        List<String> problems = problems(yaml);
        assertEquals(3, problems.size(), String.join("\n", problems));
        assertProblem(problems.subList(0, 1), 7, "devices[0].type", "jetson-nanoo");
        assertProblem(problems.subList(1, 2), 26, "services[0].arrivals.poisson.ratePerSec", "-5");
        assertProblem(problems.subList(2, 3), 42, "training.batchSize", "50000");
    }

    @Test
    void reportsAMissingFileAsOneProblem() {
        Path missing = dir.resolve("nowhere.yaml");
        List<String> problems = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing)).problems();
        assertEquals(List.of(missing + ": cannot read the config file (no such file), expected a readable UTF-8 YAML file"),
                problems);
    }

    @Test
    void reportsAnEmptyFile() {
        List<String> problems = problems("# nothing here\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith(file() + ":1: the config is empty"), problems.get(0));
    }
}
