package io.deepedge.hw.coordinator;

import io.deepedge.models.Assignment;
import io.deepedge.models.Plan;
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
 */
class DataLayoutTest {
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
                for (DataLayout.Part p : layout.parts()) {
                    long from = p.from(round);
                    for (long pos = from; pos < from + p.count(round); pos++) {
                        counts[p.shard()[(int) pos]]++;
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
    void aPlanFromTheStartCutsTheSamplesInOrderAndUsesTheSimulatorsBatches() {
        Plan plan = new Plan(List.of(new Assignment("a", 7), new Assignment("b", 3)));
        DataLayout layout = DataLayout.start(plan, 10, 4, 0, null);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, layout.part("a").shard());
        assertArrayEquals(new int[] {7, 8, 9}, layout.part("b").shard());
        // b's 3 samples over 4 rounds: floor((k+1)3/4) - floor(k 3/4) = 0, 1, 1, 1
        long[] batches = new long[4];
        for (int k = 0; k < 4; k++) {
            batches[k] = layout.part("b").count(k);
        }
        assertArrayEquals(new long[] {0, 1, 1, 1}, batches);
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
