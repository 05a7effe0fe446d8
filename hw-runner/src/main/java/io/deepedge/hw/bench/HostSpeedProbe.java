package io.deepedge.hw.bench;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.inference.InferenceService;
import io.deepedge.hw.train.UpdaterSpec;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.inference.InferenceService;
import io.deepedge.hw.train.UpdaterSpec;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The host's speed over time as the agents' request path sees it: chunks of batch-1 LeNet inferences
 * ({@link InferenceService}, 8 to a chunk), each timed by the thread's own CPU clock (so a wait for a core or a pause
 * is not counted, only how much a CPU second does), grouped into steps of wall time. On the testbed's 2-vCPU VM
 * memory-bound work ran at 0.29-1.14 of its median over one-second windows where cache-resident arithmetic moved by
 * 1-1.5 %, and the agents' model call moves with memory when the gaps between requests empty its caches (README "The
 * host's speed within a run"). Run it with nothing else on the machine (the tool's own agents would be part of what
 * it measures) and with {@code OMP_NUM_THREADS=1}, so that ND4J computes on the timed thread. Writes
 * {@code t_sec,speed} (speed relative to the median chunk; a step's speed is its chunks' work over their CPU time) to
 * {@code -Dbench.speedOut} (default host-speed.csv) through a temporary file renamed at the end;
 * {@code -Dbench.speedSec} (default 180), {@code -Dbench.speedStepSec} (default 0.5), {@code -Dbench.speedGapMs}
 * (default 0: requests back to back; else the mean of an exponential pause before each, as the agents' Poisson
 * arrivals leave them).
 */
public final class HostSpeedProbe {
    /** LeNet requests per chunk: 7-11 ms of CPU on the testbed's machine (0.9-1.3 ms a request). */
    private static final int REQUESTS_PER_CHUNK = 8;
    /** Requests served before anything is timed: the request path's JIT takes about a thousand to settle. */
    private static final int WARM_REQUESTS = 2000;

    private HostSpeedProbe() {
    }

    static void run() throws IOException {
        double sec = Double.parseDouble(System.getProperty("bench.speedSec", "180"));
        double stepSec = Double.parseDouble(System.getProperty("bench.speedStepSec", "0.5"));
        double gapMs = Double.parseDouble(System.getProperty("bench.speedGapMs", "0"));
        Path out = Path.of(System.getProperty("bench.speedOut", "host-speed.csv"));
        if (!(sec > 0) || !(stepSec > 0) || stepSec > sec || !(gapMs >= 0)) {
            System.err.println("hostspeed: bench.speedSec (" + sec + ") and bench.speedStepSec (" + stepSec
                    + ") must be positive with the step at most the length, bench.speedGapMs (" + gapMs
                    + ") 0 or more");
            System.exit(2);
        }
        InferenceService service = new InferenceService("lenet", HwBench.lenet(UpdaterSpec.runnerDefault()),
                FashionMnist.subset().test());
        long index = 0;
        while (index < WARM_REQUESTS) {
            service.serve(index++);
        }
        SplittableRandom gaps = new SplittableRandom(7);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<double[]> chunks = new ArrayList<>();
        long start = System.nanoTime();
        for (double startSec = 0; startSec < sec; startSec = (System.nanoTime() - start) / 1e9) {
            long c0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < REQUESTS_PER_CHUNK; i++) {
                if (gapMs > 0) {
                    LockSupport.parkNanos((long) (-Math.log(1 - gaps.nextDouble()) * gapMs * 1e6));
                }
                service.serve(index++);
            }
            chunks.add(new double[] {startSec, (cpu.getCurrentThreadCpuTime() - c0) / 1e9});
        }
        double[] cpuSec = chunks.stream().mapToDouble(c -> c[1]).toArray();
        double[] speeds = stepSpeeds(chunks.stream().mapToDouble(c -> c[0]).toArray(), cpuSec, stepSec);
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (Writer w = Files.newBufferedWriter(partial)) {
            w.write("t_sec,speed\n");
            for (int i = 0; i < speeds.length; i++) {
                w.write(String.format(Locale.ROOT, "%.3f,%.5f%n", i * stepSec, speeds[i]));
            }
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Arrays.sort(cpuSec);
        double[] sorted = speeds.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "host speed: %d chunks of %d LeNet requests (pauses of %.1f ms mean) in %.0f s "
                        + "(median %.2f ms CPU); %d steps of %.2f s, speed %.3f-%.3f (p10 %.3f, p90 %.3f); written "
                        + "to %s%n", chunks.size(), REQUESTS_PER_CHUNK, gapMs, sec,
                InferenceBench.quantile(cpuSec, 0.5) * 1e3, speeds.length, stepSec, sorted[0], sorted[sorted.length - 1],
                InferenceBench.quantile(sorted, 0.1), InferenceBench.quantile(sorted, 0.9), out);
    }

    /**
     * Each step's speed relative to the median chunk: the steps are {@code stepSec} of wall time from the first
     * chunk's start, a chunk belongs to the step it starts in, and a step's speed is its chunks' count over their CPU
     * time, times the median chunk's CPU time (equal chunks: the work over the CPU it took). The last, partial step
     * is dropped; a step without a chunk (the thread did not run for a whole step) takes the step before it.
     */
    static double[] stepSpeeds(double[] startSec, double[] cpuSec, double stepSec) {
        if (startSec.length != cpuSec.length || startSec.length == 0) {
            throw new IllegalArgumentException("one CPU time per chunk start, at least one chunk");
        }
        double[] sorted = cpuSec.clone();
        Arrays.sort(sorted);
        double medianCpu = InferenceBench.quantile(sorted, 0.5);
        int steps = (int) Math.floor(startSec[startSec.length - 1] / stepSec);
        double[] count = new double[steps];
        double[] cpu = new double[steps];
        for (int i = 0; i < startSec.length; i++) {
            int step = (int) Math.floor(startSec[i] / stepSec);
            if (step < steps) {
                count[step]++;
                cpu[step] += cpuSec[i];
            }
        }
        double[] speeds = new double[steps];
        for (int s = 0; s < steps; s++) {
            speeds[s] = count[s] > 0 ? count[s] * medianCpu / cpu[s] : s > 0 ? speeds[s - 1] : 1.0;
        }
        return speeds;
    }
}
