package io.deepedge.hw.device;

import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.inference.InferenceService;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.hw.train.Nd4jSetup;
import io.deepedge.hw.train.UpdaterSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The networks LC services run, by the {@code model_id} of a StartServices request:
 * <ul>
 *   <li>{@code calibration-spin:MS}: CALIBRATION ONLY, a busy-spin of MS milliseconds per request (known service
 *       time, for checking the serving path against queueing theory);</li>
 *   <li>an architecture ({@link NetworkSpecs}: {@code lenet}, {@code mlp}, {@code cnn(...)}, {@code mlp(...)})
 *       with weights from a fixed seed: the service time is that architecture's, the predictions mean nothing;</li>
 *   <li>{@code model-file:NAME.zip}: a trained DL4J model (e.g. the cached base model {@code base-KEY.zip})
 *       from this agent's model folder; only a plain file name is accepted, never a path.</li>
 * </ul>
 * Each service instance copies the network it is given, so one prototype per id is kept.
 */
public final class ServiceModels {
    public static final String FILE_PREFIX = "model-file:";
    public static final String SPIN_PREFIX = "calibration-spin:";
    static final double MAX_SPIN_MS = 10_000;
    static final long INIT_SEED = 1;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.zip");

    private final int rows;
    private final int cols;
    private final int classes;
    private final Path modelDir;
    private final Map<String, MultiLayerNetwork> loaded = new HashMap<>();

    /** Models for {@code rows x cols} images of {@code classes} classes; files come from {@code modelDir}. */
    public ServiceModels(int rows, int cols, int classes, Path modelDir) {
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        this.modelDir = modelDir;
    }

    public int inputPixels() {
        return rows * cols;
    }

    /**
     * A new instance of the model {@code modelId} names (its own copy of the network), answering with
     * {@code ownImages} when a request carries no input; IllegalArgumentException naming what was expected.
     */
    ServedModel instance(String serviceId, String modelId, LabelledImages ownImages) {
        if (modelId.startsWith(SPIN_PREFIX)) {
            String ms = modelId.substring(SPIN_PREFIX.length());
            double serviceMs;
            try {
                serviceMs = Double.parseDouble(ms);
            } catch (NumberFormatException e) {
                serviceMs = Double.NaN;
            }
            if (!(serviceMs > 0 && serviceMs <= MAX_SPIN_MS)) {
                throw new IllegalArgumentException("model_id: " + SPIN_PREFIX + shorten(ms) + ", expected a duration in ms"
                        + " in (0, " + MAX_SPIN_MS + "]");
            }
            return new ServedModel.Spin(serviceMs);
        }
        return new ServedModel.Classifier(new InferenceService(serviceId, network(modelId), ownImages), ownImages);
    }

    /** The prototype network for {@code modelId}; IllegalArgumentException naming what was expected. */
    public synchronized MultiLayerNetwork network(String modelId) {
        MultiLayerNetwork net = loaded.get(modelId);
        if (net == null) {
            net = modelId.startsWith(FILE_PREFIX) ? fromFile(modelId.substring(FILE_PREFIX.length())) : fromSpec(modelId);
            loaded.put(modelId, net);
        }
        return net;
    }

    private MultiLayerNetwork fromSpec(String modelId) {
        NetworkSpec spec;
        try {
            spec = NetworkSpecs.parse(modelId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model_id: " + e.getMessage() + ", or " + FILE_PREFIX + "NAME.zip");
        }
        NetworkSpecs.parameterCount(spec, rows, cols, classes);
        return spec.build(rows, cols, classes, INIT_SEED, UpdaterSpec.sgd(1));
    }

    private MultiLayerNetwork fromFile(String name) {
        if (!FILE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model_id: " + FILE_PREFIX + shorten(name) + " is not a plain file name, "
                    + "expected " + FILE_PREFIX + "NAME.zip naming a file in the agent's model folder");
        }
        Path file = modelDir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model_id: " + FILE_PREFIX + name + ": no such file in the agent's model "
                    + "folder (" + modelDir + "), expected a DL4J model saved there");
        }
        Nd4jSetup.configure();
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("model_id: " + FILE_PREFIX + name + " cannot be read ("
                    + e.getClass().getSimpleName() + "), expected a DL4J MultiLayerNetwork file");
        }
        long outputs;
        try {
            outputs = net.output(Nd4j.zeros(DataType.FLOAT, 1, inputPixels()), false).length();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model_id: " + FILE_PREFIX + name + " does not take " + rows + "x" + cols
                    + " images (" + e.getClass().getSimpleName() + ")");
        }
        if (outputs != classes) {
            throw new IllegalArgumentException("model_id: " + FILE_PREFIX + name + " has " + outputs + " outputs, expected "
                    + classes + " classes");
        }
        return net;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
