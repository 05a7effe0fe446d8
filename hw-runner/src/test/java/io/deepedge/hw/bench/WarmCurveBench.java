package io.deepedge.hw.bench;

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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a fresh agent's gradient time settles over its life (README "Hardware runner"): one real agent under a CPU
 * quota computes {@code bench.wcCalls} (240) gradients of LeNet at batch {@code bench.wcBatch} (16) back to back with
 * the job's parameters, and the bench prints, per block of {@code bench.wcBlock} (20) calls, the agent's process age,
 * the compute time's 10/50/90th percentile the agent reported and the median call time. Quota {@code bench.wcCpus} (0.15); the
 * agents' JVM options from {@code bench.jvm}. A curve that is still falling after the testbed's warm-up
 * ({@code AgentWarmUp}) means the runs measured first are slower than the later ones. With {@code bench.wcPreCalls}
 * above 0, that many untimed calls at batch {@code bench.wcPreBatch} (2) come first, as the warm-up makes them: whether
 * they warm the gradient at other batches.
 */
final class WarmCurveBench {
    private static final NetworkSpec MODEL = NetworkSpec.Cnn.LENET;
    private static final int SHARD_IMAGES = 640;

    private WarmCurveBench() {
    }

    static void run(AgentLauncher launcher) throws Exception {
        double cpus = Double.parseDouble(System.getProperty("bench.wcCpus", "0.15"));
        int batch = Integer.getInteger("bench.wcBatch", 16);
        int calls = Integer.getInteger("bench.wcCalls", 240);
        int block = Integer.getInteger("bench.wcBlock", 20);
        int preBatch = Integer.getInteger("bench.wcPreBatch", 2);
        int preCalls = Integer.getInteger("bench.wcPreCalls", 0);
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("bench-wc",
                List.of(new LocalCluster.Device("agent", cpus)), launcher));
             AgentClient agent = client(cluster)) {
            long bornNs = System.nanoTime();
            agent.hello("bench-wc");
            LabelledImages train = FashionMnist.subset().train().slice(0, SHARD_IMAGES);
            agent.loadShard(new ShardSpec("wc", ImageShard.FORMAT, SHARD_IMAGES, MODEL.describe(),
                    NetworkSpecs.configBytes(MODEL)), ImageShard.encode(train));
            float[] params = MODEL.build(28, 28, 10, 7, UpdaterSpec.runnerDefault()).params().toFloatVector();
            System.out.printf(Locale.ROOT, "warm curve: %.2f cpus (%s), LeNet batch %d, %d calls; load average %s%n",
                    cpus, cluster.quotas().mode(), batch, calls, TestbedBench.loadAverage());
            System.out.printf(Locale.ROOT, "%8s %10s %24s %16s%n", "calls", "age s", "compute p10/p50/p90 ms",
                    "call p50 ms");
            for (int i = 1; i <= preCalls; i++) { // an earlier warm-up at another batch, untimed
                agent.gradient(i, i, params, (i * preBatch) % (SHARD_IMAGES - preBatch), preBatch);
            }
            List<Double> compute = new ArrayList<>();
            List<Double> call = new ArrayList<>();
            for (int i = 1; i <= calls; i++) {
                int from = (i * batch) % (SHARD_IMAGES - batch);
                long start = System.nanoTime();
                GradientResult g = agent.gradient(preCalls + i, preCalls + i, params, from, batch);
                call.add((System.nanoTime() - start) / 1e6);
                compute.add(g.computeMs());
                if (i % block == 0) {
                    System.out.printf(Locale.ROOT, "%8d %10.1f %8.0f %7.0f %7.0f %16.1f%n", i,
                            (System.nanoTime() - bornNs) / 1e9, SyncBench.quantile(compute, 0.1),
                            SyncBench.quantile(compute, 0.5), SyncBench.quantile(compute, 0.9),
                            SyncBench.quantile(call, 0.5));
                    compute.clear();
                    call.clear();
                }
            }
        }
        System.out.println("load average after: " + TestbedBench.loadAverage());
    }

    private static AgentClient client(LocalCluster cluster) {
        LocalCluster.Agent a = cluster.agent("agent");
        return AgentClient.connect(a.host(), a.port(), cluster.token(), CallDeadlines.defaults(),
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
    }
}
