package io.deepedge.hw.train;

import io.deepedge.hw.data.LabelledImages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Everything that determines the base model, and nothing else: two runs with equal settings train identical
 * networks, so the model is trained once and cached under {@link #key()}.
 *
 * @param network architecture
 * @param updater optimiser of the base training
 * @param seed initial weights and example order
 * @param epochs passes over the training data
 * @param batchSize minibatch size
 * @param rows image height
 * @param cols image width
 * @param classes number of classes
 * @param trainImages number of training images
 * @param trainFingerprint CRC-32 of the training images and labels (content, not file name)
 */
public record BaseModelSettings(NetworkSpec network, UpdaterSpec updater, long seed, int epochs, int batchSize,
                                int rows, int cols, int classes, int trainImages, long trainFingerprint) {
    /** Bumped whenever the training procedure changes, so stale cached models are not reused. */
    static final int FORMAT = 1;
    static final String DL4J_VERSION = "1.0.0-M2.1";

    public BaseModelSettings {
        if (epochs <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("epochs and batchSize must be positive (" + epochs + ", " + batchSize + ")");
        }
    }

    /** The settings for training {@code network} on {@code train}. */
    public static BaseModelSettings of(NetworkSpec network, UpdaterSpec updater, long seed, int epochs, int batchSize,
                                       LabelledImages train) {
        return new BaseModelSettings(network, updater, seed, epochs, batchSize, train.rows(), train.cols(),
                train.classes(), train.count(), train.fingerprint());
    }

    /** Canonical text of the settings: what the key hashes, written beside the cached model. */
    public String canonical() {
        return String.format(Locale.ROOT, "deepedge base model, format %d%nnetwork: %s%nupdater: %s%nseed: %d%n"
                        + "epochs: %d%nbatchSize: %d%ndata: %d images %dx%d, %d classes, crc32 %08x%ndl4j: %s%n",
                FORMAT, network.describe(), updater.describe(), seed, epochs, batchSize, trainImages, rows, cols,
                classes, trainFingerprint, DL4J_VERSION);
    }

    /** First 16 hex digits of the SHA-256 of {@link #canonical()}. */
    public String key() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
