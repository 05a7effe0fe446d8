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

/**
 * The host's speed over time: equal chunks of work, each timed by the thread's own CPU clock (so a wait for a core
 * is not counted, only how much a CPU second does), grouped into steps of wall time. The work is the agents' own
 * request path by default ({@code -Dbench.speedWork=lenet}: batch-1 LeNet inferences, {@link InferenceService}, 8 to
 * a chunk), or dependent random reads over an array larger than the cache ({@code memory}, {@code -Dbench.speedMiB},
 * default 24): on the testbed's 2-vCPU VM memory-bound work ran at 0.29-1.14 of its median over one-second windows,
 * in episodes of one to forty seconds, where cache-resident arithmetic moved by 1-1.5 % (README "The host's speed
 * within a run"), so what a series shows depends on the work, and the agents' is the one the twin needs. Run it
 * with nothing else on the machine (the tool's own agents would be part of what it measures) and with
 * {@code OMP_NUM_THREADS=1}, so that ND4J computes on the timed thread. Writes {@code t_sec,speed} (speed relative
 * to the median chunk; a step's speed is its chunks' work over their CPU time) to {@code -Dbench.speedOut} (default
 * host-speed.csv) through a temporary file renamed at the end; {@code -Dbench.speedSec} (default 180),
 * {@code -Dbench.speedStepSec} (default 0.5), {@code -Dbench.speedGapMs} (default 0: requests back to back; else
 * the mean of an exponential pause before each, as the agents' Poisson arrivals leave them).
 */
public final class HostSpeedProbe {
    /** Reads per chunk: about 2-9 ms of CPU on the testbed's machine at 24 MiB (L3 or DRAM latency per read). */
    private static final int READS_PER_CHUNK = 100_000;
    /** LeNet requests per chunk: about 10 ms of CPU (1.2-1.4 ms a request on the testbed's machine). */
    private static final int REQUESTS_PER_CHUNK = 8;

    /** A chunk of the probe's work; returns something the work computed (so none of it is optimised away). */
    private interface Work {
        long chunk(long seed);
    }

    private HostSpeedProbe() {
    }

    static void run() throws IOException {
        double sec = Double.parseDouble(System.getProperty("bench.speedSec", "180"));
        double stepSec = Double.parseDouble(System.getProperty("bench.speedStepSec", "0.5"));
        int mib = Integer.parseInt(System.getProperty("bench.speedMiB", "24"));
        String kind = System.getProperty("bench.speedWork", "lenet");
        Path out = Path.of(System.getProperty("bench.speedOut", "host-speed.csv"));
        if (!(sec > 0) || !(stepSec > 0) || stepSec > sec || mib < 1 || !List.of("lenet", "memory").contains(kind)) {
            System.err.println("hostspeed: bench.speedSec (" + sec + ") and bench.speedStepSec (" + stepSec
                    + ") must be positive with the step at most the length, bench.speedMiB (" + mib + ") at least 1, "
                    + "bench.speedWork (" + kind + ") lenet or memory");
            System.exit(2);
        }
        double gapMs = Double.parseDouble(System.getProperty("bench.speedGapMs", "0"));
        if (!(gapMs >= 0)) {
            System.err.println("hostspeed: bench.speedGapMs (" + gapMs + ") must be 0 or more");
            System.exit(2);
        }
        Work work = kind.equals("memory") ? memory(mib) : lenet(gapMs);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<double[]> chunks = new ArrayList<>();
        long sink = 0;
        long start = System.nanoTime();
        while (true) {
            double startSec = (System.nanoTime() - start) / 1e9;
            if (startSec >= sec) {
                break;
            }
            long c0 = cpu.getCurrentThreadCpuTime();
            sink += work.chunk(sink);
            chunks.add(new double[] {startSec, (cpu.getCurrentThreadCpuTime() - c0) / 1e9});
        }
        double[] starts = chunks.stream().mapToDouble(c -> c[0]).toArray();
        double[] cpuSec = chunks.stream().mapToDouble(c -> c[1]).toArray();
        double[] speeds = stepSpeeds(starts, cpuSec, stepSec);
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (Writer w = Files.newBufferedWriter(partial)) {
            w.write("t_sec,speed\n");
            for (int i = 0; i < speeds.length; i++) {
                w.write(String.format(Locale.ROOT, "%.3f,%.5f%n", i * stepSec, speeds[i]));
            }
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        double[] sorted = speeds.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "host speed: %d chunks of %s in %.0f s (median %.2f ms CPU); "
                        + "%d steps of %.2f s, speed %.3f-%.3f (p10 %.3f, p90 %.3f); written to %s (checksum %d)%n",
                chunks.size(), kind.equals("memory") ? READS_PER_CHUNK + " reads over " + mib + " MiB"
                        : REQUESTS_PER_CHUNK + " LeNet requests", sec, median(cpuSec) * 1e3, speeds.length, stepSec,
                sorted[0],
                sorted[sorted.length - 1], sorted[(int) (0.1 * (sorted.length - 1))],
                sorted[(int) (0.9 * (sorted.length - 1))], out, sink);
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
        double medianCpu = median(cpuSec);
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

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Work memory(int mib) {
        long[] next = chain(mib * 1024 * 1024 / Long.BYTES);
        return seed -> walk(next, seed & (next.length - 1), READS_PER_CHUNK);
    }

    /**
     * The agents' request path, warmed up first (2,000 requests: compiled before anything is timed); with
     * {@code gapMs} > 0 each request after an exponential pause of that mean (seeded), as Poisson arrivals leave a
     * service between requests: a request that finds its caches emptied goes to memory. The pauses are not timed (the
     * thread's CPU clock stops while it sleeps).
     */
    private static Work lenet(double gapMs) throws IOException {
        LabelledImages images = FashionMnist.subset().test();
        InferenceService service = new InferenceService("lenet", HwBench.lenet(UpdaterSpec.runnerDefault()), images);
        long[] index = {0};
        for (int i = 0; i < 2000; i++) {
            service.serve(index[0]++);
        }
        java.util.SplittableRandom gaps = new java.util.SplittableRandom(7);
        return seed -> {
            for (int i = 0; i < REQUESTS_PER_CHUNK; i++) {
                if (gapMs > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(
                            (long) (-Math.log(1 - gaps.nextDouble()) * gapMs * 1e6));
                }
                service.serve(index[0]++);
            }
            return index[0];
        };
    }

    /** A single cycle through {@code length} (a power of two) slots in random order: each read depends on the last. */
    private static long[] chain(int length) {
        int n = Integer.highestOneBit(length);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long[] next = new long[n];
        for (int i = 0; i < n; i++) {
            next[order[i]] = order[(i + 1) % n];
        }
        return next;
    }

    private static long walk(long[] next, long from, int reads) {
        long at = from;
        for (int i = 0; i < reads; i++) {
            at = next[(int) at];
        }
        return at;
    }
}
