package io.deepedge.hw.bench;

import io.deepedge.hw.cgroup.CpuQuotas;
import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.hw.train.UpdaterSpec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Per-agent training throughput against a single-process DL4J baseline under the same CPU quota (README "Hardware
 * runner"). For each quota, one real agent ({@link BenchAgentMain}, DL4J shard of 640 images) and one baseline
 * process ({@link BaselineMain}) are started with the same JVM command line, the same thread settings and each in a
 * cgroup of that quota; then, alternately in rounds so load changes hit all of them: the agent's ComputeGradient of
 * batch 64 with fresh parameters each call (its reported compute time, and the call's wall time at the coordinator),
 * the baseline's gradient of the same batch with the same code in-process, and the baseline's {@code fit} of the
 * batch (Adam). Examples/s = 64 / median time. Properties: {@code bench.tpCpus} ("0.25,0.5,1.0"),
 * {@code bench.tpRounds} (8), {@code bench.tpReps} (5 per method and round).
 */
final class ThroughputBench {
    private static final NetworkSpec MODEL = NetworkSpec.Cnn.LENET;
    private static final int BATCH = 64;
    private static final int SHARD_IMAGES = 640;

    private ThroughputBench() {
    }

    static void run(AgentLauncher launcher) throws Exception {
        double[] quotas = Arrays.stream(System.getProperty("bench.tpCpus", "0.25,0.5,1.0").split(","))
                .mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        int rounds = Integer.getInteger("bench.tpRounds", 8);
        int reps = Integer.getInteger("bench.tpReps", 5);
        System.out.printf(Locale.ROOT, "throughput: LeNet batch %d, %d rounds x %d repetitions per method; load average"
                + " %s%n", BATCH, rounds, reps, TestbedBench.loadAverage());
        List<String> table = new ArrayList<>();
        for (double q : quotas) {
            table.add(quota(launcher, q, rounds, reps));
        }
        System.out.printf(Locale.ROOT, "%-6s | %-26s | %-26s | %-26s | %-26s | %s%n", "cpus",
                "agent compute ex/s (p50 ms)", "agent call ex/s (p50 ms)", "baseline grad ex/s (p50)",
                "baseline fit ex/s (p50)", "agent compute ex/s / baseline grad, fit");
        table.forEach(System.out::println);
        System.out.println("load average after: " + TestbedBench.loadAverage());
    }

    private static String quota(AgentLauncher launcher, double cpus, int rounds, int reps) throws Exception {
        List<Double> agentCompute = new ArrayList<>();
        List<Double> agentCall = new ArrayList<>();
        List<Double> baseGrad = new ArrayList<>();
        List<Double> baseFit = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("bench-tp",
                List.of(new LocalCluster.Device("agent", cpus)), launcher));
             CpuQuotas quotas = CpuQuotas.open("bench-tp-base");
             Baseline base = Baseline.start(launcher, quotas, cpus, cluster.workDir());
             AgentClient agent = client(cluster)) {
            System.out.printf(Locale.ROOT, "%.2f cpus: agent and baseline quotas enforced by %s / %s%n", cpus,
                    cluster.quotas().mode(), quotas.mode());
            agent.hello("bench-tp");
            LabelledImages train = FashionMnist.subset().train().slice(0, SHARD_IMAGES);
            agent.loadShard(new ShardSpec("tp", ImageShard.FORMAT, SHARD_IMAGES, MODEL.describe(),
                    NetworkSpecs.configBytes(MODEL)), ImageShard.encode(train));
            float[] params = MODEL.build(28, 28, 10, 7, UpdaterSpec.runnerDefault()).params().toFloatVector();
            long[] iteration = {0};
            // warm-up: JIT, ND4J workspaces, and the start-up slowness under a quota (BUILD-NOTES)
            agentCalls(agent, params, iteration, 3, new ArrayList<>(), new ArrayList<>());
            base.times("grad", 3);
            base.times("fit", 3);
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 3; k++) {
                    switch ((r + k) % 3) {
                        case 0 -> agentCalls(agent, params, iteration, reps, agentCompute, agentCall);
                        case 1 -> baseGrad.addAll(base.times("grad", reps));
                        default -> baseFit.addAll(base.times("fit", reps));
                    }
                }
            }
        }
        double compute = SyncBench.quantile(agentCompute, 0.5);
        double grad = SyncBench.quantile(baseGrad, 0.5);
        double fit = SyncBench.quantile(baseFit, 0.5);
        return String.format(Locale.ROOT, "%-6.2f | %-26s | %-26s | %-26s | %-26s | %.2f, %.2f", cpus, cell(agentCompute),
                cell(agentCall), cell(baseGrad), cell(baseFit), grad / compute, fit / compute);
    }

    private static String cell(List<Double> ms) {
        double p50 = SyncBench.quantile(ms, 0.5);
        return String.format(Locale.ROOT, "%.1f (%.0f, p90 %.0f)", BATCH / (p50 / 1000), p50, SyncBench.quantile(ms, 0.9));
    }

    private static void agentCalls(AgentClient agent, float[] params, long[] iteration, int reps, List<Double> compute,
                                   List<Double> call) throws Exception {
        for (int i = 0; i < reps; i++) {
            long it = ++iteration[0];
            int from = (int) ((it * BATCH) % (SHARD_IMAGES - BATCH));
            long start = System.nanoTime();
            GradientResult g = agent.gradient(it, it, params, from, BATCH);
            call.add((System.nanoTime() - start) / 1e6);
            compute.add(g.computeMs());
        }
    }

    private static AgentClient client(LocalCluster cluster) {
        LocalCluster.Agent a = cluster.agent("agent");
        return AgentClient.connect(a.host(), a.port(), cluster.token(), CallDeadlines.defaults(),
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
    }

    /** The baseline process: launched with the agents' command line, in its own group of the same quota. */
    private static final class Baseline implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;

        private Baseline(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        static Baseline start(AgentLauncher agentLauncher, CpuQuotas quotas, double cpus, Path dir) throws Exception {
            CpuQuotas.Group group = quotas.create("baseline", cpus);
            // the agents' own command line with the baseline's main: same JVM, options, properties and class path
            List<String> command = new ArrayList<>(agentLauncher.command(new AgentLauncher.Launch("baseline", cpus,
                    dir.resolve("unused-token"), dir.resolve("unused-port"), Optional.empty())));
            int main = command.indexOf(BenchAgentMain.class.getName());
            command.set(main, BaselineMain.class.getName());
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putAll(CpuQuotas.threadEnvironment(cpus));
            Process p = pb.start();
            quotas.moveIn(group, p.pid());
            Baseline b = new Baseline(p);
            b.in.println("ready");
            String line = b.out.readLine();
            if (!"ready".equals(line)) {
                b.close();
                throw new IllegalStateException("baseline did not start: " + line);
            }
            return b;
        }

        List<Double> times(String what, int reps) throws Exception {
            in.println(what + " " + BATCH + " " + reps);
            String line = out.readLine();
            if (line == null || line.startsWith("error")) {
                throw new IllegalStateException("baseline: " + line);
            }
            return Arrays.stream(line.trim().split(" ")).map(Double::valueOf).toList();
        }

        @Override
        public void close() throws Exception {
            in.close();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
