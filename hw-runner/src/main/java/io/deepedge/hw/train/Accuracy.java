package io.deepedge.hw.train;

import io.deepedge.hw.data.LabelledImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Classification accuracy of a network on labelled images (the {@code accuracy_before/after} columns). */
public final class Accuracy {
    private static final int EVAL_BATCH = 500;

    private Accuracy() {
    }

    /** Fraction of {@code set}'s images whose most probable class is their label. */
    public static double of(MultiLayerNetwork net, LabelledImages set) {
        if (set.count() == 0) {
            throw new IllegalArgumentException("accuracy of an empty set (" + set.source() + ")");
        }
        long correct = 0;
        for (int from = 0; from < set.count(); from += EVAL_BATCH) {
            int to = Math.min(set.count(), from + EVAL_BATCH);
            INDArray out = net.output(Batches.of(set, from, to).getFeatures(), false);
            long[] predicted = Nd4j.argMax(out, 1).toLongVector();
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == set.label(from + i)) {
                    correct++;
                }
            }
        }
        return (double) correct / set.count();
    }
}
