package io.deepedge.experiments.config;

import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A problem of a sweep is reported once, with the sweep values that have it, not once per grid point. */
class SweepProblemsTest {
    /** 3 x 2 = 6 grid points. */
    private static final String SWEEP = "sweep:\n  devices.nano.count: [2, 3, 4]\n"
            + "  services.detector.arrivals.poisson.ratePerSec: [5, 6]\n";

    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        Path file = ConfigFiles.write(dir, "bad.yaml", yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).problems();
    }

    private String file() {
        return dir.resolve("bad.yaml").toString();
    }

    @Test
    void reportsAProblemOfEveryPointOnce() {
        assertEquals(List.of(file() + ":29: services[0].deadlineMs: must be at least 1e-6 (-1), expected a number in [1e-6, 1e11]"),
                problems(validWith("deadlineMs: 200", "deadlineMs: -1") + SWEEP));
    }

    @Test
    void reportsAProblemOfEveryPointOnceEvenWhereTheValidValuesDifferBetweenPoints() {
        // The device names differ with the swept count, so the expectation names the first point's.
        assertEquals(List.of(file() + ":24: services[0].devices[1]: unknown device (ghost), expected one of fast, nano-1,"
                + " nano-2 (at sweep point devices.nano.count=2, services.detector.arrivals.poisson.ratePerSec=5; it"
                + " differs between points)"), problems(validWith("[nano-1, fast]", "[nano-1, ghost]") + SWEEP));
    }

    @Test
    void namesTheSweepValuesOfTheirPointsOnce() {
        // nano-3 exists at counts 3 and 4 only: the problem is at the 2 points with count 2, reported once.
        assertEquals(List.of(file() + ":46: failures[0].device: unknown device (nano-3), expected one of fast, nano-1,"
                + " nano-2 [at sweep points with devices.nano.count=2]"),
                problems(validWith("device: nano-2, atSec: 300", "device: nano-3, atSec: 300") + SWEEP));
        // nano-4 exists at count 4 only: counts 2 and 3, both rates.
        List<String> problems = problems(validWith("device: nano-2, atSec: 300", "device: nano-4, atSec: 300") + SWEEP);
        assertEquals(List.of(file() + ":46: failures[0].device: unknown device (nano-4), expected one of fast, nano-1,"
                + " nano-2 (at sweep point devices.nano.count=2, services.detector.arrivals.poisson.ratePerSec=5; it"
                + " differs between points) [at sweep points with devices.nano.count=2 or 3]"), problems);
    }

    @Test
    void listsThePointsWhenTheyAreNoCombinationOfValues() {
        assumeTrue(PolicyRegistry.find(PolicyLimits.OPTIMAL).isPresent(), "policy optimal is not registered yet");
        // nano + fast + spare devices: 18+1+1 = 20 is fine; (18, 2) and (19, 1) give 21, (19, 2) gives 22.
        String yaml = validWith("    network: { latencyMs: 0.5 }\n",
                "    network: { latencyMs: 0.5 }\n  - { name: spare, type: jetson-nano, count: 1 }\n")
                .replace("fastest-single, random]", "fastest-single, random, optimal]")
                + "sweep:\n  devices.nano.count: [18, 19]\n  devices.spare.count: [1, 2]\n";
        String problem = file() + ":49: policies[4]: optimal searches every device subset and accepts at most 20"
                + " devices";
        String expected = ", expected a smaller cluster or another policy";
        assertEquals(List.of(
                problem + " (21)" + expected + " [at sweep point devices.nano.count=18, devices.spare.count=2]",
                problem + " (21)" + expected + " [at sweep point devices.nano.count=19, devices.spare.count=1]",
                problem + " (22)" + expected + " [at sweep point devices.nano.count=19, devices.spare.count=2]"),
                problems(yaml));
    }
}
