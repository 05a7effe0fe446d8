package io.deepedge.hw.local;

import io.deepedge.hw.cluster.LauncherPipe;
import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.train.Batches;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.Nd4jSetup;
import io.deepedge.hw.train.UpdaterSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The host-speed probe's process ({@link HostProbeProcess} starts it): after a warm-up, one LeNet training step on
 * the same {@link #BATCH} Fashion-MNIST images every {@code periodMs}, each timed by this thread's CPU clock and
 * written to standard output as one line (milliseconds). On one ND4J thread, so the thread's clock holds all of the
 * step's work. It stops when its standard input ends (the coordinator closed it or died).
 *
 * <p>Arguments: {@code periodMs} (the pause after each step).
 */
public final class HostProbeMain {
    /**
     * Images a step trains on: a median 41 ms of CPU on the testbed's machine (35.5-127 ms over 1,375 steps, 2026-12-05
     * 22:44), about 4 % of a core at one a second.
     */
    static final int BATCH = 16;
    /** Steps before the first line: the JIT's first passes, ND4J's allocations. */
    static final int WARM_STEPS = 100;

    private HostProbeMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: HostProbeMain PERIOD_MS");
            System.exit(2);
        }
        long periodMs = Long.parseLong(args[0]);
        LauncherPipe.onEnd(System.in, "stdin-eof", () -> Runtime.getRuntime().halt(0));
        Nd4jSetup.limitThreads(1);
        MultiLayerNetwork net = NetworkSpec.Cnn.LENET.build(28, 28, FashionMnist.CLASSES, 1, UpdaterSpec.runnerDefault());
        DataSet batch = Batches.of(FashionMnist.subset().train(), 0, BATCH);
        for (int i = 0; i < WARM_STEPS; i++) {
            net.fit(batch);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        PrintStream out = System.out;
        while (true) {
            long before = cpu.getCurrentThreadCpuTime();
            net.fit(batch);
            out.println((cpu.getCurrentThreadCpuTime() - before) / 1e6);
            out.flush();
            Thread.sleep(periodMs);
        }
    }
}
