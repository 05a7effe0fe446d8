package io.deepedge.hw.bench;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.Channels;
import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.TokenCredentials;
import io.deepedge.hw.rpc.v1.AgentServiceGrpc;
import io.deepedge.hw.rpc.v1.FloatVector;
import io.deepedge.hw.rpc.v1.GradientReply;
import io.deepedge.hw.rpc.v1.GradientRequest;
import io.deepedge.hw.train.LocalGradient;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.hw.train.ParameterServerStep;
import io.deepedge.hw.train.UpdaterSpec;
import io.deepedge.models.Plan;
import io.grpc.ManagedChannel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A synchronisation round against the bare gRPC transfers of the same bytes, for LeNet (431,080 floats), with real
 * agent processes on 127.0.0.1 under their CPU quotas (README "Hardware runner", "Measured: a synchronisation
 * round"). Measured alternately (ABBA) in blocks, so a load change on the shared machine hits both:
 * <ul>
 *   <li><b>bare</b>: every agent at once gets one ComputeGradient message holding the parameters as bytes encoded
 *   once beforehand, and answers with the gradient's bytes, which are not decoded; the agents hold a worker that
 *   does no arithmetic ({@link BenchAgentMain}). The agent's own copy of the bytes into floats and back is in it
 *   (the protocol's part of a transfer).</li>
 *   <li><b>round</b>: the coordinator's round on the same agents and worker, as the coordinator's {@code Rounds} carries it out
 *   carries it out: {@link ParameterServerStep#params()}, one {@link AgentClient#gradient} per agent on a fixed
 *   pool (float encoding, decoding, checks), the sum and one Adam step ({@link ParameterServerStep#apply}).</li>
 *   <li><b>real round</b> (between blocks, the agents then hold a LeNet shard): the same round with real DL4J
 *   gradients of the global batch split as the plan splits it; the synchronisation is the round's wall time minus
 *   the largest compute time an agent reported (the agents compute in parallel).</li>
 * </ul>
 * Properties: {@code bench.syncCpus} (the agents' quotas, "1.0,0.5,0.25" as in testbed-local.yaml),
 * {@code bench.syncBlocks} (20), {@code bench.syncPerBlock} (10), {@code bench.syncReal} (true).
 */
final class SyncBench {
    private static final NetworkSpec MODEL = NetworkSpec.Cnn.LENET;
    private static final int GLOBAL_BATCH = 64;
    private static final int SHARD_IMAGES = 640;

    private SyncBench() {
    }

    /** One agent: a channel shared by the coordinator's client and the bare stub. */
    private record Peer(String name, ManagedChannel channel, AgentClient client,
                        AgentServiceGrpc.AgentServiceBlockingStub raw, int batch) {
    }

    /** One round's times (ms): all of it, the calls part, the server step, and the agents' compute. */
    private record RoundTimes(double wallMs, double callsMs, double stepMs, double maxComputeMs) {
    }

    static void run(AgentLauncher launcher) throws Exception {
        double[] cpus = Arrays.stream(System.getProperty("bench.syncCpus", "1.0,0.5,0.25").split(","))
                .mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        int blocks = Integer.getInteger("bench.syncBlocks", 20);
        int perBlock = Integer.getInteger("bench.syncPerBlock", 10);
        boolean real = Boolean.parseBoolean(System.getProperty("bench.syncReal", "true"));
        List<LocalCluster.Device> devices = new ArrayList<>();
        for (int i = 0; i < cpus.length; i++) {
            devices.add(new LocalCluster.Device("a" + i, cpus[i]));
        }
        MultiLayerNetwork net = MODEL.build(28, 28, 10, 7, UpdaterSpec.runnerDefault());
        int n = Math.toIntExact(net.numParams());
        ParameterServerStep server = new ParameterServerStep(net);
        LabelledImages train = FashionMnist.subset().train();
        System.out.printf(Locale.ROOT, "sync: LeNet %d floats (%.2f MB), %d agents %s, global batch %d; %d blocks of %d"
                + " A/B pairs; load average %s%n", n, 4.0 * n / 1e6, cpus.length, Arrays.toString(cpus), GLOBAL_BATCH,
                blocks, perBlock, TestbedBench.loadAverage());
        ExecutorService pool = Executors.newFixedThreadPool(cpus.length);
        List<Peer> peers = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("bench-sync", devices, launcher))) {
            System.out.println("quotas enforced by " + cluster.quotas().mode());
            for (int i = 0; i < devices.size(); i++) {
                LocalCluster.Agent a = cluster.agent(devices.get(i).name());
                ManagedChannel ch = Channels.plaintext(a.host(), a.port(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
                AgentClient client = AgentClient.over(ch, a.name(), cluster.token(), CallDeadlines.defaults());
                client.hello("bench-sync");
                peers.add(new Peer(a.name(), ch, client, AgentServiceGrpc.newBlockingStub(ch)
                        .withCallCredentials(new TokenCredentials(cluster.token())),
                        (int) Plan.localBatch(GLOBAL_BATCH, cpus.length, i)));
            }
            measure(peers, server, pool, train, n, blocks, perBlock, real);
        } finally {
            pool.shutdownNow();
            peers.forEach(p -> Channels.close(p.channel()));
        }
        inProcess(server, n, peers.size());
        System.out.println("load average after: " + TestbedBench.loadAverage());
    }

    private static void measure(List<Peer> peers, ParameterServerStep server, ExecutorService pool,
                                LabelledImages train, int n, int blocks, int perBlock, boolean real) throws Exception {
        FloatVector encoded = FloatCodec.encode(server.params());
        List<Double> bare = new ArrayList<>();
        List<Double> round = new ArrayList<>();
        List<Double> pairRatio = new ArrayList<>();
        List<RoundTimes> rounds = new ArrayList<>();
        List<RoundTimes> realRounds = new ArrayList<>();
        long iteration = 0;
        loadZero(peers, n);
        for (int w = 0; w < 20; w++) { // warm-up: JIT on both sides, channels, pools
            bare(peers, pool, encoded, ++iteration, n);
            round(peers, server, pool, ++iteration, i -> 0);
        }
        for (int b = 0; b < blocks; b++) {
            if (b > 0 && real) {
                loadZero(peers, n);
            }
            for (int i = 0; i < perBlock; i++) {
                double x;
                RoundTimes y;
                if (i % 2 == 0) {
                    x = bare(peers, pool, encoded, ++iteration, n);
                    y = round(peers, server, pool, ++iteration, j -> 0);
                } else {
                    y = round(peers, server, pool, ++iteration, j -> 0);
                    x = bare(peers, pool, encoded, ++iteration, n);
                }
                bare.add(x);
                round.add(y.wallMs());
                rounds.add(y);
                pairRatio.add(y.wallMs() / x);
            }
            if (real) {
                loadReal(peers, train, b);
                long first = iteration;
                for (int i = 0; i < perBlock + 1; i++) {
                    long r = ++iteration;
                    RoundTimes t = round(peers, server, pool, r, j -> (int) (((r - first) * peers.get(j).batch())
                            % (SHARD_IMAGES - peers.get(j).batch())));
                    if (i > 0) { // the first gradient on a fresh network pays for its workspaces
                        realRounds.add(t);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-66s %9s %9s %9s%n", "what (ms)", "p50", "p90", "min");
        row("(b) bare: push + pull of " + n + " floats to every agent at once", bare);
        row("(a) round, zero-compute agents (coordinator path + Adam step)", round);
        row("      of which the calls (encode, RPCs, decode)", rounds.stream().map(RoundTimes::callsMs).toList());
        row("      of which the server step (sum, Adam, params copy)", rounds.stream().map(RoundTimes::stepMs).toList());
        row("(a) / (b) per A/B pair", pairRatio);
        if (real) {
            row("(a') real LeNet round, wall", realRounds.stream().map(RoundTimes::wallMs).toList());
            row("      largest compute an agent reported", realRounds.stream().map(RoundTimes::maxComputeMs).toList());
            row("(a') real round minus the largest compute (synchronisation)",
                    realRounds.stream().map(t -> t.wallMs() - t.maxComputeMs()).toList());
        }
        System.out.printf(Locale.ROOT, "ratio of medians (a)/(b) = %.2f, of p90s = %.2f%s (target <= 1.5); load average %s%n",
                quantile(round, 0.5) / quantile(bare, 0.5), quantile(round, 0.9) / quantile(bare, 0.9),
                real ? String.format(Locale.ROOT, "; real round: median sync / median bare = %.2f",
                        quantile(realRounds.stream().map(t -> t.wallMs() - t.maxComputeMs()).toList(), 0.5)
                                / quantile(bare, 0.5)) : "",
                TestbedBench.loadAverage());
    }

    /** The coordinator's round, as the coordinator's Rounds carries it out; {@code from} gives each agent's position. */
    private static RoundTimes round(List<Peer> peers, ParameterServerStep server, ExecutorService pool, long round,
                                    java.util.function.IntUnaryOperator from) throws Exception {
        long start = System.nanoTime();
        float[] params = server.params();
        List<Future<GradientResult>> calls = new ArrayList<>();
        for (int j = 0; j < peers.size(); j++) {
            Peer p = peers.get(j);
            int at = from.applyAsInt(j);
            calls.add(pool.submit(() -> p.client().gradient(round, round + 1, params, at, p.batch())));
        }
        List<LocalGradient> parts = new ArrayList<>();
        double maxCompute = 0;
        for (Future<GradientResult> call : calls) {
            GradientResult g = call.get();
            parts.add(new LocalGradient(g.gradientSum(), g.sampleCount(), g.lossSum() / g.sampleCount()));
            maxCompute = Math.max(maxCompute, g.computeMs());
        }
        long replies = System.nanoTime();
        server.apply(parts);
        long end = System.nanoTime();
        return new RoundTimes((end - start) / 1e6, (replies - start) / 1e6, (end - replies) / 1e6, maxCompute);
    }

    /** The same bytes moved and nothing else: pre-encoded parameters out, gradient bytes back, not decoded. */
    private static double bare(List<Peer> peers, ExecutorService pool, FloatVector params, long iteration, int n)
            throws Exception {
        long start = System.nanoTime();
        List<Future<GradientReply>> calls = new ArrayList<>();
        for (Peer p : peers) {
            GradientRequest request = GradientRequest.newBuilder().setIteration(iteration).setParamsVersion(iteration)
                    .setParams(params).setFromSample(0).setSampleCount(p.batch()).build();
            calls.add(pool.submit(() -> p.raw().withDeadlineAfter(30, TimeUnit.SECONDS).computeGradient(request)));
        }
        for (Future<GradientReply> call : calls) {
            if (call.get().getGradientSum().getDataLe().size() != 4L * n) {
                throw new IllegalStateException("a reply without the gradient's bytes");
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static void loadZero(List<Peer> peers, int n) throws Exception {
        for (Peer p : peers) {
            p.client().loadShard(BenchAgentMain.zeroSpec("zero-" + p.name(), SHARD_IMAGES, n), new byte[1]);
        }
    }

    private static void loadReal(List<Peer> peers, LabelledImages train, int block) throws Exception {
        for (int j = 0; j < peers.size(); j++) {
            int from = (j * SHARD_IMAGES) % (train.count() - SHARD_IMAGES);
            peers.get(j).client().loadShard(new ShardSpec("lenet-" + block + "-" + j, ImageShard.FORMAT, SHARD_IMAGES,
                    MODEL.describe(), NetworkSpecs.configBytes(MODEL)), ImageShard.encode(train.slice(from,
                    from + SHARD_IMAGES)));
        }
    }

    /** The coordinator's own per-round work, in this JVM: where a round's extra time goes. */
    private static void inProcess(ParameterServerStep server, int n, int agents) throws Exception {
        float[] g = new float[n];
        Arrays.fill(g, 1e-3f);
        List<LocalGradient> parts = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            parts.add(new LocalGradient(g, GLOBAL_BATCH / agents, 1.0));
        }
        FloatVector v = FloatCodec.encode(g);
        row("in process: encode " + n + " floats (FloatCodec)", time(200, () -> FloatCodec.encode(g)));
        row("in process: decode " + n + " floats (FloatCodec)", time(200, () -> FloatCodec.decode(v, "g", n)));
        row("in process: server.params() (copy out)", time(200, server::params));
        row("in process: server.apply(" + agents + " gradients) (sum + Adam step)", time(200, () -> server.apply(parts)));
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static List<Double> time(int reps, Work work) throws Exception {
        for (int i = 0; i < reps / 4; i++) {
            work.run();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            work.run();
            ms.add((System.nanoTime() - start) / 1e6);
        }
        return ms;
    }

    private static void row(String what, List<Double> values) {
        System.out.printf(Locale.ROOT, "%-66s %9.3f %9.3f %9.3f%n", what, quantile(values, 0.5), quantile(values, 0.9),
                values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
    }

    /** Nearest-rank quantile. */
    static double quantile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
