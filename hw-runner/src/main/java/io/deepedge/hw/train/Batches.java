package io.deepedge.hw.train;

import io.deepedge.hw.data.LabelledImages;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/** Turns images into the arrays the networks take: flat float features in [0, 1] and one-hot labels. */
public final class Batches {
    private Batches() {
    }

    /** Images {@code [from, to)} as a data set: features {@code [n, rows*cols]}, labels {@code [n, classes]}. */
    public static DataSet of(LabelledImages set, int from, int to) {
        Nd4jSetup.configure();
        int n = to - from;
        int ppi = set.pixelsPerImage();
        float[] features = new float[n * ppi];
        float[] labels = new float[n * set.classes()];
        byte[] px = set.pixelBytes();
        for (int i = 0; i < n; i++) {
            int base = (from + i) * ppi;
            for (int p = 0; p < ppi; p++) {
                features[i * ppi + p] = Byte.toUnsignedInt(px[base + p]) / 255f;
            }
            labels[i * set.classes() + set.label(from + i)] = 1f;
        }
        INDArray f = Nd4j.create(features, new long[] {n, ppi}, DataType.FLOAT);
        INDArray l = Nd4j.create(labels, new long[] {n, set.classes()}, DataType.FLOAT);
        return new DataSet(f, l);
    }

    /** All images of {@code set}. */
    public static DataSet of(LabelledImages set) {
        return of(set, 0, set.count());
    }

    /** One image as a batch of one: the input of an inference request. */
    public static INDArray image(LabelledImages set, int index) {
        return of(set, index, index + 1).getFeatures();
    }

    /** A permutation of {@code 0..n-1} from {@code seed} (Fisher-Yates): the epoch's example order. */
    public static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
