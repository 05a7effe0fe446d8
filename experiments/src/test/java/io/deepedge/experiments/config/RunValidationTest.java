package io.deepedge.experiments.config;

import io.deepedge.models.Arrivals;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.deepedge.experiments.config.ConfigFiles.extendedWith;
import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Validation of what the run will do beyond the file: the policies that run (a {@code --policies} override) and
 * the memory of the runs held at once.
 */
class RunValidationTest {
    private static final long GIB = 1L << 30;
    private static final RunOptions ONE_RUN_IN_4G = new RunOptions(Optional.empty(), OptionalInt.empty(), 1, 4 * GIB);

    @TempDir
    Path dir;

    private Path write(String yaml) {
        return ConfigFiles.write(dir, "run.yaml", yaml);
    }

    private List<String> problems(String yaml, RunOptions options) {
        Path file = write(yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, options)).problems();
    }

    private String file() {
        return dir.resolve("run.yaml").toString();
    }

    @Test
    void validatesAPoliciesOverrideLikeTheConfigsOwnList() {
        List<String> problems = problems(validWith("bandwidthMbps: 500", "bandwidthMbps: 0"),
                ONE_RUN_IN_4G.withPolicies(List.of("random", "no-such", "random", "")));
        String valid = "expected one of " + String.join(", ", PolicyRegistry.ids());
        // Option problems first, then the file's: all in one report.
        assertEquals(List.of("--policies: unknown policy (no-such), " + valid,
                "--policies: duplicate policy (random), expected each policy at most once",
                "--policies: unknown policy (\"\"), " + valid,
                file() + ":20: network.bandwidthMbps: must be at least 0.001 (0), expected a number in [0.001, 1e7]"),
                problems);
    }

    @Test
    void refusesOptimalOverItsDeviceLimitWhenTheOverrideAddsItAtTheGridPointsOverTheLimit() {
        assumeTrue(PolicyRegistry.find(PolicyLimits.OPTIMAL).isPresent(), "policy optimal is not registered yet");
        // nano-1 .. nano-20 and box: 21 devices; the file's own list has no optimal and loads.
        String yaml = extendedWith("count: 2", "count: 20");
        assertDoesNotThrow(() -> ConfigLoader.load(write(yaml), ONE_RUN_IN_4G));
        assertEquals(List.of("--policies: optimal searches every device subset and accepts at most 20 devices (21),"
                + " expected a smaller cluster or another policy"),
                problems(yaml, ONE_RUN_IN_4G.withPolicies(List.of("equal-split", "optimal"))));
        // Swept counts 2 and 25, and 30 on a second axis value: reported once, with the values that have it.
        String swept = extendedWith("count: 2", "count: 2") + "sweep:\n  devices.nano.count: [2, 25]\n"
                + "  services.speech.arrivals.poisson.ratePerSec: [1, 2]\n";
        assertEquals(List.of("--policies: optimal searches every device subset and accepts at most 20 devices (26),"
                + " expected a smaller cluster or another policy [at sweep points with devices.nano.count=25]"),
                problems(swept, ONE_RUN_IN_4G.withPolicies(List.of("optimal"))));
    }

    @Test
    void theOverrideReplacesTheFilesListForTheDeviceLimit() {
        assumeTrue(PolicyRegistry.find(PolicyLimits.OPTIMAL).isPresent(), "policy optimal is not registered yet");
        String yaml = extendedWith("count: 2", "count: 20").replace("policies: [equal-split, random]",
                "policies: [equal-split, optimal]");
        assertEquals(List.of(file() + ":45: policies[1]: optimal searches every device subset and accepts at most 20"
                + " devices (21), expected a smaller cluster or another policy"), problems(yaml, ONE_RUN_IN_4G));
        assertDoesNotThrow(() -> ConfigLoader.load(write(yaml), ONE_RUN_IN_4G.withPolicies(List.of("random"))));
    }

    @Test
    void expectedRequestsAreTheIntegralOfTheRateOverTheHorizon() {
        assertEquals(36_000, RunMemory.expectedRequests(new Arrivals.Poisson(10), 3600), 1e-9);
        // 2/s for 600 s, 8/s for 1200 s, then 0: 1200 + 9600.
        Arrivals steps = new Arrivals.Steps(List.of(new Arrivals.Step(0, 2), new Arrivals.Step(600, 8),
                new Arrivals.Step(1800, 0)));
        assertEquals(10_800, RunMemory.expectedRequests(steps, 3600), 1e-9);
        assertEquals(1_200 + 8 * 400, RunMemory.expectedRequests(steps, 1000), 1e-9);
        // Times 0, 1, 2 repeated every 4 s: 10 s is 2 full rounds (6) and 0, 1 of the third (time 10 is not before 10).
        Arrivals looped = new Arrivals.Recorded("t", List.of(0.0, 1.0, 2.0), 4);
        assertEquals(8, RunMemory.expectedRequests(looped, 10), 1e-9);
        assertEquals(2, RunMemory.expectedRequests(new Arrivals.Recorded("t", List.of(0.0, 1.0, 2.0), 0), 1.5), 1e-9);
    }

    @Test
    void peakArrayBytesFollowTheDoublingArrayAndItsSortedCopy() {
        // 1000 entries (+5 sd = 1158.1) need 2048 slots: growing holds 1024 + 2048; at the end 2048 + 1158.1 and
        // the sorted copy: max(3072, 3206.1) x 8.
        assertEquals(8 * (2048 + 1000 + 5 * Math.sqrt(1000)), RunMemory.peakArrayBytes(1024, 1000, true), 1e-6);
        // 100 entries fit the first 1024 slots: no growth; without a copy, the 1024 slots alone.
        assertEquals(8 * 1024, RunMemory.peakArrayBytes(1024, 100, false), 1e-9);
        assertEquals(0, RunMemory.peakArrayBytes(64, 0, false), 1e-9);
    }

    @Test
    void splitLatencyArraysTakeTheCostliestSplit() {
        // 900 entries + 5 sd = 1050. In one array from 256 slots: 2048 slots, max(1024 + 2048, 2048 + 1050) = 3098.
        // Split 1025 / 25: 2048 slots, max(3072, 2048 + 1025) = 3073, and 256 slots + 25 = 281: 3354 slots, the
        // worst (513 / 537 gives 1537 + 1561 = 3098, 257 / 793 gives 769 + 1817 = 2586).
        assertEquals(8 * 3098, RunMemory.peakArrayBytes(256, 900, true), 1e-9);
        assertEquals(8 * 3354, RunMemory.peakSplitArrayBytes(256, 900, 2), 1e-9);
        assertEquals(0, RunMemory.peakSplitArrayBytes(256, 0, 2), 1e-9);
        // three arrays: 1 / 1 / 1048 gives 257 + 257 + max(3072, 2048 + 1048) = 3610
        assertEquals(8 * 3610, RunMemory.peakSplitArrayBytes(256, 900, 3), 1e-9);
    }

    @Test
    void theCostliestSplitIsTheMaximumOverEveryIntegerSplit() {
        // start capacity, entries, arrays: from one doubling to seven past the start
        double[][] cases = {{256, 900, 2}, {256, 900, 3}, {4, 60, 3}, {16, 333, 3}, {8, 40, 2}, {256, 3000, 3}};
        for (double[] c : cases) {
            int start = (int) c[0];
            assertEquals(bruteForceSplitBytes(start, c[1], (int) c[2]), RunMemory.peakSplitArrayBytes(start, c[1],
                    (int) c[2]), 1e-6, java.util.Arrays.toString(c));
        }
    }

    /**
     * Every split of the entries (+5 sd) into whole shares for all arrays but the last, which takes the rest: the
     * largest sum of the arrays' bytes.
     */
    private static double bruteForceSplitBytes(int start, double entries, int arrays) {
        double high = entries + 5 * Math.sqrt(entries);
        int whole = (int) Math.floor(high);
        double worst = 0;
        for (int a = 0; a <= whole; a++) {
            if (arrays == 2) {
                worst = Math.max(worst, arrayBytes(start, a) + arrayBytes(start, high - a));
                continue;
            }
            for (int b = 0; a + b <= whole; b++) {
                worst = Math.max(worst, arrayBytes(start, a) + arrayBytes(start, b) + arrayBytes(start, high - a - b));
            }
        }
        return worst;
    }

    /**
     * One latency array holding {@code n} entries, as WindowLatencies grows it: nothing while empty; else its
     * capacity doubles from {@code start} until it holds them, and at its peak either the last doubling's old and
     * new arrays or the full array and its sorted copy of the entries are alive, 8 bytes a slot.
     */
    private static double arrayBytes(int start, double n) {
        if (n <= 0) {
            return 0;
        }
        double capacity = start;
        while (capacity < n) {
            capacity *= 2;
        }
        double growing = capacity > start ? capacity / 2 + capacity : capacity;
        return 8 * Math.max(growing, capacity + n);
    }

    /** One untyped device, one service on it, no job (so no slowdown): every figure of the estimate is explicit. */
    private static String oneService(String rate, String serviceTime, int horizonSec) {
        return """
                name: heap
                seed: 1
                replications: 4
                horizonSec: %d
                devices:
                  - { name: box, profile: { trainSamplesPerSec: 10, memoryMiB: 4096 } }
                services:
                  - name: detector
                    devices: [box]
                    arrivals: { poisson: { ratePerSec: %s } }
                    serviceTimeMs: %s
                    deadlineMs: 100
                policies: [equal-split]
                """.formatted(horizonSec, rate, serviceTime);
    }

    @Test
    void refusesRunsThatWouldNotFitInTheHeapWithTheEstimateAndTheXmx() {
        // 1e7/s for 3600 s: N = 3.6e10 requests; +5 sd = 36,000,948,683; slots: 1024 x 2^26 = 68,719,476,736;
        // bytes = 8 x (68,719,476,736 + 36,000,948,683) = 837,763,403,352 = 780.2 GiB a run; with the 64 MiB
        // margin, 780.3 GiB; -Xmx = ceil(780.3 GiB x 3 / 2) = 1171 GiB. The 1e-5 ms service time keeps the load at
        // 0.1: no waiting line.
        String yaml = oneService("1e7", "{ constant: { ms: 1e-5 } }", 3600);
        assertEquals(List.of(file() + ":10: services[0].arrivals: the runs would not fit in memory: about"
                + " 36,000,000,000 LC requests per run over horizonSec = 3600 (service detector: 36,000,000,000), 780.2"
                + " GiB per run (780.3 GiB for 1 run at once), expected at most 2.7 GiB, two thirds of this JVM's 4.0 GiB"
                + " heap; run with DEEPEDGE_JAVA_OPTS=-Xmx1171g, fewer --threads, a lower rate or a shorter horizonSec"),
                problems(yaml, ONE_RUN_IN_4G));
    }

    @Test
    void countsTheRunsHeldAtOnceAndTheWaitingLineOfAnOverloadedInstance() throws ConfigException {
        // 100/s x 20 ms = load 2: half of the N = 100,000 requests may wait. +5 sd: 101,581.14.
        // Latencies (no job: one array from 256 slots): 131,072 slots; max(65,536 + 131,072, 131,072 + 101,581.14)
        // x 8 = 1,861,225.1 bytes. Waiting line: 3 x 50,000 doubles (arrival, service time, co-location mark),
        // +5 sd 151,936.49: 262,144 slots, growing from 131,072: 3,145,728 bytes.
        // A run: 5,006,953.1 bytes = 4.8 MiB. 1 run + 64 MiB = 72,115,817 bytes fits two thirds of 105 MiB
        // (73,400,320); 3 runs + 64 MiB = 82,129,723 bytes = 78.3 MiB do not.
        String yaml = oneService("100", "{ constant: { ms: 20 } }", 1000);
        RunOptions heap = ONE_RUN_IN_4G.withMaxHeapBytes(105L << 20);
        assertEquals(1, ConfigLoader.load(write(yaml), heap).gridPoints().size());
        assertEquals(List.of(file() + ":10: services[0].arrivals: the runs would not fit in memory: about 100,000 LC"
                + " requests per run over horizonSec = 1000 (service detector: 100,000), 4.8 MiB per run (78.3 MiB for"
                + " 3 runs at once), expected at most 70.0 MiB, two thirds of this JVM's 105.0 MiB heap; run with"
                + " DEEPEDGE_JAVA_OPTS=-Xmx1g, fewer --threads, a lower rate or a shorter horizonSec"),
                problems(yaml, heap.withThreads(3)));
    }

    @Test
    void refusesMoreRequestsOnOneInstanceThanItsLatencyArrayHolds() {
        // 1e6/s x 2000 s = 2e9 > 1e9, in a heap large enough for the bytes.
        assertEquals(List.of(file() + ":10: services[0].arrivals: one instance would record about 2,000,000,000 LC"
                + " requests per run (2,000,000,000), expected at most 1,000,000,000 per instance (the simulator keeps"
                + " each latency in one array); a lower rate or a shorter horizonSec"),
                problems(oneService("1e6", "{ constant: { ms: 1e-5 } }", 2000), ONE_RUN_IN_4G.withMaxHeapBytes(1L << 50)));
    }
}
