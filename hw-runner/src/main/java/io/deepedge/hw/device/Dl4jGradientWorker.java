package io.deepedge.hw.device;

import io.deepedge.hw.agent.BatchGradient;
import io.deepedge.hw.agent.GradientWorker;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.train.Batches;
import io.deepedge.hw.train.GradientComputer;
import io.deepedge.hw.train.LocalGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * An agent's training work with DL4J: the summed gradient of a range of its shard's images at the parameters
 * the coordinator sent, by {@link GradientComputer} on the agent's own network. Images are turned into float
 * arrays per request ({@link Batches}), so the shard stays in bytes (785 per Fashion-MNIST image).
 */
public final class Dl4jGradientWorker implements GradientWorker {
    private final LabelledImages images;
    private final GradientComputer computer;
    private final int parameterCount;

    /** @param net a network of the architecture the shard names; used by this worker only */
    public Dl4jGradientWorker(LabelledImages images, MultiLayerNetwork net) {
        this.images = images;
        this.computer = new GradientComputer(net);
        this.parameterCount = Math.toIntExact(net.numParams());
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public int sampleCount() {
        return images.count();
    }

    @Override
    public BatchGradient gradient(float[] params, int fromSample, int count) {
        LocalGradient g = computer.compute(params, Batches.of(images, fromSample, fromSample + count));
        // DL4J's score is the batch mean; the protocol sums the loss like the gradient
        return new BatchGradient(g.sum(), g.meanLoss() * g.examples());
    }
}
