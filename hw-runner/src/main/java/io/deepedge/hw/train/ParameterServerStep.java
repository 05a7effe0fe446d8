package io.deepedge.hw.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The parameter server's half of a synchronous data-parallel round: sums the agents' summed gradients, turns
 * the sum into ONE update with the network's updater for the global batch size (the updater divides by it,
 * exactly as {@code fit} does on the whole batch), subtracts it from the parameters and counts the iteration.
 * A round therefore equals one single-process {@code fit} step on the concatenated batch (tested to 1e-5).
 *
 * <p>The updater's state lives only here; {@link #state()} and {@link #restore} carry it through checkpoints.
 * Not thread-safe: one coordinator thread applies rounds.
 */
public final class ParameterServerStep {
    private final MultiLayerNetwork net;
    private final INDArray sum;

    /** @param net the server's network: its parameters are the job's current parameters */
    public ParameterServerStep(MultiLayerNetwork net) {
        requireSplitInvariant(net);
        this.net = net;
        this.sum = Nd4j.create(net.params().dataType(), net.params().shape());
    }

    /** Applies one round: the agents' gradients of disjoint slices of one global batch. */
    public void apply(List<LocalGradient> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a round needs at least one gradient");
        }
        int globalBatch = 0;
        float[] total = new float[Math.toIntExact(net.numParams())];
        for (LocalGradient part : parts) {
            if (part.sum().length != total.length) {
                throw new IllegalArgumentException("a gradient has " + part.sum().length + " values, the network has "
                        + net.numParams() + " parameters");
            }
            // summed gradients add up to the gradient of the whole batch: no per-agent weights needed. A plain
            // loop (vectorised by the JIT, in the parts' order as ND4J's addi would) beats a native array per part.
            float[] g = part.sum();
            for (int i = 0; i < total.length; i++) {
                total[i] += g[i];
            }
            globalBatch += part.examples();
        }
        FloatArrays.copyIn(total, sum);
        int iteration = net.getIterationCount();
        // an array that is not the network's own gradient view: DL4J treats it as external and updates in place
        net.getUpdater().update(net, new DefaultGradient(sum), iteration, net.getEpochCount(), globalBatch,
                LayerWorkspaceMgr.noWorkspaces());
        net.params().subi(sum);
        net.setIterationCount(iteration + 1);
    }

    /** The current parameters (a copy). */
    public float[] params() {
        return FloatArrays.copyOut(net.params());
    }

    /** The server's network (its parameters are live: read, never train it elsewhere). */
    public MultiLayerNetwork network() {
        return net;
    }

    public int iteration() {
        return net.getIterationCount();
    }

    /** Marks an epoch complete (learning-rate schedules by epoch read it). */
    public void epochDone() {
        net.setEpochCount(net.getEpochCount() + 1);
    }

    /** Parameters, updater state and counters, for a checkpoint. */
    public TrainingState state() {
        INDArray updater = net.getUpdater().getStateViewArray();
        return new TrainingState(params(), updater == null ? new float[0] : updater.toFloatVector(),
                net.getIterationCount(), net.getEpochCount());
    }

    /** Continues from a checkpoint of a server with the same configuration. */
    public void restore(TrainingState state) {
        float[] params = state.params();
        if (params.length != net.numParams()) {
            throw new IllegalArgumentException("the checkpoint has " + params.length + " parameters, the network "
                    + net.numParams());
        }
        INDArray updater = net.getUpdater().getStateViewArray();
        float[] updaterState = state.updaterState();
        long expected = updater == null ? 0 : updater.length();
        if (updaterState.length != expected) {
            throw new IllegalArgumentException("the checkpoint has " + updaterState.length + " updater values, this "
                    + "updater " + expected);
        }
        net.params().assign(Nd4j.createFromArray(params).reshape(net.params().shape()));
        if (updater != null) {
            updater.assign(Nd4j.createFromArray(updaterState).reshape(updater.shape()));
        }
        net.setIterationCount(state.iteration());
        net.setEpochCount(state.epoch());
    }

    /**
     * Refuses networks whose gradient depends on how a batch is split: dropout (each agent draws its own
     * masks), batch normalisation (per-slice statistics) and gradient normalisation or clipping (applied per
     * layer before the updater, which a summed external gradient skips).
     */
    static void requireSplitInvariant(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration layerConf = conf.getConf(i);
            Layer layer = layerConf.getLayer();
            String what = "layer " + i + " (" + layer.getClass().getSimpleName() + ")";
            if (layer instanceof BatchNormalization) {
                throw new IllegalArgumentException(what + ": batch normalisation makes gradients depend on the split");
            }
            if (layer.getIDropout() != null) {
                throw new IllegalArgumentException(what + ": dropout makes gradients depend on the split");
            }
            if (layer instanceof BaseLayer base && base.getGradientNormalization() != null
                    && base.getGradientNormalization() != GradientNormalization.None) {
                throw new IllegalArgumentException(what + ": gradient normalisation is not applied to a summed gradient");
            }
        }
    }
}
