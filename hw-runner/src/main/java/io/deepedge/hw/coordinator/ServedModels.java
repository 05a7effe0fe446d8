package io.deepedge.hw.coordinator;

import io.deepedge.hw.device.ServiceModels;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The models an LC service can serve on the testbed (a service's {@code testbed: { model }} in the config):
 * <ul>
 * <li>{@code base} (default): the job's cached base classifier, the model the update job re-trains;</li>
 * <li>{@code mlp}: a small MLP (784-100-10) trained like the base model (cached too; trains in seconds);</li>
 * <li>{@code lenet-untrained}, {@code mlp-untrained}: those architectures with seeded, untrained weights: their
 * service time is the architecture's, their predictions mean nothing.</li>
 * </ul>
 */
public final class ServedModels {
    public static final String BASE = "base";
    public static final String MLP = "mlp";
    public static final String LENET_UNTRAINED = "lenet-untrained";
    public static final String MLP_UNTRAINED = "mlp-untrained";
    public static final List<String> CHOICES = List.of(BASE, MLP, LENET_UNTRAINED, MLP_UNTRAINED);

    private ServedModels() {
    }

    /** The agent's model id ({@code StartServices}) for {@code choice}; trains and caches the MLP when needed. */
    public static String modelId(String choice, TestbedData data, int epochs, PrintWriter announce)
            throws IOException {
        return switch (choice) {
            case BASE -> ServiceModels.FILE_PREFIX + data.baseModelFile().getFileName();
            case MLP -> ServiceModels.FILE_PREFIX + data.trainedModelFile(NetworkSpecs.parse("mlp"), epochs, announce)
                    .getFileName();
            case LENET_UNTRAINED -> NetworkSpec.Cnn.LENET.describe();
            case MLP_UNTRAINED -> NetworkSpecs.parse("mlp").describe();
            default -> throw new IllegalArgumentException("unknown served model (" + choice + "), expected one of "
                    + String.join(", ", CHOICES));
        };
    }
}
