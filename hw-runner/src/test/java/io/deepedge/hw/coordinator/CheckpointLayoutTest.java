package io.deepedge.hw.coordinator;

import io.deepedge.models.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The data position survives a checkpoint file: the layout read back trains exactly the batches the written one
 * would, and a resume (the plan in force starts again over the owed samples, as {@code TestbedJob.resume} does)
 * trains the global batches of the uninterrupted run.
 */
class CheckpointLayoutTest {
    private static final int SAMPLES = 240;
    private static final long ROUNDS = 10;
    private static final Plan A = DataLayoutTest.plan("a", 120, "b", 60, "c", 60);
    private static final Plan B = DataLayoutTest.plan("x", 30, "y", 210);

    @Test
    void aLayoutReadBackFromACheckpointContinuesIdentically(@TempDir Path dir) throws IOException {
        DataLayout faultFree = DataLayout.start(A, SAMPLES, ROUNDS, 0, null);
        // the layout in force at the checkpoint: B took over mid-epoch at round 3, the checkpoint is at round 6
        DataLayout written = DataLayout.start(B, SAMPLES, ROUNDS, 3, faultFree);
        long round = 6;
        int[] counts = new int[SAMPLES];
        for (long k = 0; k < round; k++) {
            Arrays.stream(DataLayoutTest.roundSamples(k < 3 ? faultFree : written, k)).forEach(i -> counts[i]++);
        }
        Checkpoints.write(dir, new JobCheckpoint(round, Arrays.stream(counts).sum(), null, counts, written.parts(),
                JobCheckpoint.RunSoFar.NONE));

        JobCheckpoint back = Checkpoints.read(dir).orElseThrow();
        assertArrayEquals(counts, back.trainedCounts());
        DataLayout readBack = DataLayout.of(SAMPLES, ROUNDS, back.layout());
        DataLayout w = written;
        DataLayout r = readBack;
        for (long k = round; k < 2 * ROUNDS; k++) {
            // into the next epoch, as the job moves a layout on before every round
            w = w.atRound(k);
            r = r.atRound(k);
            assertEquals(w.parts().size(), r.parts().size());
            for (int j = 0; j < w.parts().size(); j++) {
                DataLayout.Part pw = w.parts().get(j);
                DataLayout.Part pr = r.parts().get(j);
                assertEquals(pw.device(), pr.device());
                assertArrayEquals(pw.shard(), pr.shard());
                assertArrayEquals(DataLayoutTest.batch(pw, k), DataLayoutTest.batch(pr, k), "round " + k);
            }
        }
        DataLayout resumed = DataLayout.start(B, SAMPLES, ROUNDS, round, readBack);
        for (long k = round; k < ROUNDS; k++) {
            assertArrayEquals(DataLayoutTest.roundSamples(faultFree, k), DataLayoutTest.roundSamples(resumed, k),
                    "resumed round " + k);
        }
    }
}
