package io.deepedge.hw.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the shipped Fashion-MNIST subset from the full set (maintainers only):
 * {@code java -cp ... io.deepedge.hw.data.SubsetMaker [FULL_DIR] OUT_DIR}. The selection is
 * {@link FashionMnist#firstPerClass} of each file, so the subset is reproducible from the public files.
 */
public final class SubsetMaker {
    private SubsetMaker() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SubsetMaker [FULL_DIR] OUT_DIR   (FULL_DIR default " + FashionMnist.INSTALLED_DIR + ")");
            System.exit(2);
        }
        Path full = args.length == 2 ? Path.of(args[0]) : FashionMnist.INSTALLED_DIR;
        Path out = Path.of(args[args.length - 1]);
        FashionMnist.Split subset = make(FashionMnist.installed(full));
        Files.createDirectories(out);
        IdxWriter.write(subset.train(), out.resolve(FashionMnist.TRAIN_IMAGES + ".gz"),
                out.resolve(FashionMnist.TRAIN_LABELS + ".gz"));
        IdxWriter.write(subset.test(), out.resolve(FashionMnist.TEST_IMAGES + ".gz"),
                out.resolve(FashionMnist.TEST_LABELS + ".gz"));
        System.out.println("wrote " + subset.train().count() + " training and " + subset.test().count()
                + " test images to " + out);
    }

    /** The subset of a full set, as shipped. */
    static FashionMnist.Split make(FashionMnist.Split full) {
        return new FashionMnist.Split(
                FashionMnist.firstPerClass(full.train(), FashionMnist.SUBSET_TRAIN_PER_CLASS, "fashion-mnist subset train"),
                FashionMnist.firstPerClass(full.test(), FashionMnist.SUBSET_TEST_PER_CLASS, "fashion-mnist subset test"));
    }
}
