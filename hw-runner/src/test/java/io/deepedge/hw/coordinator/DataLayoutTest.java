package io.deepedge.hw.coordinator;

import io.deepedge.models.Assignment;
import io.deepedge.models.Plan;
import io.deepedge.models.Shares;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conservation of samples across re-plans and rollbacks (property test over seeded random jobs): whatever plans
 * take over at whatever rounds, and whatever checkpoints the job rolls back to, every sample is trained exactly
 * once per epoch, each shard holds exactly its device's share, and a round trains the simulator's local batches.
 * And plan independence: round {@code k} of an epoch trains the slice {@code [C_k, C_k + G_k)} of the identity
 * order, {@code G_k} the sum of the simulator's local batches, so plans whose shares are divisible by the epoch's
 * rounds train the same global batches, and a re-plan continues the fault-free run's batches.
 */
class DataLayoutTest {
    /** 240 samples in global batches of 24: 10 rounds per epoch; every share below is divisible by 10. */
    private static final int SAMPLES = 240;
    private static final long ROUNDS = 10;
    private static final Plan A = plan("a", 120, "b", 60, "c", 60);
    private static final Plan B = plan("x", 30, "y", 210);

    @Test
    void everySampleIsTrainedOncePerEpochWhateverThePlansAndRollbacks() {
        Random random = new Random(20261129);
        for (int trial = 0; trial < 300; trial++) {
            int samples = 5 + random.nextInt(200);
            int batch = 1 + random.nextInt(samples);
            int epochs = 1 + random.nextInt(3);
            long perEpoch = (samples + batch - 1) / batch;
            long total = perEpoch * epochs;
            int[] counts = new int[samples];
            DataLayout layout = DataLayout.start(randomPlan(random, samples), samples, perEpoch, 0, null);
            long saveRound = 0;
            DataLayout saved = null;
            int[] savedCounts = counts.clone();
            for (long round = 0; round < total; ) {
                double u = random.nextDouble();
                if (u < 0.1) {
                    layout = DataLayout.start(randomPlan(random, samples), samples, perEpoch, round, layout);
                } else if (u < 0.15) {
                    // rollback: the checkpoint's position, then a new plan over the survivors
                    round = saveRound;
                    counts = savedCounts.clone();
                    layout = DataLayout.start(randomPlan(random, samples), samples, perEpoch, round, saved);
                } else if (u < 0.25) {
                    saveRound = round;
                    saved = layout;
                    savedCounts = counts.clone();
                }
                layout = layout.atRound(round);
                checkShards(layout, samples);
                if (round < perEpoch) {
                    // the first epoch is exact whatever the re-plans and rollbacks: a prefix of the order, extended
                    long trained = Arrays.stream(counts).filter(c -> c > 0).count();
                    assertArrayEquals(range(trained, trained + globalBatch(layout, round)), roundSamples(layout, round),
                            "trial " + trial + " round " + round);
                }
                for (DataLayout.Part p : layout.parts()) {
                    for (int i : batch(p, round)) {
                        counts[i]++;
                    }
                }
                round++;
                if (round % perEpoch == 0) {
                    int epochsDone = (int) (round / perEpoch);
                    int[] expected = new int[samples];
                    Arrays.fill(expected, epochsDone);
                    assertArrayEquals(expected, counts, "trial " + trial + " after epoch " + epochsDone);
                }
            }
        }
    }

    @Test
    void aPlanFromTheStartCutsTheOrderRoundByRoundWithTheSimulatorsBatches() {
        DataLayout layout = DataLayout.start(plan("a", 7, "b", 3), 10, 4, 0, null);
        // local batches floor((k+1) d/4) - floor(k d/4): a (7) 1, 2, 2, 2; b (3) 0, 1, 1, 1. Rounds take
        // consecutive slices of 0..9, a before b: {0}, {1 2 | 3}, {4 5 | 6}, {7 8 | 9}
        assertArrayEquals(new int[] {0, 1, 2, 4, 5, 7, 8}, layout.part("a").shard());
        assertArrayEquals(new int[] {3, 6, 9}, layout.part("b").shard());
        long[] batches = new long[4];
        for (int k = 0; k < 4; k++) {
            batches[k] = layout.part("b").count(k);
        }
        assertArrayEquals(new long[] {0, 1, 1, 1}, batches);
        assertArrayEquals(new int[] {4, 5}, batch(layout.part("a"), 2));
        assertArrayEquals(new int[] {6}, batch(layout.part("b"), 2));
    }

    @Test
    void roundsOfAPlanFromTheEpochStartTrainConsecutiveSlicesOfOneOrder() {
        Random random = new Random(20261130);
        for (int trial = 0; trial < 200; trial++) {
            int samples = 5 + random.nextInt(300);
            long perEpoch = 1 + random.nextInt(samples);
            Plan plan = randomPlan(random, samples);
            int devices = plan.assignments().size();
            DataLayout layout = DataLayout.start(plan, samples, perEpoch, 0, null);
            long before = 0;
            for (long round = 0; round < 2 * perEpoch; round++) {
                layout = layout.atRound(round);
                long k = round % perEpoch;
                before = k == 0 ? 0 : before;
                long size = 0;
                for (Assignment a : plan.assignments()) {
                    size += Plan.localBatch(a.samples(), perEpoch, k);
                    assertEquals(Plan.localBatch(a.samples(), perEpoch, k), layout.part(a.device()).count(round));
                }
                String where = "trial " + trial + " round " + round;
                assertArrayEquals(range(before, before + size), roundSamples(layout, round), where);
                // the batch edge C_k lies in (k N / I - n, k N / I]: within fewer samples than devices of k N / I
                double ideal = (double) k * samples / perEpoch;
                assertTrue(before <= ideal + 1e-9 && before > ideal - devices, where + ": edge " + before);
                before += size;
            }
        }
    }

    @Test
    void plansWithSharesDivisibleByTheRoundsTrainTheSameGlobalBatches() {
        DataLayout a = DataLayout.start(A, SAMPLES, ROUNDS, 0, null);
        DataLayout b = DataLayout.start(B, SAMPLES, ROUNDS, 0, null);
        for (long round = 0; round < 2 * ROUNDS; round++) {
            a = a.atRound(round);
            b = b.atRound(round);
            long k = round % ROUNDS;
            assertArrayEquals(range(24 * k, 24 * (k + 1)), roundSamples(a, round), "A round " + round);
            assertArrayEquals(roundSamples(a, round), roundSamples(b, round), "round " + round);
        }
    }

    @Test
    void aReplanOrRollbackContinuesTheFaultFreeRunsGlobalBatches() {
        DataLayout faultFree = DataLayout.start(A, SAMPLES, ROUNDS, 0, null);
        for (long r = 1; r < ROUNDS; r++) {
            // A trained rounds < r (a re-plan at r, or a rollback to a checkpoint at r); B takes over
            DataLayout replanned = DataLayout.start(B, SAMPLES, ROUNDS, r, faultFree);
            int[] counts = new int[SAMPLES];
            for (long k = 0; k < ROUNDS; k++) {
                DataLayout layout = k < r ? faultFree : replanned;
                int[] trained = roundSamples(layout, k);
                if (k >= r) {
                    assertArrayEquals(roundSamples(faultFree, k), trained, "re-plan at " + r + ", round " + k);
                }
                Arrays.stream(trained).forEach(i -> counts[i]++);
            }
            int[] once = new int[SAMPLES];
            Arrays.fill(once, 1);
            assertArrayEquals(once, counts, "re-plan at " + r);
        }
    }

    @Test
    void aReplanWithAnySharesContinuesThePrefixOfTheOrder() {
        Random random = new Random(20261131);
        for (int trial = 0; trial < 200; trial++) {
            int samples = 5 + random.nextInt(300);
            long perEpoch = 2 + random.nextInt(samples - 1);
            Plan first = randomPlan(random, samples);
            Plan next = randomPlan(random, samples);
            long r = 1 + random.nextInt((int) perEpoch - 1);
            DataLayout before = DataLayout.start(first, samples, perEpoch, 0, null);
            DataLayout after = DataLayout.start(next, samples, perEpoch, r, before);
            long trained = 0;
            for (Assignment a : first.assignments()) {
                trained += Math.floorDiv(r * a.samples(), perEpoch);
            }
            // the simulator's splitRestOfEpoch: the owed samples by largest remainder over the remaining rounds
            long[] rest = Shares.largestRemainder(samples - trained,
                    next.assignments().stream().mapToDouble(Assignment::samples).toArray());
            int devices = first.assignments().size() + next.assignments().size();
            for (long k = r; k < perEpoch; k++) {
                long size = 0;
                for (int j = 0; j < rest.length; j++) {
                    long count = Plan.localBatch(rest[j], perEpoch - r, k - r);
                    assertEquals(count, after.part(next.assignments().get(j).device()).count(k));
                    size += count;
                }
                String where = "trial " + trial + " re-plan at " + r + " round " + k;
                assertArrayEquals(range(trained, trained + size), roundSamples(after, k), where);
                double ideal = (double) k * samples / perEpoch;
                assertTrue(trained <= ideal + 1e-9 && trained > ideal - devices, where + ": edge " + trained);
                trained += size;
            }
            assertEquals(samples, trained, "trial " + trial);
        }
    }

    @Test
    void everySampleIsTrainedOncePerEpochInTheEpochsAfterAMidEpochPlan() {
        int epochs = 3;
        DataLayout layout = DataLayout.start(plan("a", 100, "b", 77, "c", 63), SAMPLES, ROUNDS, 0, null);
        int[] counts = new int[SAMPLES];
        for (long round = 0; round < epochs * ROUNDS; round++) {
            if (round == 4) {
                layout = DataLayout.start(plan("x", 41, "y", 199), SAMPLES, ROUNDS, round, layout);
            }
            layout = layout.atRound(round);
            Arrays.stream(roundSamples(layout, round)).forEach(i -> counts[i]++);
            if ((round + 1) % ROUNDS == 0) {
                long epochsDone = (round + 1) / ROUNDS;
                assertTrue(Arrays.stream(counts).allMatch(c -> c == epochsDone), "after epoch " + epochsDone);
            }
        }
    }

    static int[] batch(DataLayout.Part p, long round) {
        int from = Math.toIntExact(p.from(round));
        return Arrays.copyOfRange(p.shard(), from, from + Math.toIntExact(p.count(round)));
    }

    /** The round's global batch: the union of the devices' local batches, sorted. */
    static int[] roundSamples(DataLayout layout, long round) {
        return layout.parts().stream().flatMapToInt(p -> Arrays.stream(batch(p, round))).sorted().toArray();
    }

    private static long globalBatch(DataLayout layout, long round) {
        return layout.parts().stream().mapToLong(p -> p.count(round)).sum();
    }

    private static int[] range(long from, long to) {
        int[] r = new int[Math.toIntExact(to - from)];
        Arrays.setAll(r, i -> Math.toIntExact(from + i));
        return r;
    }

    static Plan plan(Object... deviceAndShare) {
        List<Assignment> a = new ArrayList<>();
        for (int i = 0; i < deviceAndShare.length; i += 2) {
            a.add(new Assignment((String) deviceAndShare[i], (Integer) deviceAndShare[i + 1]));
        }
        return new Plan(a);
    }

    private static void checkShards(DataLayout layout, int samples) {
        boolean[] seen = new boolean[samples];
        for (DataLayout.Part p : layout.parts()) {
            assertTrue(p.segmentSamples() <= p.shard().length);
            for (int i : p.shard()) {
                assertTrue(!seen[i], "a sample in two shards");
                seen[i] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s, "every sample in some shard");
        }
    }

    private static Plan randomPlan(Random random, int samples) {
        int devices = 1 + random.nextInt(Math.min(4, samples));
        List<Assignment> a = new ArrayList<>();
        int left = samples;
        for (int d = 0; d < devices; d++) {
            int share = d == devices - 1 ? left : 1 + random.nextInt(left - (devices - d - 1));
            a.add(new Assignment("d" + d, share));
            left -= share;
        }
        return new Plan(a);
    }
}
