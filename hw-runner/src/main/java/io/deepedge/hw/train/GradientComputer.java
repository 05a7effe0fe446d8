package io.deepedge.hw.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An agent's share of a synchronous round: with the parameter server's current parameters, the gradient of its
 * slice of the global batch, summed over the slice's examples. Works on its own copy of the network, never on
 * the one that serves inference ({@code fit}, {@code output} and this all lock the network).
 */
public final class GradientComputer {
    private final MultiLayerNetwork net;
    private final INDArray paramsRow;

    /** @param net this agent's network (same configuration as the server's); used by this computer only */
    public GradientComputer(MultiLayerNetwork net) {
        ParameterServerStep.requireSplitInvariant(net);
        this.net = net;
        this.paramsRow = Nd4j.create(net.params().dataType(), net.params().shape());
    }

    public long numParams() {
        return net.numParams();
    }

    /** The summed gradient of {@code slice} at {@code params}. */
    public LocalGradient compute(float[] params, DataSet slice) {
        if (params.length != net.numParams()) {
            throw new IllegalArgumentException("got " + params.length + " parameters, the network has " + net.numParams());
        }
        FloatArrays.copyIn(params, paramsRow);
        return computeAt(paramsRow, slice);
    }

    /** The summed gradient of {@code slice} at {@code params} (any shape holding numParams values, e.g. a view of a received buffer). */
    public synchronized LocalGradient computeAt(INDArray params, DataSet slice) {
        int examples = (int) slice.getFeatures().size(0);
        net.setParams(params.reshape(paramsRow.shape()));
        net.setInput(slice.getFeatures());
        net.setLabels(slice.getLabels());
        net.computeGradientAndScore();
        // the gradient is a view the next call overwrites: copy it out
        float[] sum = FloatArrays.copyOut(net.gradient().gradient());
        double meanLoss = net.score();
        net.clear();
        return new LocalGradient(sum, examples, meanLoss);
    }
}
