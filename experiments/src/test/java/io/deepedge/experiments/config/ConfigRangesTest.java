package io.deepedge.experiments.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static io.deepedge.experiments.config.ConfigFiles.VALID;
import static io.deepedge.experiments.config.ConfigFiles.extendedWith;
import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Absurd magnitudes are refused with the accepted range, each at its field; the range ends themselves are accepted. */
class ConfigRangesTest {
    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        Path file = ConfigFiles.write(dir, "bad.yaml", yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).problems();
    }

    private String file() {
        return dir.resolve("bad.yaml").toString();
    }

    private void assertOnly(String yaml, String expectedLine) {
        assertEquals(List.of(file() + ":" + expectedLine), problems(yaml));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "samples: 40000|samples: 9223372036854775807|40: training.samples: must be at most 1e12 (9223372036854775807), expected an integer from 1 to 1e12",
        "samples: 40000|samples: 9223372036854775808|40: training.samples: is out of range (9223372036854775808), expected an integer from 1 to 1e12",
        "epochs: 1|epochs: 1e9|41: training.epochs: must be at most 1e6 (1e9), expected an integer from 1 to 1e6",
        "parameterBytes: 14000000|parameterBytes: 1e18|39: training.parameterBytes: must be at most 1e13 (1e18), expected an integer from 0 to 1e13",
        "checkpointEverySec: 60|checkpointEverySec: 1e300|44: training.checkpointEverySec: must be at most 1e8 (1e300), expected a number in [0, 1e8]",
        "horizonSec: 7200|horizonSec: 1e9|4: horizonSec: must be at most 1e8 (1e9), expected a number in (0, 1e8]",
        "replications: 5|replications: 1000000|3: replications: must be at most 10000 (1000000), expected an integer from 1 to 10000",
        "count: 2|count: 100000|8: devices[0].count: must be at most 10000 (100000), expected an integer from 1 to 10000",
        "trainSamplesPerSec: 300|trainSamplesPerSec: 1e-300|13: devices[1].profile.trainSamplesPerSec: must be at least 1e-6 (1e-300), expected a number in [1e-6, 1e9]",
        "memoryMiB: 8192|memoryMiB: 1e20|14: devices[1].profile.memoryMiB: must be at most 1e9 (1e20), expected a number in (0, 1e9]",
        "serviceSlowdown: 1.5|serviceSlowdown: 1e6|16: devices[1].profile.interference.serviceSlowdown: must be at most 1000 (1e6), expected a number in [1, 1000]",
        "bandwidthMbps: 500|bandwidthMbps: 1e-9|20: network.bandwidthMbps: must be at least 0.001 (1e-9), expected a number in [0.001, 1e7]",
        "latencyMs: 1|latencyMs: 1e12|21: network.latencyMs: must be at most 1e5 (1e12), expected a number in [0, 1e5]",
        "ratePerSec: 5|ratePerSec: 1e12|26: services[0].arrivals.poisson.ratePerSec: must be at most 1e9 (1e12), expected a number in (0, 1e9]",
        "meanMs: 40|meanMs: 1e300|28: services[0].serviceTimeMs.exponential.meanMs: must be at most 1e11 (1e300), expected a number in [1e-6, 1e11]",
        "deadlineMs: 200|deadlineMs: 1e12|29: services[0].deadlineMs: must be at most 1e11 (1e12), expected a number in [1e-6, 1e11]",
        "atSec: 300|atSec: 1e10|46: failures[0].atSec: must be at most 1e8 (1e10), expected a number in [0, 1e8]",
    })
    void refusesAnAbsurdValueWithTheAcceptedRange(String fragment, String replacement, String expected) {
        assertOnly(validWith(fragment, replacement), expected);
    }

    @Test
    void acceptsTheEndsOfEachRange() {
        String yaml = validWith("samples: 40000", "samples: 1e12");
        yaml = ConfigFiles.with(yaml, "batchSize: 64", "batchSize: 10000000");
        yaml = ConfigFiles.with(yaml, "latencyMs: 1", "latencyMs: 1e5");
        yaml = ConfigFiles.with(yaml, "ratePerSec: 2", "ratePerSec: 1e-300");
        yaml = ConfigFiles.with(yaml, "bandwidthMbps: 500", "bandwidthMbps: 1e7");
        String accepted = yaml;
        assertDoesNotThrow(() -> ConfigLoader.load(ConfigFiles.write(dir, "ok.yaml", accepted)));
    }

    @Test
    void refusesAJobOfMoreThanAHundredMillionIterations() {
        // ceil(1e12 / 64) = 15,625,000,000 iterations per epoch.
        assertOnly(validWith("samples: 40000", "samples: 1e12"), "40: training.samples: makes too many iterations:"
                + " ceil(samples / batchSize) x epochs = ceil(1000000000000 / 64) x 1 (15625000000), expected at most"
                + " 100000000 synchronous iterations (fewer samples or epochs, or a larger batchSize)");
    }

    @Test
    void refusesMoreMonitoringIntervalsThanTenThousandAtTheFieldThatSetsThem() {
        // 7200 s at the default 60 s is 120 intervals; at 0.5 s it is 14400.
        assertOnly(extendedWith("intervalSec: 30", "intervalSec: 0.25"), "42: monitoring.intervalSec: makes too many"
                + " monitoring intervals: horizonSec / monitoring.intervalSec = 3600 / 0.25 (14400 intervals), expected"
                + " at most 10000 intervals a run: monitoring.intervalSec >= 0.36 (horizonSec / 10000)");
        assertOnly(validWith("horizonSec: 7200", "horizonSec: 1e6"), "4: horizonSec: makes too many monitoring"
                + " intervals: horizonSec / monitoring.intervalSec = 1000000 / 60 (16667 intervals), expected at most"
                + " 10000 intervals a run: monitoring.intervalSec >= 100 (horizonSec / 10000)");
    }

    @Test
    void refusesAReliabilityThatFailsADeviceMoreThanTenThousandTimesARun() {
        String yaml = validWith("    network: { latencyMs: 0.5 }\n",
                "    network: { latencyMs: 0.5 }\n    reliability: { mtbfSec: 0.5, mttrSec: 0.1 }\n");
        // 7200 / (0.5 + 0.1) = 12000 failures.
        assertOnly(yaml, "19: devices[1].reliability.mtbfSec: makes each device fail about 12000 times in horizonSec ="
                + " 7200 (0.5), expected at most 10000 failures a device and run: mtbfSec + mttrSec >= 0.72");
    }

    @Test
    void refusesMoreThanTenThousandDevicesAfterCountExpansion() {
        String yaml = ConfigFiles.with(VALID, "count: 2", "count: 10000");
        yaml = ConfigFiles.with(yaml, "  - name: fast\n    count: 1\n", "  - name: fast\n    count: 2\n");
        yaml = ConfigFiles.with(yaml, "[nano-1, fast]", "[nano-1, fast-1]");
        yaml = ConfigFiles.with(yaml, "{ device: fast, atSec: 100 }", "{ device: fast-2, atSec: 100 }");
        assertOnly(yaml, "5: devices: has too many devices after count expansion (10002), expected at most 10000 devices");
    }

    @Test
    void refusesAnExperimentOfMoreThanAMillionRuns() {
        // 26 grid points x 4 policies x 10000 replications = 1,040,000 runs.
        StringBuilder rates = new StringBuilder();
        for (int k = 1; k <= 26; k++) {
            rates.append(k == 1 ? "" : ", ").append(k);
        }
        String yaml = validWith("replications: 5", "replications: 10000")
                + "sweep:\n  services.detector.arrivals.poisson.ratePerSec: [" + rates + "]\n";
        assertOnly(yaml, "3: replications: makes too many runs: 26 grid points x 4 policies x 10000 replications"
                + " (1040000), expected at most 1000000 runs in one experiment (fewer replications, policies or sweep"
                + " values)");
    }
}
