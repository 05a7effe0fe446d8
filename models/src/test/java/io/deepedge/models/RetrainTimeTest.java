package io.deepedge.models;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The re-training cost model against hand-computed times (expectations never call the code under test). */
class RetrainTimeTest {
    private static final Link LINK = new Link(80, 1);

    private static Worker plain(String name, double samplesPerSec) {
        return new Worker(name, new DeviceProfile(samplesPerSec, 8192, Interference.NONE), LINK, List.of());
    }

    private static TrainingJob job(long samples, int epochs, int batch, long parameterBytes, double checkpointEverySec) {
        return new TrainingJob("t", samples, epochs, batch, parameterBytes, 0, Topology.RING_ALLREDUCE,
                checkpointEverySec, 0);
    }

    @Test
    void proportionalSharesWithoutInterferenceTakeTheirStandaloneTime() {
        // D = 1200, B = 60: 20 iterations an epoch; 40 and 20 samples at 100 and 50 samples/s: 0.4 s each, 2 epochs
        double sec = RetrainTime.expectedSec(job(1200, 2, 60, 0, 0), LINK, List.of(plain("a", 100), plain("b", 50)),
                new long[] {800, 400});
        assertEquals(16.0, sec, 1e-9);
    }

    @Test
    void oneMoreSampleInSomeIterationsPacesThoseIterations() {
        // D = 1000, B = 64: 16 iterations. a: 600 = 16 x 37 + 8 -> 8 iterations of 38 samples at 120/s (0.31667 s),
        // 8 of 37 (0.30833 s); b: 400 = 16 x 25 -> 25 at 80/s (0.3125 s) every iteration
        double sec = RetrainTime.expectedSec(job(1000, 1, 64, 0, 0), LINK, List.of(plain("a", 120), plain("b", 80)),
                new long[] {600, 400});
        assertEquals(8 * 38 / 120.0 + 8 * 25 / 80.0, sec, 1e-9);
    }

    @Test
    void coincidingExtraSamplesAreCountedIterationByIteration() {
        // D = 8, B = 2: 4 iterations. Cumulative samples after k iterations are floor(k d / 4):
        // a (d = 6, 10/s): 0, 1, 3, 4, 6 -> batches 1, 2, 1, 2; b (d = 2, 2/s): 0, 0, 1, 1, 2 -> batches 0, 1, 0, 1.
        // Iteration times max(a, b): 0.1, max(0.2, 0.5), 0.1, max(0.2, 0.5) = 1.2 s. (Were b's extra sample in
        // the other iterations, it would be 0.5 + 0.2 + 0.5 + 0.2 = 1.4 s.)
        double sec = RetrainTime.expectedSec(job(8, 1, 2, 0, 0), LINK, List.of(plain("a", 10), plain("b", 2)),
                new long[] {6, 2});
        assertEquals(1.2, sec, 1e-9);
    }

    @Test
    void checkpointsAreCountedAsTheSimulatorWritesThem() {
        // iterations of 0.4 s compute + ring sync 2 (n-1) (lat + P / (n bw)) = 2 (0.001 + 1e6 / (2 x 1e7)) = 0.102 s;
        // a checkpoint after the first iteration ending >= 2 s after the previous one: every ceil(2 / 0.502) = 4
        // iterations, none after the last: floor(39 / 4) = 9 checkpoints of 1 ms + 1e6 B / 1e7 B/s = 0.101 s
        double sec = RetrainTime.expectedSec(job(1200, 2, 60, 1_000_000, 2.0), LINK,
                List.of(plain("a", 100), plain("b", 50)), new long[] {800, 400});
        assertEquals(40 * 0.502 + 9 * 0.101, sec, 1e-9);
    }

    @Test
    void checkpointCountFollowsTheIterationClock() {
        TrainingJob j = job(1000, 1, 10, 0, 2.0);
        // 100 iterations: of 0.5 s -> one every 4 iterations -> floor(99 / 4) = 24; of 3 s -> after every one but the last
        assertEquals(24, RetrainTime.checkpoints(j, 0.5));
        assertEquals(99, RetrainTime.checkpoints(j, 3.0));
        assertEquals(0, RetrainTime.checkpoints(job(1000, 1, 10, 0, 0), 0.5));
    }

    @Test
    void aLongComputationRunsAtTheLongRunBusyShare() {
        // one device, one iteration of w = 100 s; a service of 10 req/s, exponential 20 ms, slowed x1.5 while training:
        // rho' = 0.3 busy while training computes, which then runs x2 slower: mean rate 1 - 0.3 (1 - 1/2) = 0.85
        LcLoad load = new LcLoad(10, new ServiceTime.Exponential(20));
        Worker w = new Worker("a", new DeviceProfile(100, 8192, new Interference(1.5, 2.0)), LINK, List.of(load));
        double sec = RetrainTime.expectedSec(job(10_000, 1, 10_000, 0, 0), LINK, List.of(w), new long[] {10_000});
        assertEquals(100 / 0.85, sec, 1e-6 * 100 / 0.85);
    }

    @Test
    void theBarrierWaitsForTheSlowestOfSeveralNoisyDevices() {
        // each device alone computes at 1/0.85 of standalone time on average; together the iteration waits for the
        // slowest, so the expected time exceeds the mean and grows with the number of devices
        LcLoad load = new LcLoad(10, new ServiceTime.Exponential(20));
        DeviceProfile p = new DeviceProfile(100, 8192, new Interference(1.5, 2.0));
        double previous = 0;
        for (int n = 1; n <= 8; n *= 2) {
            List<Worker> workers = new java.util.ArrayList<>();
            long[] shares = new long[n];
            for (int j = 0; j < n; j++) {
                workers.add(new Worker("d" + j, p, LINK, List.of(load)));
                shares[j] = 800 / n;
            }
            // 100 iterations of 8 samples in all: 0.08 s / n standalone per device
            double sec = RetrainTime.expectedSec(job(800, 1, 8, 0, 0), LINK, workers, shares);
            double mean = 100 * 0.08 / n / 0.85;
            assertTrue(sec >= mean * (1 - 1e-3), n + " devices: " + sec + " < mean " + mean);
            if (n > 1) {
                assertTrue(sec * n > previous * (n / 2) * 1.001, n + " devices: no barrier penalty");
            }
            previous = sec;
        }
    }
}
