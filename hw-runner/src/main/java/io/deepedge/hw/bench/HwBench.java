package io.deepedge.hw.bench;

import io.deepedge.hw.data.Drift;
import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.train.Accuracy;
import io.deepedge.hw.train.BaseModelCache;
import io.deepedge.hw.train.BaseModelSettings;
import io.deepedge.hw.train.Batches;
import io.deepedge.hw.train.GradientComputer;
import io.deepedge.hw.train.LocalGradient;
import io.deepedge.hw.train.Nd4jSetup;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.ParameterServerStep;
import io.deepedge.hw.train.SynchronousRounds;
import io.deepedge.hw.train.UpdaterSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measurements of the hardware runner's building blocks on this machine (README, "Hardware runner"):
 * {@code throughput} (LeNet fit examples/s at batch 16 and 64), {@code equivalence} (synchronous round vs
 * single-process fit), {@code drift} (accuracy before and after the update job), {@code inference} (LC service
 * latency alone), {@code queue} (the worker and generator against M/D/1 with the calibration spin) and
 * {@code coldstart} (CPU per LC request after idle gaps) and {@code hostspeed} (the host's speed over time,
 * {@link HostSpeedProbe}); these three are not run by default. Run with
 * {@code OMP_NUM_THREADS=1}; see the README for the command line.
 */
public final class HwBench {
    static final long SEED = 42;

    private HwBench() {
    }

    public static void main(String[] args) throws Exception {
        Nd4jSetup.configure();
        List<String> what = args.length == 0 ? List.of("throughput", "equivalence", "drift", "inference") : List.of(args);
        System.out.println("OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", available processors "
                + Runtime.getRuntime().availableProcessors());
        for (String w : what) {
            switch (w) {
                case "throughput" -> throughput();
                case "equivalence" -> equivalence();
                case "drift" -> drift();
                case "inference" -> InferenceBench.run();
                case "queue" -> QueueBench.run();
                case "coldstart" -> ColdStartBench.run();
                case "hostspeed" -> HostSpeedProbe.run();
                default -> {
                    System.err.println("unknown benchmark " + w
                            + ", expected throughput, equivalence, drift, inference, queue, coldstart, hostspeed");
                    System.exit(2);
                }
            }
        }
    }

    /**
     * LeNet fit throughput: 5 warm-up minibatches, then 30 timed ones, per batch size. Also per CPU-second of the
     * calling thread (with one OpenMP thread ND4J computes on it), which a busy shared machine distorts less.
     */
    static void throughput() throws IOException {
        LabelledImages train = FashionMnist.subset().train();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int batch : new int[] {16, 64}) {
            MultiLayerNetwork net = lenet(UpdaterSpec.runnerDefault());
            int batches = 30;
            double[] ms = new double[batches];
            long cpuNanos = 0;
            for (int i = -5; i < batches; i++) {
                int from = Math.floorMod(i * batch, train.count() - batch);
                DataSet ds = Batches.of(train, from, from + batch);
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                net.fit(ds);
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    cpuNanos += cpu.getCurrentThreadCpuTime() - c0;
                }
            }
            Arrays.sort(ms);
            double median = ms[batches / 2];
            System.out.printf(Locale.ROOT, "throughput lenet batch %d: %.0f examples/s wall (median %.1f ms per batch, "
                            + "p90 %.1f ms), %.0f examples per CPU-second%n",
                    batch, batch * 1000 / median, median, ms[(int) (batches * 0.9)], batch * batches / (cpuNanos / 1e9));
        }
    }

    /** Max parameter difference of 10 synchronous rounds vs 10 fit steps, per updater and split. */
    static void equivalence() throws IOException {
        LabelledImages train = FashionMnist.subset().train();
        int rounds = 10;
        for (UpdaterSpec u : List.of(UpdaterSpec.runnerDefault(), UpdaterSpec.nesterovs(0.01, 0.9), UpdaterSpec.sgd(0.05))) {
            MultiLayerNetwork reference = lenet(u);
            for (int r = 0; r < rounds; r++) {
                reference.fit(Batches.of(train, r * 64, r * 64 + 64));
            }
            for (int[] split : new int[][] {{40, 24}, {11, 40, 13}}) {
                ParameterServerStep server = new ParameterServerStep(lenet(u));
                List<GradientComputer> agents = new ArrayList<>();
                for (int j = 0; j < split.length; j++) {
                    agents.add(new GradientComputer(lenet(u)));
                }
                for (int r = 0; r < rounds; r++) {
                    List<LocalGradient> parts = new ArrayList<>();
                    int from = r * 64;
                    for (int j = 0; j < split.length; j++) {
                        parts.add(agents.get(j).compute(server.params(), Batches.of(train, from, from + split[j])));
                        from += split[j];
                    }
                    server.apply(parts);
                }
                System.out.printf(Locale.ROOT, "equivalence %s split %s, %d rounds: max |param difference| %.2e%n",
                        u.describe(), Arrays.toString(split), rounds, maxAbsDiff(reference.params().toFloatVector(), server.params()));
            }
        }
    }

    /** The drift case study on the shipped subset (or the full set with -Dbench.full=true). */
    static void drift() throws IOException {
        FashionMnist.Split data = Boolean.getBoolean("bench.full") ? FashionMnist.installed(FashionMnist.INSTALLED_DIR)
                : FashionMnist.subset();
        int baseEpochs = Integer.getInteger("bench.baseEpochs", 3);
        int updateEpochs = Integer.getInteger("bench.updateEpochs", 2);
        Drift drift = Drift.standard(SEED);
        UpdaterSpec updater = UpdaterSpec.runnerDefault();
        BaseModelSettings settings = BaseModelSettings.of(NetworkSpec.Cnn.LENET, updater, SEED, baseEpochs, 64, data.train());
        long t0 = System.nanoTime();
        BaseModelCache.Outcome base = new BaseModelCache(BaseModelCache.defaultDir()).getOrTrain(settings, data.train());
        System.out.printf(Locale.ROOT, "drift: base model %s (%s, %.1f s)%n", base.file(),
                base.trainedNow() ? "trained now" : "from cache", (System.nanoTime() - t0) / 1e9);
        LabelledImages driftedTrain = drift.apply(data.train(), 0);
        LabelledImages driftedTest = drift.apply(data.test(), data.train().count());
        double originalAcc = Accuracy.of(base.network(), data.test());
        double before = Accuracy.of(base.network(), driftedTest);

        ParameterServerStep server = new ParameterServerStep(base.network().clone());
        List<GradientComputer> agents = List.of(new GradientComputer(lenet(updater)), new GradientComputer(lenet(updater)));
        int half = driftedTrain.count() * 40 / 64;
        List<SynchronousRounds.Shard> shards = List.of(new SynchronousRounds.Shard(driftedTrain.slice(0, half), 40),
                new SynchronousRounds.Shard(driftedTrain.slice(half, driftedTrain.count()), 24));
        SynchronousRounds rounds = new SynchronousRounds(server, agents);
        t0 = System.nanoTime();
        for (int e = 0; e < updateEpochs; e++) {
            SynchronousRounds.EpochOutcome o = rounds.epoch(shards, SEED + e);
            System.out.printf(Locale.ROOT, "drift: update epoch %d: %d rounds, %d examples, mean loss %.3f, drifted test accuracy %.3f%n",
                    e + 1, o.rounds(), o.examples(), o.meanLoss(), Accuracy.of(server.network(), driftedTest));
        }
        double updateSec = (System.nanoTime() - t0) / 1e9;
        double after = Accuracy.of(server.network(), driftedTest);
        System.out.printf(Locale.ROOT, "drift (%s; %s): base accuracy on original test %.3f; drifted test accuracy before %.3f, "
                        + "after %d update epochs %.3f (%.1f s); original test after %.3f%n",
                drift.describe(), data.train().source(), originalAcc, before, updateEpochs, after, updateSec,
                Accuracy.of(server.network(), data.test()));
    }

    static MultiLayerNetwork lenet(UpdaterSpec updater) {
        return NetworkSpec.Cnn.LENET.build(28, 28, FashionMnist.CLASSES, SEED, updater);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
