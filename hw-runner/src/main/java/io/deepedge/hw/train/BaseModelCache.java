package io.deepedge.hw.train;

import io.deepedge.hw.data.LabelledImages;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The base model, trained once per {@link BaseModelSettings} and kept in a folder as {@code base-KEY.zip} (DL4J's
 * model format, without updater state: the update job starts its own) beside {@code base-KEY.txt}, the settings
 * in plain text. Files are written to a temporary name in the same folder and renamed into place, so an
 * interrupted run never leaves a half-written model; concurrent trainers of the same key both produce a valid file.
 * A cached file that cannot be read or holds another configuration is trained again and replaced, and the
 * outcome says so.
 */
public final class BaseModelCache {
    /** System property naming the cache folder; default {@code deepedge-models} beside the native folder. */
    public static final String DIR_PROPERTY = "deepedge.modelDir";

    private final Path dir;

    public BaseModelCache(Path dir) {
        this.dir = dir;
    }

    /** The folder named by {@value #DIR_PROPERTY}, else {@code deepedge-models} beside {@link Nd4jSetup}'s folder. */
    public static Path defaultDir() {
        String prop = System.getProperty(DIR_PROPERTY);
        return prop != null && !prop.isBlank() ? Path.of(prop) : Nd4jSetup.configure().resolveSibling("deepedge-models");
    }

    /**
     * The model and where it came from.
     *
     * @param network the trained base model
     * @param file its cache file
     * @param trainedNow false when it was loaded from the cache
     * @param note why a cached file was not used (empty when it was, or when there was none)
     */
    public record Outcome(MultiLayerNetwork network, Path file, boolean trainedNow, Optional<String> note) {
    }

    public Path dir() {
        return dir;
    }

    /** The cached model for {@code settings}, or a newly trained (and cached) one on {@code train}. */
    public Outcome getOrTrain(BaseModelSettings settings, LabelledImages train) throws IOException {
        return getOrTrain(settings, train, () -> { });
    }

    /** As above; {@code beforeTraining} runs when (and only when) the model must be trained now. */
    public Outcome getOrTrain(BaseModelSettings settings, LabelledImages train, Runnable beforeTraining)
            throws IOException {
        if (train.count() != settings.trainImages() || train.fingerprint() != settings.trainFingerprint()) {
            throw new IllegalArgumentException("the training images (" + train.source() + ") are not the ones the "
                    + "settings were made for");
        }
        Path file = dir.resolve("base-" + settings.key() + ".zip");
        Optional<String> note = Optional.empty();
        if (Files.isRegularFile(file)) {
            try {
                MultiLayerNetwork cached = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
                if (sameArchitecture(cached, settings)) {
                    return new Outcome(cached, file, false, Optional.empty());
                }
                note = Optional.of(file + " holds another configuration; trained again");
            } catch (IOException | RuntimeException e) {
                note = Optional.of(file + " could not be read (" + e.getMessage() + "); trained again");
            }
        }
        beforeTraining.run();
        MultiLayerNetwork net = settings.network().build(settings.rows(), settings.cols(), settings.classes(),
                settings.seed(), settings.updater());
        SingleProcessTraining.fit(net, train, settings.epochs(), settings.batchSize(), settings.seed());
        Files.createDirectories(dir);
        writeAtomically(file, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), false));
        writeAtomically(dir.resolve("base-" + settings.key() + ".txt"),
                tmp -> Files.writeString(tmp, settings.canonical(), StandardCharsets.UTF_8));
        return new Outcome(net, file, true, note);
    }

    /** The cached configuration equals the settings' one, apart from the training counters it carries. */
    private static boolean sameArchitecture(MultiLayerNetwork cached, BaseModelSettings s) {
        MultiLayerConfiguration loaded = cached.getLayerWiseConfigurations();
        // initialising fills in per-layer fields (the variable names), as it did for the cached network
        MultiLayerConfiguration expected = s.network().build(s.rows(), s.cols(), s.classes(), s.seed(), s.updater())
                .getLayerWiseConfigurations();
        expected.setIterationCount(loaded.getIterationCount());
        expected.setEpochCount(loaded.getEpochCount());
        return expected.toJson().equals(loaded.toJson());
    }

    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    private void writeAtomically(Path target, Writer writer) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            writer.write(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
