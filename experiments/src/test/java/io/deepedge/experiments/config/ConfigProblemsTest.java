package io.deepedge.experiments.config;

import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.deepedge.experiments.config.ConfigFiles.VALID;
import static io.deepedge.experiments.config.ConfigFiles.extendedWith;
import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each malformed config is {@link ConfigFiles#VALID} or {@link ConfigFiles#EXTENDED} with one mistake, so the
 * reported line is known.
 */
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
        assertEquals(file() + ":12: devices[1].profile.memoryMiB: missing required field, expected a number in (0, 1e9]",
                typo.get(0));
        List<String> problems = problems(validWith("poisson: { ratePerSec: 5 }", "poisson: { rate: 5 }"));
        assertProblem(problems, 26, "services[0].arrivals.poisson.rate", "rate", "unknown key", "ratePerSec");
    }

    @Test
    void rejectsANegativeArrivalRate() {
        String problem = assertOnlyProblem(validWith("ratePerSec: 5", "ratePerSec: -5"), 26,
                "services[0].arrivals.poisson.ratePerSec", "-5");
        assertEquals(file() + ":26: services[0].arrivals.poisson.ratePerSec: must be positive (-5), expected a number in (0, 1e9]",
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
        assertOnlyProblem(validWith("fastest-single, random]", "fastest-single, random, no-such-policy]"), 48,
                "policies[4]", "no-such-policy", "unknown policy", "equal-split, throughput-proportional");
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
                "must be a number", "a number in (0, 1e8]");
        assertOnlyProblem(validWith("samples: 40000", "samples: 1.5"), 40, "training.samples", "1.5",
                "must be an integer");
        assertOnlyProblem(validWith("policies: [equal-split, throughput-proportional, fastest-single, random]",
                "policies: { first: random }"), 48, "policies", "a mapping", "must be a list");
    }

    @Test
    void reportsAMissingRequiredFieldAtItsParent() {
        List<String> problems = problems(validWith("  samples: 40000\n", ""));
        assertEquals(List.of(file() + ":37: training.samples: missing required field, expected an integer from 1 to 1e12"),
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
    void rejectsATraceFileThatDoesNotExist() {
        String problem = assertOnlyProblem(validWith("poisson: { ratePerSec: 5 }", "trace: traces/detector.csv"), 26,
                "services[0].arrivals.trace", "traces/detector.csv", "trace file not found");
        assertTrue(problem.contains("relative to the config's directory (" + dir.toAbsolutePath()), problem);
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
        assertTrue(problem.endsWith("must be positive (-5), expected a number in (0, 1e9]"
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

    @Test
    void rejectsABatchProfiledTwiceAtTheDuplicate() {
        assertOnlyProblem(extendedWith("batch: 16,", "batch: 8,"), 13, "devices[0].profile.batches[2].batch", "8",
                "duplicate batch, already profiled by devices[0].profile.batches[1]");
    }

    @Test
    void rejectsABatchOfZero() {
        assertOnlyProblem(extendedWith("batch: 8,", "batch: 0,"), 12, "devices[0].profile.batches[1].batch", "0",
                "must be at least 1", "an integer from 1 to");
    }

    @Test
    void rejectsABatchServiceSlowdownBelowOne() {
        assertOnlyProblem(extendedWith("serviceSlowdown: 1.6", "serviceSlowdown: 0.5"), 11,
                "devices[0].profile.batches[0].serviceSlowdown", "0.5", "must be at least 1", "a number in [1, 1000]");
    }

    @Test
    void rejectsABatchProfileWhoseThroughputRisesFasterThanTheBatch() {
        // issue 8, defect 4: 64 samples in 0.064 s but 8 in 0.8 s; deep-edge and optimal planned more samples
        // than the job had on such a profile and the run died
        String problem = assertOnlyProblem(extendedWith("    batches:\n        - { batch: 64, trainSamplesPerSec: 120 }\n",
                "    batches:\n        - { batch: 64, trainSamplesPerSec: 1000 }\n        - { batch: 8, trainSamplesPerSec: 10 }\n"),
                18, "devices[1].profile.batches[0].trainSamplesPerSec", "1000", "throughput rises faster than the batch",
                "batch 64 would take 0.06400 s", "one of batch 8 (0.8000 s at 10 samples/s, devices[1].profile.batches[1])",
                "expected at most 80 samples/s (64 / 8 x batch 8's throughput)");
        assertTrue(problem.endsWith("a larger batch cannot take less time per iteration"), problem);
    }

    @Test
    void acceptsABatchProfileWhoseIterationTimeStaysEqual() {
        // 16 samples/s at batch 8 and 32 at batch 16: both iterations take 0.5 s, a latency-bound range
        Path file = ConfigFiles.write(dir, "equal.yaml", extendedWith("    batches:\n        - { batch: 64, trainSamplesPerSec: 120 }\n",
                "    batches:\n        - { batch: 16, trainSamplesPerSec: 32 }\n        - { batch: 8, trainSamplesPerSec: 16 }\n"));
        assertDoesNotThrow(() -> ConfigLoader.load(file));
    }

    @Test
    void rejectsAnEmptyBatchList() {
        assertOnlyProblem(extendedWith("    batches:\n        - { batch: 64, trainSamplesPerSec: 120 }\n",
                "    batches: []\n"), 17, "devices[1].profile.batches", "[]", "must not be empty");
    }

    @Test
    void rejectsStepsThatDoNotStartAtZero() {
        assertOnlyProblem(extendedWith("atSec: 0,", "atSec: 60,"), 25, "services[0].arrivals.steps[0].atSec", "60",
                "the first step must start at 0");
    }

    @Test
    void rejectsDecreasingStepTimes() {
        assertOnlyProblem(extendedWith("atSec: 1800,", "atSec: 300,"), 27, "services[0].arrivals.steps[2].atSec", "300",
                "must be after the previous step's atSec = 600", "a number > 600");
    }

    @Test
    void rejectsANegativeStepRate() {
        assertOnlyProblem(extendedWith("ratePerSec: 8", "ratePerSec: -8"), 26,
                "services[0].arrivals.steps[1].ratePerSec", "-8", "must not be negative");
    }

    @Test
    void rejectsStepsWithoutAPositiveRate() {
        String yaml = extendedWith("ratePerSec: 2", "ratePerSec: 0");
        assertOnlyProblem(ConfigFiles.with(yaml, "ratePerSec: 8", "ratePerSec: 0"), 24, "services[0].arrivals.steps",
                "every ratePerSec is 0", "has no positive rate");
    }

    @Test
    void rejectsTwoArrivalVariants() {
        assertOnlyProblem(extendedWith("arrivals: { poisson: { ratePerSec: 1 } }",
                "arrivals: { poisson: { ratePerSec: 1 }, steps: [{ atSec: 0, ratePerSec: 1 }] }"), 33,
                "services[1].arrivals", "poisson, steps", "exactly one of poisson, steps, trace");
    }

    @Test
    void rejectsServicesThatTogetherExceedADevicesMemory() {
        String problem = assertOnlyProblem(extendedWith("memoryMiB: 500", "memoryMiB: 3000"), 32,
                "services[1].memoryMiB", "3000");
        assertEquals(file() + ":32: services[1].memoryMiB: services on nano-1 need 4500 MiB > 3965 MiB device memory"
                + " (3000), expected at most 3965 MiB for all services on nano-1, so at most 2465 MiB here", problem);
    }

    @Test
    void rejectsANegativeTrainingMemoryFigure() {
        assertOnlyProblem(extendedWith("perSampleMiB: 40", "perSampleMiB: -1"), 40, "training.memory.perSampleMiB", "-1",
                "must not be negative");
    }

    @Test
    void rejectsAnUnknownForecasterListingTheKnownOnes() {
        assertOnlyProblem(extendedWith("forecaster: ewma", "forecaster: arima"), 43, "monitoring.forecaster", "arima",
                "unknown forecaster", "one of last-value, ewma, holt-winters");
    }

    @Test
    void rejectsAnAlphaOfZero() {
        assertOnlyProblem(extendedWith("alpha: 0.3", "alpha: 0"), 44, "monitoring.alpha", "0", "must be in (0, 1]");
    }

    @Test
    void rejectsADampingOfZeroAndAFalseAlarmProbabilityOfOneAtOnce() {
        List<String> problems = problems(extendedWith("  alpha: 0.3\n", "  alpha: 0.3\n  damping: 0\n"
                + "  falseAlarmProbability: 1\n"));
        assertEquals(2, problems.size(), String.join("\n", problems));
        assertProblem(problems, 45, "monitoring.damping", "0", "must be in (0, 1]");
        assertProblem(problems, 46, "monitoring.falseAlarmProbability", "1", "must be strictly between 0 and 1");
    }

    @Test
    void rejectsAnUnknownMonitoringKey() {
        assertOnlyProblem(extendedWith("  alpha: 0.3\n", "  alpha: 0.3\n  horizon: 3\n"), 45, "monitoring.horizon",
                "horizon", "unknown key", "intervalSec, forecaster, alpha");
    }

    @Test
    void rejectsTheOptimalPolicyOnMoreThanTwentyDevices() {
        assumeTrue(PolicyRegistry.find(PolicyLimits.OPTIMAL).isPresent(), "policy optimal is not registered yet");
        String yaml = extendedWith("policies: [equal-split, random]", "policies: [equal-split, optimal]");
        // nano-1 .. nano-19 and box are 20 devices: the largest cluster optimal accepts.
        assertDoesNotThrow(() -> ConfigLoader.load(ConfigFiles.write(dir, "ok.yaml",
                ConfigFiles.with(yaml, "count: 2", "count: 19"))));
        String problem = assertOnlyProblem(ConfigFiles.with(yaml, "count: 2", "count: 20"), 45, "policies[1]", "21");
        assertEquals(file() + ":45: policies[1]: optimal searches every device subset and accepts at most 20 devices"
                + " (21), expected a smaller cluster or another policy", problem);
        // Swept device counts: only the point over the limit is reported.
        problem = assertOnlyProblem(yaml + "sweep:\n  devices.nano.count: [2, 25]\n", 45, "policies[1]", "26");
        assertTrue(problem.endsWith(" [at sweep point devices.nano.count=25]"), problem);
    }
}
