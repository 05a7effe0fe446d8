package io.deepedge.hw.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 28x28 grey-scale images of 10 clothing classes. Two sources:
 * the full set (60,000 training + 10,000 test images) from a directory such as {@link #INSTALLED_DIR}, where
 * the Debian package {@code dataset-fashion-mnist} puts it, and a small stratified subset shipped in this jar
 * ({@value #SUBSET_TRAIN_PER_CLASS} training and {@value #SUBSET_TEST_PER_CLASS} test images per class) so the
 * testbed runs out of the box. Nothing is downloaded.
 */
public final class FashionMnist {
    public static final int CLASSES = 10;
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Where {@code apt-get install dataset-fashion-mnist} puts the four {@code *-ubyte.gz} files. */
    public static final Path INSTALLED_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final int SUBSET_TRAIN_PER_CLASS = 400;
    public static final int SUBSET_TEST_PER_CLASS = 100;
    static final String SUBSET_RESOURCE_DIR = "/io/deepedge/hw/data/fashion-mnist-subset/";

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private FashionMnist() {
    }

    /** A training set and its held-out test set. */
    public record Split(LabelledImages train, LabelledImages test) {
    }

    /** The subset shipped in this jar: first images of each class in file order (see its README). */
    public static Split subset() throws IOException {
        return new Split(resource(TRAIN_IMAGES, TRAIN_LABELS, "fashion-mnist subset train"),
                resource(TEST_IMAGES, TEST_LABELS, "fashion-mnist subset test"));
    }

    /** Whether {@code dir} holds the four files of the full set (gzip-compressed or not). */
    public static boolean isInstalled(Path dir) {
        return List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS).stream()
                .allMatch(name -> find(dir, name) != null);
    }

    /** The full set from {@code dir}; each file may be {@code NAME} or {@code NAME.gz}. */
    public static Split installed(Path dir) throws IOException {
        return new Split(file(dir, TRAIN_IMAGES, TRAIN_LABELS, "fashion-mnist train (" + dir + ")"),
                file(dir, TEST_IMAGES, TEST_LABELS, "fashion-mnist test (" + dir + ")"));
    }

    /** The full set when it is installed in {@link #INSTALLED_DIR}, else the shipped subset. */
    public static Split fullIfInstalledElseSubset() throws IOException {
        return isInstalled(INSTALLED_DIR) ? installed(INSTALLED_DIR) : subset();
    }

    /**
     * How many training images {@link #fullIfInstalledElseSubset} holds, from the labels file's IDX header alone
     * (a check before any work; the full read checks the rest), and where they are.
     */
    public record Available(int trainImages, String source) {
    }

    public static Available availableTrainImages() throws IOException {
        if (isInstalled(INSTALLED_DIR)) {
            Path labels = find(INSTALLED_DIR, TRAIN_LABELS);
            try (InputStream in = Files.newInputStream(labels)) {
                return new Available(IdxReader.itemCount(labels.toString(), in, 1), "fashion-mnist train ("
                        + INSTALLED_DIR + ")");
            }
        }
        String lab = SUBSET_RESOURCE_DIR + TRAIN_LABELS + ".gz";
        try (InputStream in = open(lab)) {
            return new Available(IdxReader.itemCount("classpath:" + lab, in, 1), "fashion-mnist subset train");
        }
    }

    /**
     * The first {@code perClass} images of every class, in file order (so classes stay interleaved as in the
     * file). Fails when a class has fewer images.
     */
    public static LabelledImages firstPerClass(LabelledImages all, int perClass, String source) {
        int[] taken = new int[all.classes()];
        int[] indices = new int[perClass * all.classes()];
        int n = 0;
        for (int i = 0; i < all.count() && n < indices.length; i++) {
            int label = all.label(i);
            if (taken[label] < perClass) {
                taken[label]++;
                indices[n++] = i;
            }
        }
        if (n < indices.length) {
            throw new IllegalArgumentException(all.source() + " has fewer than " + perClass
                    + " images of some class (" + java.util.Arrays.toString(all.classCounts()) + ")");
        }
        return all.select(indices, source);
    }

    private static LabelledImages file(Path dir, String images, String labels, String source) throws IOException {
        Path img = find(dir, images);
        Path lab = find(dir, labels);
        if (img == null || lab == null) {
            throw new IOException(dir + ": " + (img == null ? images : labels) + "[.gz] is missing; install the "
                    + "Debian package dataset-fashion-mnist or use the shipped subset");
        }
        return IdxReader.read(img, lab, CLASSES, source);
    }

    private static Path find(Path dir, String name) {
        for (Path p : List.of(dir.resolve(name + ".gz"), dir.resolve(name))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static LabelledImages resource(String images, String labels, String source) throws IOException {
        String img = SUBSET_RESOURCE_DIR + images + ".gz";
        String lab = SUBSET_RESOURCE_DIR + labels + ".gz";
        try (InputStream i = open(img); InputStream l = open(lab)) {
            return IdxReader.read("classpath:" + img, i, "classpath:" + lab, l, CLASSES, source);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = FashionMnist.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("classpath:" + resource + " is missing from the hw-runner jar (a broken build?)");
        }
        return in;
    }
}
