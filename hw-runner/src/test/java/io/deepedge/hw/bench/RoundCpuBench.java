package io.deepedge.hw.bench;

import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.UpdaterSpec;
import org.apache.commons.math3.stat.regression.SimpleRegression;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a synchronous round costs an agent in CPU, beside its wall time (README "A round's own work in CPU"): one
 * real agent per quota answers gradient calls back to back, as the coordinator's rounds and the profiler's
 * round-overhead probe make them (fresh parameters in every call), at several local batches; the agent's process CPU
 * over each block of calls, less its idle CPU, is split by least squares into a part per call and a part per sample,
 * and set against the twin's reading of the same calls: the compute's and the rest's wall time, each times the
 * quota. Properties: {@code bench.rcCpus} ("0.15,0.3,0.6"), {@code bench.rcBatches} ("8,16,32,64"),
 * {@code bench.rcRounds} (4), {@code bench.rcCalls} (8 per block).
 */
final class RoundCpuBench {
    private static final NetworkSpec MODEL = NetworkSpec.Cnn.LENET;
    private static final int SHARD_IMAGES = 640;
    private static final int WARM_CALLS = 40;
    private static final long IDLE_MS = 4000;

    private RoundCpuBench() {
    }

    static void run(AgentLauncher launcher) throws Exception {
        double[] quotas = list("bench.rcCpus", "0.15,0.3,0.6");
        int[] batches = Arrays.stream(list("bench.rcBatches", "8,16,32,64")).mapToInt(d -> (int) d).toArray();
        int rounds = Integer.getInteger("bench.rcRounds", 4);
        int calls = Integer.getInteger("bench.rcCalls", 8);
        System.out.printf(Locale.ROOT, "round CPU: LeNet gradient calls with fresh parameters, batches %s, %d rounds x"
                + " %d calls per batch; load average %s%n", Arrays.toString(batches), rounds, calls,
                TestbedBench.loadAverage());
        for (double cpus : quotas) {
            quota(launcher, cpus, batches, rounds, calls);
        }
        System.out.println("load average after: " + TestbedBench.loadAverage());
    }

    private static double[] list(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(","))
                .mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }

    private static void quota(AgentLauncher launcher, double cpus, int[] batches, int rounds, int calls)
            throws Exception {
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("bench-rc",
                List.of(new LocalCluster.Device("agent", cpus)), launcher));
             AgentClient agent = TestbedBench.client(cluster, "agent")) {
            TestbedBench.loadShard(agent, SHARD_IMAGES);
            float[] params = MODEL.build(28, 28, 10, 7, UpdaterSpec.runnerDefault()).params().toFloatVector();
            long[] iteration = {0};
            block(agent, params, iteration, batches[0], WARM_CALLS);  // the JIT's first passes (BUILD-NOTES)
            agent.metrics();
            Thread.sleep(IDLE_MS);
            MetricsSnapshot idle = agent.metrics();
            double idleCores = idle.getProcessCpuCores();
            // per block: batch, calls, CPU ms beyond idle, mean wall ms, mean compute ms
            List<double[]> blocks = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < batches.length; k++) {
                    int b = batches[(r + k) % batches.length];  // rotated, so a drift of the machine hits all
                    agent.metrics();
                    double[] times = block(agent, params, iteration, b, calls);
                    MetricsSnapshot m = agent.metrics();
                    double windowMs = m.getWindowEndUnixMs() - m.getWindowStartUnixMs();
                    double cpuMs = (m.getProcessCpuCores() - idleCores) * windowMs;
                    blocks.add(new double[] {b, calls, cpuMs, times[0], times[1]});
                }
            }
            report(cpus, cluster.quotas().mode().toString(), idleCores, batches, blocks);
        }
    }

    /** {@code n} gradient calls of {@code batch} samples back to back: mean wall and mean compute (ms). */
    private static double[] block(AgentClient agent, float[] params, long[] iteration, int batch, int n)
            throws Exception {
        double wall = 0;
        double compute = 0;
        for (int i = 0; i < n; i++) {
            long it = ++iteration[0];
            int from = (int) ((it * batch) % (SHARD_IMAGES - batch));
            long start = System.nanoTime();
            GradientResult g = agent.gradient(it, it, params, from, batch);
            wall += (System.nanoTime() - start) / 1e6;
            compute += g.computeMs();
        }
        return new double[] {wall / n, compute / n};
    }

    private static void report(double cpus, String mode, double idleCores, int[] batches, List<double[]> blocks) {
        // least squares of CPU per call on batch: cpu = perCall + perSample x batch
        SimpleRegression fit = new SimpleRegression();
        for (double[] b : blocks) {
            fit.addData(b[0], b[2] / b[1]);
        }
        double perSample = fit.getSlope();
        double perCall = fit.getIntercept();
        System.out.printf(Locale.ROOT, "%.2f cpus (%s), idle agent %.4f cores:%n", cpus, mode, idleCores);
        System.out.printf(Locale.ROOT, "  %-6s %14s %12s %15s %22s %16s%n", "batch", "CPU/call (ms)", "wall (ms)",
                "compute (ms)", "wall - compute (ms)", "wall x cpus (ms)");
        for (int b : batches) {
            double cpu = 0;
            double wall = 0;
            double compute = 0;
            int k = 0;
            for (double[] x : blocks) {
                if (x[0] == b) {
                    cpu += x[2] / x[1];
                    wall += x[3];
                    compute += x[4];
                    k++;
                }
            }
            // the twin's reading: the compute's and the rest's wall time, each spent at the quota's rate
            System.out.printf(Locale.ROOT, "  %-6d %14.2f %12.1f %15.1f %22.1f %16.2f%n", b, cpu / k, wall / k,
                    compute / k, (wall - compute) / k, wall / k * cpus);
        }
        double overheadWallMs = 0;
        int k = 0;
        for (double[] x : blocks) {
            if (x[0] == batches[0]) {
                overheadWallMs += x[3] - x[4];
                k++;
            }
        }
        overheadWallMs /= k;
        System.out.printf(Locale.ROOT, "  fit: %.2f ms of CPU per call + %.3f ms per sample; the probe's way (wall beyond"
                + " compute at batch %d x cpus): %.2f ms per call%n", perCall, perSample, batches[0],
                overheadWallMs * cpus);
    }
}
