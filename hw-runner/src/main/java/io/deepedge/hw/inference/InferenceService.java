package io.deepedge.hw.inference;

import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.train.Batches;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A real LC service: classifies one image per request (batch of one) with its OWN copy of a network. DL4J's
 * {@code fit} and {@code output} lock the network they run on, so a service sharing the training network would
 * wait for whole training steps; the copy makes the only interference the real one - contention for the CPU.
 * Request {@code i} classifies image {@code i mod n} of the given images.
 */
public final class InferenceService implements RequestHandler {
    private final MultiLayerNetwork net;
    private final INDArray[] inputs;
    private final int[] labels;
    private final String description;
    private final AtomicLong correct = new AtomicLong();
    private final AtomicLong served = new AtomicLong();

    /** @param model copied here; the caller may go on training it */
    public InferenceService(String name, MultiLayerNetwork model, LabelledImages images) {
        if (images.count() == 0) {
            throw new IllegalArgumentException("an inference service needs at least one input image");
        }
        this.net = model.clone();
        this.inputs = new INDArray[images.count()];
        this.labels = new int[images.count()];
        for (int i = 0; i < images.count(); i++) {
            inputs[i] = Batches.image(images, i);
            labels[i] = images.label(i);
        }
        this.description = name + " (" + net.numParams() + " parameters, batch 1)";
    }

    @Override
    public void serve(long index) {
        int i = (int) (index % inputs.length);
        float[] p = net.output(inputs[i], false).toFloatVector();
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        served.incrementAndGet();
        if (best == labels[i]) {
            correct.incrementAndGet();
        }
    }

    /** Fraction of served requests whose prediction was right (NaN before the first). */
    public double servedAccuracy() {
        long n = served.get();
        return n == 0 ? Double.NaN : (double) correct.get() / n;
    }

    /** The service's own network (for tests: it must not be the one that trains). */
    MultiLayerNetwork network() {
        return net;
    }

    @Override
    public String describe() {
        return description;
    }
}
