package io.deepedge.hw.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A network architecture for square grey-scale images of {@code classes} classes, in float precision. No
 * dropout and no batch normalisation: both make a gradient depend on how the global batch is split (each
 * agent would draw its own masks or batch statistics), which would break the equivalence of a synchronous
 * round with one single-process step.
 */
public sealed interface NetworkSpec {
    /** The DL4J configuration; {@code seed} fixes the initial weights. */
    MultiLayerConfiguration configuration(int rows, int cols, int classes, long seed, UpdaterSpec updater);

    /** Canonical text, part of the base model's cache key. */
    String describe();

    /** A new, initialised network. */
    default MultiLayerNetwork build(int rows, int cols, int classes, long seed, UpdaterSpec updater) {
        Nd4jSetup.configure();
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(rows, cols, classes, seed, updater));
        net.init();
        return net;
    }

    /**
     * LeNet-class CNN: conv 5x5 -> max-pool 2x2 -> conv 5x5 -> max-pool 2x2 -> dense (ReLU) -> softmax.
     * {@link #LENET} (20, 50, 500) has 431,080 parameters on 28x28 images.
     */
    record Cnn(int conv1Filters, int conv2Filters, int denseUnits) implements NetworkSpec {
        public static final Cnn LENET = new Cnn(20, 50, 500);

        public Cnn {
            if (conv1Filters <= 0 || conv2Filters <= 0 || denseUnits <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive (" + conv1Filters + ", "
                        + conv2Filters + ", " + denseUnits + ")");
            }
        }

        @Override
        public MultiLayerConfiguration configuration(int rows, int cols, int classes, long seed, UpdaterSpec updater) {
            return base(seed, updater).list()
                    .layer(new ConvolutionLayer.Builder(5, 5).nIn(1).stride(1, 1).nOut(conv1Filters)
                            .activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new ConvolutionLayer.Builder(5, 5).stride(1, 1).nOut(conv2Filters)
                            .activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new DenseLayer.Builder().nOut(denseUnits).activation(Activation.RELU).build())
                    .layer(output(classes))
                    .setInputType(InputType.convolutionalFlat(rows, cols, 1))
                    .build();
        }

        @Override
        public String describe() {
            return "cnn(conv5x5:" + conv1Filters + ",pool2,conv5x5:" + conv2Filters + ",pool2,dense:" + denseUnits + ")";
        }
    }

    /** One hidden ReLU layer: a cheap inference service (784-100-10 serves in ~0.2 ms). */
    record Mlp(int hiddenUnits) implements NetworkSpec {
        public Mlp {
            if (hiddenUnits <= 0) {
                throw new IllegalArgumentException("hiddenUnits must be positive (" + hiddenUnits + ")");
            }
        }

        @Override
        public MultiLayerConfiguration configuration(int rows, int cols, int classes, long seed, UpdaterSpec updater) {
            return base(seed, updater).list()
                    .layer(new DenseLayer.Builder().nIn(rows * cols).nOut(hiddenUnits).activation(Activation.RELU).build())
                    .layer(output(classes))
                    .setInputType(InputType.feedForward(rows * cols))
                    .build();
        }

        @Override
        public String describe() {
            return "mlp(dense:" + hiddenUnits + ")";
        }
    }

    private static NeuralNetConfiguration.Builder base(long seed, UpdaterSpec updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(updater.toDl4j());
    }

    private static OutputLayer output(int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .nOut(classes).activation(Activation.SOFTMAX).build();
    }
}
