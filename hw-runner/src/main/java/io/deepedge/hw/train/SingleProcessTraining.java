package io.deepedge.hw.train;

import io.deepedge.hw.data.LabelledImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Plain DL4J {@code fit} over seeded shuffled minibatches: how the base model is trained, once. */
public final class SingleProcessTraining {
    private SingleProcessTraining() {
    }

    /**
     * Trains {@code net} for {@code epochs} passes over {@code data}, each in a fresh order drawn from
     * {@code shuffleSeed} and the epoch number; the last minibatch of an epoch may be smaller.
     */
    public static void fit(MultiLayerNetwork net, LabelledImages data, int epochs, int batchSize, long shuffleSeed) {
        if (epochs < 0 || batchSize <= 0) {
            throw new IllegalArgumentException("epochs >= 0 and batchSize > 0 expected (" + epochs + ", " + batchSize + ")");
        }
        for (int e = 0; e < epochs; e++) {
            LabelledImages ordered = data.select(Batches.shuffled(data.count(), shuffleSeed * 31 + e), data.source());
            for (int from = 0; from < ordered.count(); from += batchSize) {
                net.fit(Batches.of(ordered, from, Math.min(ordered.count(), from + batchSize)));
            }
            net.setEpochCount(net.getEpochCount() + 1);
        }
    }
}
