package io.deepedge.hw.coordinator;

import io.deepedge.hw.data.Drift;
import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.hw.train.BaseModelCache;
import io.deepedge.hw.train.BaseModelSettings;
import io.deepedge.hw.train.Batches;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.UpdaterSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The data and the base model every run of a testbed experiment starts from: Fashion-MNIST (the full set when
 * installed, else the shipped subset), a base model trained once on the original training images (cached by its
 * settings), and per run the drifted data of the update job.
 *
 * @param original the original training and test images
 * @param base the base model (never trained further: each run trains a copy)
 * @param baseModelFile the cached base model's file (agents serve it as {@code model-file:NAME})
 */
public record TestbedData(FashionMnist.Split original, MultiLayerNetwork base, Path baseModelFile) {
    /** Seed of the base model's initialisation and data order: one base model for every experiment. */
    public static final long BASE_SEED = 1;
    public static final int BASE_BATCH = 64;
    /** Images per class the base model trains on: 400 x 10 = the shipped subset's training part. */
    public static final int BASE_IMAGES_PER_CLASS = 400;
    /** Drifted test images are drawn as if they followed the training images in one data set. */
    static final int TEST_INDEX_OFFSET = 1 << 24;

    /** The drifted data of one run: what the job trains on and what both accuracies are measured on. */
    public record Drifted(LabelledImages train, LabelledImages test, Drift drift) {
    }

    public static TestbedData load(NetworkSpec network, int baseEpochs) throws IOException {
        return load(network, baseEpochs, null);
    }

    /**
     * @param announce told (one line) before a base model is trained, which takes minutes the first time; may be
     *                 null. Training in this process uses at most {@link #trainingThreads()} native threads.
     */
    public static TestbedData load(NetworkSpec network, int baseEpochs, java.io.PrintWriter announce)
            throws IOException {
        FashionMnist.Split split = FashionMnist.fullIfInstalledElseSubset();
        BaseModelCache.Outcome outcome = trained(split, network, baseEpochs, announce);
        return new TestbedData(split, outcome.network(), outcome.file());
    }

    /** The cached file of a model of {@code network} trained as the base model is (trained now if not cached). */
    public Path trainedModelFile(NetworkSpec network, int epochs, java.io.PrintWriter announce) throws IOException {
        return trained(original, network, epochs, announce).file();
    }

    private static BaseModelCache.Outcome trained(FashionMnist.Split split, NetworkSpec network, int epochs,
                                                  java.io.PrintWriter announce) throws IOException {
        // The base model learns from the first images of each class (exactly the shipped subset), so a first run
        // takes minutes on 2 cores whether or not the full set is installed; jobs draw from the whole set.
        LabelledImages baseTrain = split.train().count() <= BASE_IMAGES_PER_CLASS * split.train().classes()
                ? split.train()
                : FashionMnist.firstPerClass(split.train(), BASE_IMAGES_PER_CLASS, split.train().source() + ", base selection");
        BaseModelSettings settings = BaseModelSettings.of(network, UpdaterSpec.runnerDefault(), BASE_SEED, epochs,
                BASE_BATCH, baseTrain);
        BaseModelCache cache = new BaseModelCache(BaseModelCache.defaultDir());
        int threads = trainingThreads();
        return cache.getOrTrain(settings, baseTrain, () -> {
            io.deepedge.hw.train.Nd4jSetup.limitThreads(threads);
            if (announce != null) {
                announce.printf("training the base model %s on %d images, %d epochs, %d native thread%s (once; cached"
                        + " in %s)%n", network.describe(), baseTrain.count(), epochs, threads, threads == 1 ? "" : "s",
                        cache.dir());
                announce.flush();
            }
        });
    }

    /**
     * Native threads for training in the coordinator's process: {@code OMP_NUM_THREADS} when set, else one fewer
     * than the processors (at least one), so a first run leaves a core to whatever else runs on the machine.
     */
    public static int trainingThreads() {
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null) {
            try {
                int n = Integer.parseInt(env.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // not a count: the default below
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    public int availableTrainImages() {
        return original.train().count();
    }

    /**
     * The run's drifted data: the drift is seeded from the run seed (every policy of a replication sees the same
     * images), the job's {@code samples} images are a seeded random selection of the drifted training set.
     */
    public Drifted drifted(long runSeed, long samples) {
        if (samples > availableTrainImages()) {
            throw new IllegalArgumentException("training.samples (" + samples + ") exceeds the " + availableTrainImages()
                    + " training images of " + original.train().source());
        }
        Drift drift = Drift.standard(ArrivalSchedule.streamSeed(runSeed, "drift"));
        LabelledImages all = drift.apply(original.train(), 0);
        int[] order = Batches.shuffled(all.count(), ArrivalSchedule.streamSeed(runSeed, "job-samples"));
        int[] chosen = java.util.Arrays.copyOf(order, (int) samples);
        LabelledImages train = all.select(chosen, all.source() + " drifted, " + samples + " selected");
        LabelledImages test = drift.apply(original.test(), TEST_INDEX_OFFSET);
        return new Drifted(train, test, drift);
    }
}
