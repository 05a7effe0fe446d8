package io.deepedge.hw.bench;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.hw.load.RemoteLoadGenerator;
import io.deepedge.hw.load.RemoteRequest;
import io.deepedge.hw.load.RequestInputs;
import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.local.TestAgentMain;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.v1.BatchTiming;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.hw.train.UpdaterSpec;
import io.deepedge.models.Arrivals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Real agents under real CPU quotas (README "Hardware runner"): {@code quota} measures LeNet training throughput
 * at batch 64 under 0.25 / 0.5 / 1.0 cores; {@code lc} measures a LeNet LC service's latency on one agent, alone
 * and with training running on the same agent, at the client (the remote generator) and at the agent; {@code sync}
 * ({@link SyncBench}) a synchronisation round against the bare transfers of its bytes; {@code throughput}
 * ({@link ThroughputBench}) an agent's training throughput against a single-process baseline under the same quota;
 * {@code native-gc} ({@link NativeGcBench}) whether JVMs survive ND4J ops under frequent collections;
 * {@code roundcpu} ({@link RoundCpuBench}) the CPU a round's own work costs an agent, beside its wall time;
 * {@code ratecpu} ({@link RateCpuBench}) a request's CPU as its rate rises, alone and beside training;
 * {@code busyhost} ({@link BusyHostBench}) a lone service's requests with the host idle and busy by turns. Run:
 * {@code mvn -B -q -pl hw-runner -am test-compile -Pcpu,testbed-bench -Dtestbed.bench.args="quota lc"}; the system
 * properties {@code bench.lcCpus} (1.0), {@code bench.lcRate} (20), {@code bench.lcSec} (30), {@code bench.warmSec}
 * (10, LC warm-up before measuring), {@code bench.lcDump} (a file prefix: every request's latency, service and CPU
 * time of each {@code lc} phase), {@code bench.reps}
 * (15) and {@code bench.jvm} (the agents' JVM options), given in {@code -Dtestbed.bench.props="-D..."}, change
 * the setup.
 */
public final class TestbedBench {
    private static final NetworkSpec MODEL = NetworkSpec.Cnn.LENET;
    private static final int BATCH = 64;

    private TestbedBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> jvm = List.of(System.getProperty("bench.jvm", String.join(" ", AgentLauncher.DEFAULT_JVM_OPTIONS))
                .trim().split("\\s+"));
        AgentLauncher launcher = AgentLauncher.javaMain(TestAgentMain.class.getName(), List.of(), jvm);
        System.out.println("agent JVM options: " + jvm + "; load average at start: " + loadAverage());
        for (String mode : args) {
            switch (mode) {
                case "quota" -> quota(launcher);
                case "lc" -> lc(launcher);
                case "hop" -> hop(launcher);
                case "sync" -> SyncBench.run(BenchAgentMain.launcher(jvm));
                case "throughput" -> ThroughputBench.run(BenchAgentMain.launcher(jvm));
                case "warmcurve" -> WarmCurveBench.run(BenchAgentMain.launcher(jvm));
                case "native-gc" -> NativeGcBench.run();
                case "roundcpu" -> RoundCpuBench.run(launcher);
                case "ratecpu" -> RateCpuBench.run(launcher);
                case "busyhost" -> BusyHostBench.run(launcher);
                default -> throw new IllegalArgumentException("unknown bench " + mode
                        + ", expected quota, lc, hop, sync, throughput, warmcurve, native-gc, roundcpu, ratecpu or"
                        + " busyhost");
            }
        }
    }

    private static void quota(AgentLauncher launcher) throws Exception {
        double[] quotas = {0.25, 0.5, 1.0};
        int reps = Integer.getInteger("bench.reps", 15);
        List<LocalCluster.Device> devices = Arrays.stream(quotas)
                .mapToObj(q -> new LocalCluster.Device("q" + Math.round(q * 100), q)).toList();
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("bench-quota", devices, launcher))) {
            System.out.println("quotas enforced by " + cluster.quotas().mode());
            System.out.printf(Locale.ROOT, "%-8s %14s %14s %16s %12s%n", "cpus", "median ms/64", "examples/s",
                    "per CPU-second", "vs 1.0 CPU");
            double full = Double.NaN;
            double[] perSec = new double[quotas.length];
            for (int i = quotas.length - 1; i >= 0; i--) {
                try (AgentClient agent = client(cluster, devices.get(i).name())) {
                    loadShard(agent, 640);
                    BatchTiming t = agent.calibrate(List.of(BATCH), reps).getTimings(0);
                    perSec[i] = t.getSamplesPerSec();
                    full = i == quotas.length - 1 ? perSec[i] : full;
                    System.out.printf(Locale.ROOT, "%-8.2f %14.1f %14.1f %16.1f %12.2f%n", quotas[i], t.getMedianMs(),
                            perSec[i], perSec[i] / quotas[i], perSec[i] / full);
                }
            }
        }
        System.out.println("load average after: " + loadAverage());
    }

    private static void lc(AgentLauncher launcher) throws Exception {
        double cpus = Double.parseDouble(System.getProperty("bench.lcCpus", "1.0"));
        double rate = Double.parseDouble(System.getProperty("bench.lcRate", "20"));
        double sec = Double.parseDouble(System.getProperty("bench.lcSec", "30"));
        LabelledImages requests = FashionMnist.subset().test();
        for (String phase : List.of("alone", "with training")) {  // refused before any work, not after a phase
            for (String file : dumpFiles(phase)) {
                refuseExisting(java.nio.file.Path.of(file));
            }
        }
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("bench-lc",
                List.of(new LocalCluster.Device("edge", cpus)), launcher));
             AgentClient agent = client(cluster, "edge");
             AgentClient trainer = client(cluster, "edge");
             InferClient lc = InferClient.connect(LocalCluster.HOST, cluster.agent("edge").port(), cluster.token())) {
            System.out.printf(Locale.ROOT, "LC: LeNet service, batch 1, Poisson %.0f/s for %.0f s, on one agent of %.2f "
                    + "cpus (%s); training: LeNet gradients of batch %d back to back on the same agent%n", rate, sec, cpus,
                    cluster.quotas().mode(), BATCH);
            int samples = loadShard(agent, 640);
            agent.startServices(List.of(new ServiceSpec("lenet", "lenet", 100)));
            phase(agent, lc, requests, rate, Double.parseDouble(System.getProperty("bench.warmSec", "10")), 99,
                    "warm-up (not reported)", false);
            phase(agent, lc, requests, rate, sec, 1, "alone", true);
            AtomicBoolean training = new AtomicBoolean(true);
            AtomicLong trained = new AtomicLong();
            Thread train = new Thread(() -> train(trainer, samples, BATCH, training, trained));
            long start = System.nanoTime();
            train.start();
            Thread.sleep(2000);
            long before = trained.get();
            long measured = System.nanoTime();
            phase(agent, lc, requests, rate, sec, 1, "with training", true);
            double examplesPerSec = (trained.get() - before) / ((System.nanoTime() - measured) / 1e9);
            training.set(false);
            train.join();
            System.out.printf(Locale.ROOT, "training during the LC phase: %.1f examples/s (%d gradients of %d in %.0f s)%n",
                    examplesPerSec, trained.get() / BATCH, BATCH, (System.nanoTime() - start) / 1e9);
        }
        System.out.println("load average after: " + loadAverage());
    }

    /**
     * The gRPC hop alone: a service of (almost) no work, so the agent's latency is the trip to it and the client's
     * the round trip.
     */
    private static void hop(AgentLauncher launcher) throws Exception {
        double sec = Double.parseDouble(System.getProperty("bench.lcSec", "30"));
        double cpus = Double.parseDouble(System.getProperty("bench.lcCpus", "1.0"));
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("bench-hop",
                List.of(new LocalCluster.Device("edge", cpus)), launcher));
             AgentClient agent = client(cluster, "edge");
             InferClient lc = InferClient.connect(LocalCluster.HOST, cluster.agent("edge").port(), cluster.token())) {
            agent.hello("bench");
            agent.startServices(List.of(new ServiceSpec("lenet", "calibration-spin:0.01", 100)));
            System.out.printf(Locale.ROOT, "hop: a 0.01 ms busy-spin service, Poisson 20/s for %.0f s, one agent of %.2f"
                    + " cpus; requests carry a 784-byte image%n", sec, cpus);
            phase(agent, lc, FashionMnist.subset().test(), 20, 5, 99, "warm-up", false);
            phase(agent, lc, FashionMnist.subset().test(), 20, sec, 1, "hop", true);
        }
    }

    private static void phase(AgentClient agent, InferClient lc, LabelledImages images, double rate, double sec,
                              long seed, String label, boolean report) throws Exception {
        agent.metrics(); // a fresh window at the agent
        RunClock clock = RunClock.start();
        RemoteLoadGenerator g = new RemoteLoadGenerator(lc, "lenet", 100,
                ArrivalSchedule.of(new Arrivals.Poisson(rate), seed), sec, clock, RequestInputs.images(images),
                RemoteLoadGenerator.DEFAULT_CALL_DEADLINE).start();
        g.join();
        boolean all = g.awaitReplies(Duration.ofSeconds(60));
        MetricsSnapshot m = agent.metrics();
        if (!report) {
            return;
        }
        List<RemoteRequest> done = g.requests().stream().filter(RemoteRequest::finished).toList();
        double[] client = done.stream().mapToDouble(r -> r.latencySec() * 1000).sorted().toArray();
        float[] agentSide = FloatCodec.decode(m.getServices(0).getLatencyMs(), "latency_ms",
                (int) m.getServices(0).getCompleted());
        double[] atAgent = toDoubles(agentSide);
        dump(label, m, agentSide, clock, done);
        Arrays.sort(atAgent);
        System.out.printf(Locale.ROOT, "%-14s %5d requests (%s answered), max generator lag %.2f ms, served accuracy %.2f%n",
                label, g.sent(), all ? "all" : "NOT all", g.maxLagSec() * 1000, g.servedAccuracy());
        System.out.printf(Locale.ROOT, "  at the client: p50 %7.2f  p95 %7.2f  p99 %7.2f  max %7.2f ms%n",
                InferenceBench.quantile(client, 0.5), InferenceBench.quantile(client, 0.95),
                InferenceBench.quantile(client, 0.99), client[client.length - 1]);
        System.out.printf(Locale.ROOT, "  at the agent:  p50 %7.2f  p95 %7.2f  p99 %7.2f  max %7.2f ms (%d requests)%n",
                InferenceBench.quantile(atAgent, 0.5), InferenceBench.quantile(atAgent, 0.95),
                InferenceBench.quantile(atAgent, 0.99), atAgent[atAgent.length - 1], atAgent.length);
        double[] lag = done.stream().mapToDouble(r -> (r.sentSec() - r.arrivalSec()) * 1000).sorted().toArray();
        System.out.printf(Locale.ROOT, "  generator lag (send - scheduled arrival): p50 %.3f  p99 %.3f ms%n",
                InferenceBench.quantile(lag, 0.5), InferenceBench.quantile(lag, 0.99));
        System.out.printf(Locale.ROOT, "  the gRPC hop back (client - agent): mean %.3f ms, at p50 %.3f ms%n",
                Arrays.stream(client).average().orElse(0) - Arrays.stream(atAgent).average().orElse(0),
                InferenceBench.quantile(client, 0.5) - InferenceBench.quantile(atAgent, 0.5));
        double windowSec = (m.getWindowEndUnixMs() - m.getWindowStartUnixMs()) / 1000.0;
        System.out.printf(Locale.ROOT, "  the agent process: %.3f cores over its %.1f s window = %.2f ms of CPU per request"
                + " (everything the process did, training included)%n", m.getProcessCpuCores(), windowSec,
                m.getProcessCpuCores() * windowSec * 1000 / atAgent.length);
        System.out.printf(Locale.ROOT, "  the agent's collector: %d pauses (one per %.0f requests), %.1f ms wall, %.1f ms of"
                + " the collector threads' CPU and %.1f ms of cleanup CPU each%n", m.getGcPauses(),
                (double) atAgent.length / Math.max(1, m.getGcPauses()), m.getGcPauseMs() / Math.max(1, m.getGcPauses()),
                m.getGcPauseCpuMs() / Math.max(1, m.getGcPauses()), m.getGcCleanupCpuMs() / Math.max(1, m.getGcPauses()));
    }

    /**
     * With {@code bench.lcDump=PREFIX}: the agent's record of every request of the phase, in completion order, to
     * {@code PREFIX-<phase>.tsv} (latency, service time and the worker's CPU time, ms), and the client's, in arrival
     * order, to {@code PREFIX-<phase>-client.tsv} (scheduled arrival as a {@code CLOCK_MONOTONIC} reading in ns, which
     * {@code experiments/fidelity/cfs-periods.py} records too, and latency in ms), for looking at the tail's make-up
     * (README "What a lone service's tail is made of").
     */
    private static void dump(String label, MetricsSnapshot m, float[] latencyMs, RunClock clock,
                             List<RemoteRequest> done) throws Exception {
        List<String> files = dumpFiles(label);
        if (files.isEmpty()) {
            return;
        }
        StringBuilder client = new StringBuilder("arrival_monotonic_ns\tlatency_ms\n");
        for (RemoteRequest r : done) {
            client.append(clock.nanosAt(r.arrivalSec())).append('\t').append(r.latencySec() * 1000).append('\n');
        }
        writeNew(files.get(0), client);
        int n = latencyMs.length;
        float[] serviceMs = FloatCodec.decode(m.getServices(0).getServiceMs(), "service_ms", n);
        float[] cpuMs = FloatCodec.decode(m.getServices(0).getServiceCpuMs(), "service_cpu_ms", n);
        StringBuilder out = new StringBuilder("latency_ms\tservice_ms\tcpu_ms\n");
        for (int i = 0; i < n; i++) {
            out.append(latencyMs[i]).append('\t').append(serviceMs[i]).append('\t').append(cpuMs[i]).append('\n');
        }
        writeNew(files.get(1), out);
    }

    /** The client's and the agent's dump files of a phase; none without {@code bench.lcDump}. */
    private static List<String> dumpFiles(String phase) {
        String prefix = System.getProperty("bench.lcDump");
        if (prefix == null) {
            return List.of();
        }
        String stem = prefix + "-" + phase.replace(' ', '-');
        return List.of(stem + "-client.tsv", stem + ".tsv");
    }

    private static void refuseExisting(java.nio.file.Path file) throws java.io.IOException {
        if (java.nio.file.Files.exists(file)) {
            throw new java.io.IOException(file + ": exists; give bench.lcDump a new prefix");
        }
    }

    /** Writes a file that must not exist yet, whole or not at all (a partial file beside it, moved into place). */
    private static void writeNew(String file, CharSequence text) throws java.io.IOException {
        java.nio.file.Path target = java.nio.file.Path.of(file);
        refuseExisting(target);
        java.nio.file.Path partial = java.nio.file.Path.of(file + ".partial");
        try {
            java.nio.file.Files.writeString(partial, text, java.nio.file.StandardOpenOption.CREATE_NEW);
            java.nio.file.Files.move(partial, target);  // no REPLACE_EXISTING: never over a file written meanwhile
        } finally {
            java.nio.file.Files.deleteIfExists(partial);
        }
    }

    /** LeNet gradients of {@code batch} samples back to back on the agent's shard until {@code running} is false. */
    static void train(AgentClient agent, int samples, int batch, AtomicBoolean running, AtomicLong trained) {
        train(agent, samples, batch, running, trained, new DoubleAdder());
    }

    /**
     * The same, adding each call's compute-thread CPU (ms, the agent's report) to {@code computeCpuMs}: the CPU the
     * training itself took, apart from the rest of the agent's threads.
     */
    static void train(AgentClient agent, int samples, int batch, AtomicBoolean running, AtomicLong trained,
                      DoubleAdder computeCpuMs) {
        float[] params = MODEL.build(28, 28, 10, 3, UpdaterSpec.sgd(1)).params().toFloatVector();
        try {
            agent.gradient(0, 1, params, 0, batch);
            for (long i = 1; running.get(); i++) {
                int from = (int) ((i * batch) % (samples - batch));
                GradientResult r = agent.gradientWithHeldParams(i, 1, from, batch, params.length);
                trained.addAndGet(batch);
                computeCpuMs.add(r.parts().agentComputeCpuMs());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The agent's float figures (latencies, CPU times) as doubles for the quantile and mean code. */
    static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Greets the agent and loads the first {@code images} training images as a LeNet shard; returns their count. */
    static int loadShard(AgentClient agent, int images) throws Exception {
        agent.hello("bench");
        LabelledImages shard = FashionMnist.subset().train().slice(0, images);
        agent.loadShard(new ShardSpec("bench", ImageShard.FORMAT, images, "lenet", NetworkSpecs.configBytes(MODEL)),
                ImageShard.encode(shard));
        return images;
    }

    static AgentClient client(LocalCluster cluster, String device) {
        LocalCluster.Agent a = cluster.agent(device);
        return AgentClient.connect(a.host(), a.port(), cluster.token(), CallDeadlines.defaults(),
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
