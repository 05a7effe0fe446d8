package io.deepedge.hw.train;

import io.deepedge.hw.data.Drift;
import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The update job does its job, on a tiny setting (a small CNN, 400 + 400 images): the drift hurts the base model, and
 * re-training it on drifted data through synchronous rounds of two uneven agents raises the held-out drifted
 * accuracy well above where it was.
 */
class DriftRetrainTest {
    private static final NetworkSpec SMALL_CNN = new NetworkSpec.Cnn(6, 12, 64);
    private static final long SEED = 3;

    @Test
    void retrainingOnDriftedDataRaisesHeldOutDriftedAccuracy() throws IOException {
        FashionMnist.Split data = FashionMnist.subset();
        LabelledImages baseTrain = data.train().slice(0, 400);
        LabelledImages newTrain = data.train().slice(400, 800);
        LabelledImages test = data.test().slice(0, 300);
        Drift drift = Drift.standard(SEED);
        LabelledImages driftedNew = drift.apply(newTrain, 400);
        LabelledImages driftedTest = drift.apply(test, 100_000);
        UpdaterSpec adam = UpdaterSpec.adam(2e-3);

        MultiLayerNetwork base = SMALL_CNN.build(28, 28, FashionMnist.CLASSES, SEED, adam);
        SingleProcessTraining.fit(base, baseTrain, 3, 32, SEED);
        double original = Accuracy.of(base, test);
        double before = Accuracy.of(base, driftedTest);
        assertTrue(original > before + 0.15, "the drift should hurt: " + original + " on original, " + before + " drifted");

        ParameterServerStep server = new ParameterServerStep(base.clone());
        SynchronousRounds rounds = new SynchronousRounds(server, List.of(
                new GradientComputer(SMALL_CNN.build(28, 28, FashionMnist.CLASSES, 0, adam)),
                new GradientComputer(SMALL_CNN.build(28, 28, FashionMnist.CLASSES, 0, adam))));
        List<SynchronousRounds.Shard> shards = List.of(new SynchronousRounds.Shard(driftedNew.slice(0, 300), 24),
                new SynchronousRounds.Shard(driftedNew.slice(300, 400), 8));
        for (int e = 0; e < 3; e++) {
            rounds.epoch(shards, SEED + e);
        }
        double after = Accuracy.of(server.network(), driftedTest);
        System.out.printf("drift retrain (small CNN, 400 + 400 images): original %.3f, drifted before %.3f, after %.3f%n",
                original, before, after);
        assertTrue(after > before + 0.15, "re-training should recover: before " + before + ", after " + after);
    }
}
