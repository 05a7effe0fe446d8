package io.deepedge.hw.bench;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.inference.InferenceService;
import io.deepedge.hw.train.UpdaterSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one LC request costs after the service has been idle: batch-1 LeNet inferences on one thread, each after a
 * fixed sleep (0 = back to back), timed by the thread's own CPU clock so that neither the sleep nor any wait for a
 * core is counted. A request that finds the caches, branch predictors and the core's state left by other work pays
 * more CPU than one that follows another request: the simulator's service times are drawn independently of that.
 * {@code -Dbench.coldGapsMs} (default 0,1,2,5,10,20,50,100,200), {@code -Dbench.coldRequests} per gap (default
 * 200) and {@code -Dbench.coldRounds} passes over the gaps (default 2).
 */
final class ColdStartBench {
    private ColdStartBench() {
    }

    static void run() throws java.io.IOException, InterruptedException {
        long[] gapsMs = Arrays.stream(System.getProperty("bench.coldGapsMs", "0,1,2,5,10,20,50,100,200").split(","))
                .mapToLong(g -> Long.parseLong(g.trim())).toArray();
        int requests = Integer.parseInt(System.getProperty("bench.coldRequests", "200"));
        int rounds = Integer.parseInt(System.getProperty("bench.coldRounds", "2"));
        LabelledImages images = FashionMnist.subset().test();
        InferenceService service = new InferenceService("lenet", HwBench.lenet(UpdaterSpec.runnerDefault()), images);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long index = 0;
        for (int i = 0; i < 2000; i++) {
            service.serve(index++); // compile and warm the path before anything is timed
        }
        for (int round = 1; round <= rounds; round++) {
            for (long gapMs : gapsMs) {
                double[] cpuMs = new double[requests];
                for (int k = 0; k < requests; k++) {
                    if (gapMs > 0) {
                        Thread.sleep(gapMs);
                    }
                    long before = cpu.getCurrentThreadCpuTime();
                    service.serve(index++);
                    cpuMs[k] = (cpu.getCurrentThreadCpuTime() - before) / 1e6;
                }
                double mean = Arrays.stream(cpuMs).average().orElseThrow();
                Arrays.sort(cpuMs);
                System.out.printf(Locale.ROOT, "cold start: round %d, idle %d ms before each of %d requests: CPU per "
                                + "request p50 %.3f ms, mean %.3f ms, p90 %.3f ms%n", round, gapMs, requests,
                        InferenceBench.quantile(cpuMs, 0.5), mean, InferenceBench.quantile(cpuMs, 0.9));
            }
        }
    }
}
