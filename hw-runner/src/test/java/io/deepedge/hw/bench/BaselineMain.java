package io.deepedge.hw.bench;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.train.Batches;
import io.deepedge.hw.train.GradientComputer;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.Nd4jSetup;
import io.deepedge.hw.train.UpdaterSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The single-process DL4J baseline of {@link ThroughputBench}, a child process under the same quota as the agent:
 * reads {@code grad B R} or {@code fit B R} lines on stdin and answers with R times in ms, one batch of B images
 * each: {@code grad} is the agent's computation ({@link GradientComputer}, images to arrays included) without gRPC,
 * {@code fit} is DL4J's own training step (Adam). Ignores the launcher's agent options; stops at stdin's end.
 */
public final class BaselineMain {
    private static final int IMAGES = 640;

    private BaselineMain() {
    }

    public static void main(String[] args) throws Exception {
        Nd4jSetup.configure();
        String omp = System.getenv("OMP_NUM_THREADS");
        Nd4jSetup.limitThreads(omp == null ? 1 : Integer.parseInt(omp.trim()));
        LabelledImages images = FashionMnist.subset().train().slice(0, IMAGES);
        MultiLayerNetwork fitNet = NetworkSpec.Cnn.LENET.build(28, 28, 10, 7, UpdaterSpec.runnerDefault());
        MultiLayerNetwork gradNet = NetworkSpec.Cnn.LENET.build(28, 28, 10, 1, UpdaterSpec.sgd(1));
        GradientComputer computer = new GradientComputer(gradNet);
        float[] params = fitNet.params().toFloatVector();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long position = 0;
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split(" ");
            if (w[0].equals("ready")) {
                System.out.println("ready");
                continue;
            }
            int batch = Integer.parseInt(w[1]);
            int reps = Integer.parseInt(w[2]);
            StringJoiner times = new StringJoiner(" ");
            for (int r = 0; r < reps; r++) {
                int from = (int) ((++position * batch) % (IMAGES - batch));
                long start = System.nanoTime();
                if (w[0].equals("fit")) {
                    DataSet d = Batches.of(images, from, from + batch);
                    fitNet.fit(d);
                } else {
                    computer.compute(params, Batches.of(images, from, from + batch));
                }
                times.add(String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e6));
            }
            System.out.println(times);
        }
    }
}
